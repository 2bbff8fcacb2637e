// The SIP corpus of bench/sip.bench.mjs: realistic messages of one SIP-I call through Tandem and
// its neighbours, as the octets a UDP socket would hand over. test/bench/sip-corpus.test.ts checks
// that each one parses with Tandem's parser and round-trips, so the benchmark measures the real path.
//
// Built here, not captured: addresses are documentation ranges (RFC 5737) and example domains.
// The ISUP octets come from ss7-isup-codec's encode() (its built dist when run by node).
import { encode } from 'ss7-isup-codec';

/**
 * @typedef {object} CorpusMessage
 * @property {string} name short id, e.g. `invite-sdp`
 * @property {string} description what the message is
 * @property {Buffer} bytes the whole datagram
 * @property {boolean} binaryBody whether the body holds octets that are not text (an ISUP part)
 * @property {boolean} folded whether some header line is folded, so serializing unfolds it
 */

/** An IAM as an MGCF sends it in SIP-I (RFC 3204 body framing: no CIC). */
export const IAM_MESSAGE = {
  type: 'IAM',
  params: {
    natureOfConnectionIndicators: { satellite: 0, continuityCheck: 0, echoControlDevice: false },
    forwardCallIndicators: {
      international: false,
      endToEndMethod: 0,
      interworking: false,
      endToEndInformation: false,
      isupAllTheWay: true,
      isupPreference: 0,
      isdnAccess: true,
      sccpMethod: 0,
      portedNumberTranslated: false,
      queryOnReleaseAttempt: false,
    },
    callingPartysCategory: 10, // ordinary subscriber: octet 0x0a (LF)
    transmissionMediumRequirement: 0, // speech
    calledPartyNumber: { inn: false, numberingPlan: 1, natureOfAddress: 3, digits: '0612345678' },
  },
  optional: [
    { name: 'userServiceInformation', value: { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 16, layer1Protocol: 3 } },
    // 13 hops, then the calling party number's parameter code 0x0a: octets 0d 0a (CR LF) inside the part.
    { name: 'hopCounter', value: { hops: 13 } },
    { name: 'callingPartyNumber', value: { numberIncomplete: false, numberingPlan: 1, presentation: 0, screening: 3, natureOfAddress: 4, digits: '33123456789' } },
    { name: 'propagationDelayCounter', value: { delayMs: 90 } },
  ],
};

/** REL, cause 16 (normal call clearing), location public network serving the remote user: 0c 02 00 02 84 90. */
export const REL_MESSAGE = {
  type: 'REL',
  params: { causeIndicators: { codingStandard: 0, location: 4, causeValue: 16 } },
  optional: [],
};

/** The IAM's octets: holds octets >= 0x80 and CR LF. */
export const ISUP_IAM = Buffer.from(encode(/** @type {any} */ (IAM_MESSAGE), { framing: 'body' }));
/** The REL's octets. */
export const ISUP_REL = Buffer.from(encode(/** @type {any} */ (REL_MESSAGE), { framing: 'body' }));

export const ISUP_CONTENT_TYPE = 'application/isup;version=itu-t92+;base=itu-t92+';
export const SIPI_BOUNDARY = 'unique-boundary-1';

/** @param {string} text @returns {Buffer} */
const latin1 = (text) => Buffer.from(text, 'latin1');
/** @param {readonly string[]} lines @returns {string} */
const text = (lines) => lines.map((l) => `${l}\r\n`).join('');

/**
 * A datagram: the lines, with `Content-Length` (or compact `l`) filled in when a line is
 * `Content-Length: #` / `l: #`, the empty line, then the body octets.
 * @param {readonly string[]} lines @param {Buffer} [body]
 */
function datagram(lines, body = Buffer.alloc(0)) {
  const head = lines.map((l) => l.replace(/^(Content-Length|l): #$/, `$1: ${body.length}`));
  return Buffer.concat([latin1(`${text(head)}\r\n`), body]);
}

/** @param {string} ip @param {string} user @param {number} port @param {string} session */
function sdp(ip, user, port, session) {
  return latin1(
    text([
      'v=0',
      `o=${user} ${session} ${session} IN IP4 ${ip}`,
      's=-',
      `c=IN IP4 ${ip}`,
      't=0 0',
      `m=audio ${port} RTP/AVP 8 0 101`,
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      'a=ptime:20',
      'a=sendrecv',
    ]),
  );
}

/** The SIP-I INVITE's parts: SDP, then the IAM (RFC 3204 §3). */
export const SIPI_PARTS = [
  { headers: [{ name: 'Content-Type', value: 'application/sdp' }], body: sdp('198.51.100.20', 'mgcf', 30000, '1207465132') },
  {
    headers: [
      { name: 'Content-Type', value: ISUP_CONTENT_TYPE },
      { name: 'Content-Disposition', value: 'signal;handling=required' },
    ],
    body: ISUP_IAM,
  },
];

/**
 * multipart/mixed with the layout of Tandem's buildMultipart (the test checks they agree):
 * each part as `--boundary CRLF headers CRLF body CRLF`, then `--boundary-- CRLF`.
 * @param {readonly { headers: readonly { name: string, value: string }[], body: Buffer }[]} parts
 * @param {string} boundary
 */
function multipart(parts, boundary) {
  const chunks = [];
  for (const part of parts) {
    chunks.push(latin1(`--${boundary}\r\n${text(part.headers.map((h) => `${h.name}: ${h.value}`))}\r\n`), part.body, latin1('\r\n'));
  }
  chunks.push(latin1(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

// One call from a PBX (Alice, 192.0.2.10) to the PSTN through Tandem, one SIP-I call from an
// MGCF (198.51.100.20), a registration, and a few odd-looking but valid messages.
const ALICE_FROM = 'From: "Alice Martin" <sip:+33123456789@pbx.example.com;user=phone>;tag=9fxced76sl';
const ALICE_TO = 'To: <sip:+33612345678@gw.tandem.example.net;user=phone>';
const ALICE_TO_TAGGED = `${ALICE_TO};tag=tdm-1f3a9c`;
const ALICE_CALL_ID = 'Call-ID: 3848276298220188511@192.0.2.10';
const ALICE_VIA = 'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport';
const ALICE_VIA_RECEIVED = 'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.10';
const TANDEM_CONTACT = 'Contact: <sip:gw@203.0.113.5:5060;transport=udp>';

/** @type {readonly CorpusMessage[]} */
export const CORPUS = [
  {
    name: 'invite-sdp',
    description: 'INVITE with SDP offer (PBX to Tandem)',
    binaryBody: false,
    folded: false,
    bytes: datagram(
      [
        'INVITE sip:+33612345678@gw.tandem.example.net;user=phone SIP/2.0',
        ALICE_VIA,
        'Max-Forwards: 70',
        'Route: <sip:sbc.operator.example.net;lr>',
        ALICE_FROM,
        ALICE_TO,
        ALICE_CALL_ID,
        'CSeq: 1 INVITE',
        'Contact: <sip:+33123456789@192.0.2.10:5060;transport=udp>',
        'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO',
        'Supported: 100rel, timer, replaces',
        'Session-Expires: 1800;refresher=uac',
        'P-Asserted-Identity: "Alice Martin" <sip:+33123456789@pbx.example.com;user=phone>',
        'User-Agent: ExamplePBX/4.2',
        'Content-Type: application/sdp',
        'Content-Length: #',
      ],
      sdp('192.0.2.10', 'pbx', 49170, '2890844526'),
    ),
  },
  {
    name: 'sipi-invite',
    description: 'SIP-I INVITE: multipart/mixed, SDP + binary ISUP IAM (MGCF to Tandem)',
    binaryBody: true,
    folded: false,
    bytes: datagram(
      [
        'INVITE sip:+33612345678@gw.tandem.example.net;user=phone SIP/2.0',
        'Via: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKsipi01a',
        'Max-Forwards: 69',
        'From: <sip:+33123456789@mgcf.operator.example.net;user=phone>;tag=mgcf-77b1',
        'To: <sip:+33612345678@gw.tandem.example.net;user=phone>',
        'Call-ID: sipi-5c0e7a41@198.51.100.20',
        'CSeq: 101 INVITE',
        'Contact: <sip:mgcf@198.51.100.20:5060>',
        'Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE, INFO',
        'Supported: 100rel',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed;boundary=${SIPI_BOUNDARY}`,
        'Content-Length: #',
      ],
      multipart(SIPI_PARTS, SIPI_BOUNDARY),
    ),
  },
  {
    name: '100-trying',
    description: '100 Trying',
    binaryBody: false,
    folded: false,
    bytes: datagram(['SIP/2.0 100 Trying', ALICE_VIA_RECEIVED, ALICE_FROM, ALICE_TO, ALICE_CALL_ID, 'CSeq: 1 INVITE', 'Content-Length: 0']),
  },
  {
    name: '180-ringing',
    description: '180 Ringing with Record-Route and Contact',
    binaryBody: false,
    folded: false,
    bytes: datagram([
      'SIP/2.0 180 Ringing',
      ALICE_VIA_RECEIVED,
      'Record-Route: <sip:203.0.113.5:5060;lr>',
      ALICE_FROM,
      ALICE_TO_TAGGED,
      ALICE_CALL_ID,
      'CSeq: 1 INVITE',
      TANDEM_CONTACT,
      'Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE',
      'Content-Length: 0',
    ]),
  },
  {
    name: '183-sdp',
    description: '183 Session Progress with SDP (early media, reliable)',
    binaryBody: false,
    folded: false,
    bytes: datagram(
      [
        'SIP/2.0 183 Session Progress',
        ALICE_VIA_RECEIVED,
        'Record-Route: <sip:203.0.113.5:5060;lr>',
        ALICE_FROM,
        ALICE_TO_TAGGED,
        ALICE_CALL_ID,
        'CSeq: 1 INVITE',
        TANDEM_CONTACT,
        'Require: 100rel',
        'RSeq: 1',
        'Content-Type: application/sdp',
        'Content-Length: #',
      ],
      sdp('203.0.113.5', 'tandem', 20000, '3724094713'),
    ),
  },
  {
    name: '200-sdp',
    description: '200 OK to INVITE with SDP answer',
    binaryBody: false,
    folded: false,
    bytes: datagram(
      [
        'SIP/2.0 200 OK',
        ALICE_VIA_RECEIVED,
        'Record-Route: <sip:203.0.113.5:5060;lr>',
        ALICE_FROM,
        ALICE_TO_TAGGED,
        ALICE_CALL_ID,
        'CSeq: 1 INVITE',
        TANDEM_CONTACT,
        'Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE',
        'Supported: timer',
        'Session-Expires: 1800;refresher=uac',
        'Content-Type: application/sdp',
        'Content-Length: #',
      ],
      sdp('203.0.113.5', 'tandem', 20000, '3724094714'),
    ),
  },
  {
    name: 'ack',
    description: 'ACK to the 200 OK, along the route set',
    binaryBody: false,
    folded: false,
    bytes: datagram([
      'ACK sip:gw@203.0.113.5:5060;transport=udp SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bfa;rport',
      'Max-Forwards: 70',
      'Route: <sip:203.0.113.5:5060;lr>',
      ALICE_FROM,
      ALICE_TO_TAGGED,
      ALICE_CALL_ID,
      'CSeq: 1 ACK',
      'Content-Length: 0',
    ]),
  },
  {
    name: 'bye',
    description: 'BYE with a Q.850 Reason',
    binaryBody: false,
    folded: false,
    bytes: datagram([
      'BYE sip:gw@203.0.113.5:5060;transport=udp SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bfb;rport',
      'Max-Forwards: 70',
      'Route: <sip:203.0.113.5:5060;lr>',
      ALICE_FROM,
      ALICE_TO_TAGGED,
      ALICE_CALL_ID,
      'CSeq: 2 BYE',
      'Reason: Q.850;cause=16;text="Normal call clearing"',
      'Content-Length: 0',
    ]),
  },
  {
    name: '486-busy',
    description: '486 Busy Here with a Q.850 Reason (ISUP cause 17)',
    binaryBody: false,
    folded: false,
    bytes: datagram([
      'SIP/2.0 486 Busy Here',
      'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK8a1c0;rport=5060;received=192.0.2.10',
      'From: "Alice Martin" <sip:+33123456789@pbx.example.com;user=phone>;tag=2b7e1f',
      'To: <sip:+33698765432@gw.tandem.example.net;user=phone>;tag=tdm-5e0d21',
      'Call-ID: 0c9e22b1f4d54a0f@192.0.2.10',
      'CSeq: 1 INVITE',
      'Reason: Q.850;cause=17;text="User busy"',
      'Content-Length: 0',
    ]),
  },
  {
    name: 'register-auth',
    description: 'REGISTER with a digest Authorization',
    binaryBody: false,
    folded: false,
    bytes: datagram([
      'REGISTER sip:registrar.tandem.example.net SIP/2.0',
      'Via: SIP/2.0/UDP 203.0.113.45:5060;branch=z9hG4bKnashds8;rport',
      'Max-Forwards: 70',
      'From: <sip:1001@tandem.example.net>;tag=a73kszlfl',
      'To: <sip:1001@tandem.example.net>',
      'Call-ID: 1j9FpLxk3uxtm8tn@203.0.113.45',
      'CSeq: 2 REGISTER',
      'Contact: <sip:1001@203.0.113.45:5060;transport=udp>;expires=3600',
      'Authorization: Digest username="1001", realm="tandem.example.net", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:registrar.tandem.example.net", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, qop=auth, nc=00000001, cnonce="0a4f113b", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      'Expires: 3600',
      'User-Agent: ExamplePhone/1.9',
      'Content-Length: 0',
    ]),
  },
  {
    name: '401-challenge',
    description: '401 Unauthorized with a WWW-Authenticate challenge',
    binaryBody: false,
    folded: false,
    bytes: datagram([
      'SIP/2.0 401 Unauthorized',
      'Via: SIP/2.0/UDP 203.0.113.45:5060;branch=z9hG4bKnashds7;rport=5060;received=203.0.113.45',
      'From: <sip:1001@tandem.example.net>;tag=a73kszlfl',
      'To: <sip:1001@tandem.example.net>;tag=reg-37d1',
      'Call-ID: 1j9FpLxk3uxtm8tn@203.0.113.45',
      'CSeq: 1 REGISTER',
      'WWW-Authenticate: Digest realm="tandem.example.net", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5, qop="auth"',
      'Content-Length: 0',
    ]),
  },
  {
    name: 'invite-compact',
    description: 'INVITE with SDP in compact header forms (v f t i m k c l)',
    binaryBody: false,
    folded: false,
    bytes: datagram(
      [
        'INVITE sip:+33612345679@gw.tandem.example.net;user=phone SIP/2.0',
        'v: SIP/2.0/UDP 192.0.2.11:5060;branch=z9hG4bKcmp01',
        'Max-Forwards: 70',
        'f: <sip:+33123450000@pbx.example.com;user=phone>;tag=c0mp4ct',
        't: <sip:+33612345679@gw.tandem.example.net;user=phone>',
        'i: compact-7d2f1e@192.0.2.11',
        'CSeq: 1 INVITE',
        'm: <sip:+33123450000@192.0.2.11:5060>',
        'k: timer',
        'c: application/sdp',
        'l: #',
      ],
      sdp('192.0.2.11', 'pbx', 49172, '2890844530'),
    ),
  },
  {
    name: 'options-folded',
    description: 'OPTIONS with folded header lines (Via list, quoted display name, Accept, Allow)',
    binaryBody: false,
    folded: true,
    bytes: datagram([
      'OPTIONS sip:gw.tandem.example.net SIP/2.0',
      'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKfold01,',
      ' SIP/2.0/UDP 198.51.100.8:5060;branch=z9hG4bKfold00',
      'Max-Forwards: 69',
      'From: "Monitoring',
      '  Probe" <sip:probe@monitor.example.org>;tag=f01d',
      'To: <sip:gw.tandem.example.net>',
      'Call-ID: folded-8e31@198.51.100.7',
      'CSeq: 7 OPTIONS',
      'Accept: application/sdp,',
      '\tapplication/isup',
      'Allow: INVITE, ACK,',
      ' CANCEL, BYE, OPTIONS',
      'Content-Length: 0',
    ]),
  },
  {
    name: 'sipi-bye-rel',
    description: 'SIP-I BYE with a binary ISUP REL body (application/isup)',
    binaryBody: true,
    folded: false,
    bytes: datagram(
      [
        'BYE sip:mgcf@198.51.100.20:5060 SIP/2.0',
        'Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKrel9d2',
        'Max-Forwards: 70',
        'From: <sip:+33612345678@gw.tandem.example.net;user=phone>;tag=tdm-a41b',
        'To: <sip:+33123456789@mgcf.operator.example.net;user=phone>;tag=mgcf-77b1',
        'Call-ID: sipi-5c0e7a41@198.51.100.20',
        'CSeq: 1 BYE',
        'Reason: Q.850;cause=16',
        'MIME-Version: 1.0',
        `Content-Type: ${ISUP_CONTENT_TYPE}`,
        'Content-Disposition: signal;handling=required',
        'Content-Length: #',
      ],
      ISUP_REL,
    ),
  },
];

/**
 * Where the body starts in a datagram (just after the first CRLF CRLF), or -1.
 * @param {Uint8Array} bytes
 */
export function bodyStart(bytes) {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('\r\n\r\n', 0, 'latin1');
  return at < 0 ? -1 : at + 4;
}
