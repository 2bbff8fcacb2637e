// The SIP libraries that bench/sip.bench.mjs compares, each as a round trip
// `datagram octets -> parsed message -> octets to send`, through its real entry points.
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
 * @property {(datagram: Buffer) => Uint8Array} roundTrip parse then serialize; throws if the library cannot parse
 */

/**
 * @typedef {object} TandemMessageApi
 * @property {(input: Uint8Array, options?: { framing?: 'datagram' | 'stream' }) => { ok: true, value: any } | { ok: false, error: { code: string, message: string } }} parseMessage
 * @property {(message: any) => Uint8Array} serializeMessage
 */

/**
 * @param {TandemMessageApi} tandem Tandem's parseMessage and serializeMessage
 * @returns {Library[]}
 */
export function makeLibraries({ parseMessage, serializeMessage }) {
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
        const parsed = parseMessage(datagram, { framing: 'datagram' });
        if (!parsed.ok) throw new Error(`Tandem: ${parsed.error.code}: ${parsed.error.message}`);
        return serializeMessage(parsed.value);
      },
    },
    {
      // What a drachtio user gets: text decoded as UTF-8 (drachtio-sip's own parser calls
      // toString('utf8') and counts body length with Buffer.byteLength(body, 'utf8')).
      id: 'drachtio-utf8',
      label: `drachtio-sip ${drachtioVersion}`,
      how: "new SipMessage(buffer.toString('utf8')).toString() -> Buffer.from(s, 'utf8')",
      baseline: true,
      roundTrip(datagram) {
        return Buffer.from(new SipMessage(datagram.toString('utf8')).toString(), 'utf8');
      },
    },
    {
      id: 'drachtio-latin1',
      label: `drachtio-sip ${drachtioVersion}`,
      how: "new SipMessage(buffer.toString('latin1')).toString() -> Buffer.from(s, 'latin1')",
      baseline: false,
      roundTrip(datagram) {
        return Buffer.from(new SipMessage(datagram.toString('latin1')).toString(), 'latin1');
      },
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
        return Buffer.from(sip.stringify(m), 'binary');
      },
    },
    {
      id: 'sip-utf8',
      label: `sip ${sipVersion}`,
      how: "sip.parse(buffer.toString('utf8')) -> Buffer.from(sip.stringify(m), 'utf8')",
      baseline: false,
      roundTrip(datagram) {
        const m = sip.parse(datagram.toString('utf8'));
        if (m === undefined) throw new Error('sip: parse gave undefined');
        return Buffer.from(sip.stringify(m), 'utf8');
      },
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
