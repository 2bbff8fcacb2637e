// The SIP libraries that bench/sip.bench.mjs compares, each as a round trip
// `datagram octets -> parsed message -> what a transaction layer reads -> octets to send`,
// through its real entry points. What is read is the same for every library (`TxFields`): the
// top Via's branch, CSeq number and method, Call-ID, From and To tags, Content-Length and the
// body, each through the library's own accessors, so that a lazy parser pays for what a
// transaction layer makes it parse.
//
// drachtio-sip and the npm `sip` package work on strings: their time includes turning the
// datagram into the string they take and the string they give back into octets, as a real stack
// must. Tandem takes and gives octets. Tandem's functions are passed in, so that the bench can
// use the build (dist/) and the test the sources.
import { createRequire } from 'node:module';
import drachtio from 'drachtio-sip';
import sip from 'sip';

const require = createRequire(import.meta.url);

/** @param {string} name @returns {string} the installed version of a dependency */
function versionOf(name) {
  return /** @type {{ version: string }} */ (require(`${name}/package.json`)).version;
}

/**
 * @typedef {object} Library
 * @property {string} id
 * @property {string} label library and version
 * @property {string} how how the datagram reaches the library and the result leaves it
 * @property {boolean} baseline whether the ratios are against this row
 * @property {(datagram: Buffer) => Uint8Array} roundTrip parse, read the TxFields, serialize; throws if the library cannot parse
 * @property {(datagram: Buffer) => TxFields} fields parse and read the TxFields
 */

/**
 * What a transaction layer reads from every message (RFC 3261 §17.1.3, §17.2.3), and the UA core
 * from each (§8.2.2, §12): the same for every library.
 * @typedef {object} TxFields
 * @property {string | undefined} branch of the top Via
 * @property {number} cseq
 * @property {string} method of the CSeq
 * @property {string} callId
 * @property {string | undefined} fromTag
 * @property {string | undefined} toTag
 * @property {number | undefined} contentLength
 * @property {number} bodyLength octets (or, for a string body, its length)
 */

/** A checksum of the fields, so that reading them cannot be optimized away. */
function weight(/** @type {TxFields} */ f) {
  return (f.branch?.length ?? 0) + f.cseq + f.method.length + f.callId.length + (f.fromTag?.length ?? 0) + (f.toTag?.length ?? 0) + (f.contentLength ?? 0) + f.bodyLength;
}

/** The sum of the weights of every message read, for the bench to print. */
let sink = 0;
/** @returns {number} */
export function fieldsSink() {
  return sink;
}

/**
 * @typedef {object} TandemMessageApi
 * @property {(input: Uint8Array, options?: { framing?: 'datagram' | 'stream' }) => { ok: true, value: any } | { ok: false, error: { code: string, message: string } }} parseMessage
 * @property {(message: any) => Uint8Array} serializeMessage
 * @property {(headers: any, name: string, parse: any) => any} readOne
 * @property {(headers: any, name: string, parse: any) => any} readList
 * @property {any} parseVia
 * @property {any} parseCSeq
 * @property {any} parseCallId
 * @property {any} parseFromTo
 * @property {any} parseContentLength
 */

/**
 * @param {TandemMessageApi} tandem Tandem's parseMessage and serializeMessage
 * @returns {Library[]}
 */
export function makeLibraries({ parseMessage, serializeMessage, readOne, readList, parseVia, parseCSeq, parseCallId, parseFromTo, parseContentLength }) {
  /** Tandem's typed reads (the values validated by parseMessage are cached on the fields). */
  const tandemFields = (/** @type {any} */ m) => {
    const via = readList(m.headers, 'Via', parseVia);
    const cseq = readOne(m.headers, 'CSeq', parseCSeq);
    const callId = readOne(m.headers, 'Call-ID', parseCallId);
    const from = readOne(m.headers, 'From', parseFromTo);
    const to = readOne(m.headers, 'To', parseFromTo);
    const length = readOne(m.headers, 'Content-Length', parseContentLength);
    if (!via.ok || !cseq.ok || !callId.ok || !from.ok || !to.ok || !length.ok) throw new Error('Tandem: a checked header does not read');
    return /** @type {TxFields} */ ({
      branch: via.value[0]?.branch,
      cseq: cseq.value.seq,
      method: cseq.value.method,
      callId: callId.value,
      fromTag: from.value.tag,
      toTag: to.value.tag,
      contentLength: length.value,
      bodyLength: m.body.length,
    });
  };
  const tandemParse = (/** @type {Buffer} */ datagram) => {
    const parsed = parseMessage(datagram, { framing: 'datagram' });
    if (!parsed.ok) throw new Error(`Tandem: ${parsed.error.code}: ${parsed.error.message}`);
    return parsed.value;
  };
  /** drachtio-sip's accessors: get() for plain values, getParsedHeader() for the structured ones. */
  const drachtioFields = (/** @type {any} */ m) => {
    const cseq = m.getParsedHeader('cseq');
    const length = m.get('content-length');
    return /** @type {TxFields} */ ({
      branch: m.getParsedHeader('via')[0]?.params.branch,
      cseq: Number(cseq.seq),
      method: cseq.method,
      callId: m.get('call-id'),
      fromTag: m.getParsedHeader('from').params.tag,
      toTag: m.getParsedHeader('to').params.tag,
      contentLength: length === undefined ? undefined : Number(length),
      bodyLength: m.body?.length ?? 0,
    });
  };
  /** sip's parsed headers. */
  const sipFields = (/** @type {any} */ m) => {
    const length = m.headers['content-length'];
    return /** @type {TxFields} */ ({
      branch: m.headers.via[0]?.params.branch,
      cseq: Number(m.headers.cseq.seq),
      method: m.headers.cseq.method,
      callId: m.headers['call-id'],
      fromTag: m.headers.from.params.tag,
      toTag: m.headers.to.params.tag,
      contentLength: length === undefined ? undefined : Number(length),
      bodyLength: m.content?.length ?? 0,
    });
  };
  const { SipMessage } = drachtio;
  const drachtioVersion = versionOf('drachtio-sip');
  const sipVersion = versionOf('sip');
  return [
    {
      id: 'tandem',
      label: 'Tandem',
      how: "parseMessage(buffer, { framing: 'datagram' }) -> serializeMessage() octets",
      baseline: false,
      roundTrip(datagram) {
        const m = tandemParse(datagram);
        sink += weight(tandemFields(m));
        return serializeMessage(m);
      },
      fields: (datagram) => tandemFields(tandemParse(datagram)),
    },
    {
      // What a drachtio user gets: text decoded as UTF-8 (drachtio-sip's own parser calls
      // toString('utf8') and counts body length with Buffer.byteLength(body, 'utf8')).
      id: 'drachtio-utf8',
      label: `drachtio-sip ${drachtioVersion}`,
      how: "new SipMessage(buffer.toString('utf8')).toString() -> Buffer.from(s, 'utf8')",
      baseline: true,
      roundTrip(datagram) {
        const m = new SipMessage(datagram.toString('utf8'));
        sink += weight(drachtioFields(m));
        return Buffer.from(m.toString(), 'utf8');
      },
      fields: (datagram) => drachtioFields(new SipMessage(datagram.toString('utf8'))),
    },
    {
      id: 'drachtio-latin1',
      label: `drachtio-sip ${drachtioVersion}`,
      how: "new SipMessage(buffer.toString('latin1')).toString() -> Buffer.from(s, 'latin1')",
      baseline: false,
      roundTrip(datagram) {
        const m = new SipMessage(datagram.toString('latin1'));
        sink += weight(drachtioFields(m));
        return Buffer.from(m.toString(), 'latin1');
      },
      fields: (datagram) => drachtioFields(new SipMessage(datagram.toString('latin1'))),
    },
    {
      // What sip's own UDP transport does: sip.parse(buffer) (which calls toString('binary')),
      // then Buffer.from(sip.stringify(m), 'binary').
      id: 'sip-binary',
      label: `sip ${sipVersion}`,
      how: "sip.parse(buffer) [its toString('binary')] -> Buffer.from(sip.stringify(m), 'binary')",
      baseline: false,
      roundTrip(datagram) {
        const m = sip.parse(datagram);
        if (m === undefined) throw new Error('sip: parse gave undefined');
        sink += weight(sipFields(m));
        return Buffer.from(sip.stringify(m), 'binary');
      },
      fields: (datagram) => sipFields(sip.parse(datagram)),
    },
    {
      id: 'sip-utf8',
      label: `sip ${sipVersion}`,
      how: "sip.parse(buffer.toString('utf8')) -> Buffer.from(sip.stringify(m), 'utf8')",
      baseline: false,
      roundTrip(datagram) {
        const m = sip.parse(datagram.toString('utf8'));
        if (m === undefined) throw new Error('sip: parse gave undefined');
        sink += weight(sipFields(m));
        return Buffer.from(sip.stringify(m), 'utf8');
      },
      fields: (datagram) => sipFields(sip.parse(datagram.toString('utf8'))),
    },
  ];
}

/**
 * @typedef {object} BodyCheck
 * @property {boolean} intact the octets after the empty line are exactly the original body
 * @property {boolean} lengthRight the Content-Length sent is the number of body octets sent
 * @property {number} sentLength body octets sent
 * @property {number | undefined} declaredLength Content-Length sent
 */

/**
 * Compares the body a library sends with the original one.
 * @param {Uint8Array} original the datagram given to the library
 * @param {Uint8Array} sent what it gave back
 * @returns {BodyCheck}
 */
export function checkBody(original, sent) {
  const o = Buffer.from(original.buffer, original.byteOffset, original.byteLength);
  const s = Buffer.from(sent.buffer, sent.byteOffset, sent.byteLength);
  const oStart = o.indexOf('\r\n\r\n', 0, 'latin1') + 4;
  const sStart = s.indexOf('\r\n\r\n', 0, 'latin1') + 4;
  const sentBody = sStart < 4 ? Buffer.alloc(0) : s.subarray(sStart);
  const head = s.toString('latin1', 0, Math.max(0, sStart - 4));
  const match = /^(?:Content-Length|l)[ \t]*:[ \t]*(\d+)[ \t]*$/im.exec(head);
  const declaredLength = match?.[1] === undefined ? undefined : Number(match[1]);
  return {
    intact: sentBody.equals(o.subarray(oStart)),
    lengthRight: declaredLength === sentBody.length,
    sentLength: sentBody.length,
    declaredLength,
  };
}
