// Message compatibility information, Q.763 §3.33, and parameter compatibility information,
// Q.763 §3.41: instruction indicators telling an exchange what to do with a message or
// parameter it does not understand (Q.764 §2.10.5). Octets after the first instruction
// octet (its extension chain) are kept as sent.
import { bitfieldCodec } from '../bitfield.js';
import { at, encodeFail } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';
import type { Writer } from '../writer.js';

const messageInstructions = bitfieldCodec(1, [
  ['endNodeInterpretation', 0, 1, 'b'], // A: transit at intermediate exchange indicator
  ['releaseCall', 1, 1, 'b'], // B
  ['sendNotification', 2, 1, 'b'], // C: send CFN
  ['discardMessage', 3, 1, 'b'], // D
  ['passOnNotPossibleDiscard', 4, 1, 'b'], // E: 0 release call, 1 discard information
  ['broadbandNarrowbandInterworking', 5, 2, 'n'], // G F: 0 pass on, 1 discard message, 2 release call
]);

const parameterInstructions = bitfieldCodec(1, [
  ['endNodeInterpretation', 0, 1, 'b'], // A
  ['releaseCall', 1, 1, 'b'], // B
  ['sendNotification', 2, 1, 'b'], // C
  ['discardMessage', 3, 1, 'b'], // D
  ['discardParameter', 4, 1, 'b'], // E
  ['passOnNotPossible', 5, 2, 'n'], // G F: 0 release call, 1 discard message, 2 discard parameter
]);


/** The first instruction octet with its extension bit 0 and `more` octets after it, or bit 1 alone. */
function writeInstructions(first: number, more: Uint8Array | undefined, w: Writer): void {
  w.u8(more === undefined ? first | 0x80 : first & 0x7f);
  if (more !== undefined) w.bytes(more);
}

export interface MessageCompatibilityInformation {
  instructions: ReturnType<typeof messageInstructions.fromWord>;
  /**
   * Octets after the first when its extension bit is 0, as sent (up to and including the
   * first octet with the extension bit set, or to the end of the parameter).
   */
  more?: Uint8Array;
}

export const messageCompatibilityInformation: ParamCodec<MessageCompatibilityInformation> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'instruction indicators missing');
    const o1 = b[off] as number;
    const v: MessageCompatibilityInformation = { instructions: messageInstructions.fromWord(o1 & 0x7f) };
    if ((o1 & 0x80) === 0) {
      let j = 1;
      while (j < len && ((b[off + j] as number) & 0x80) === 0) j++;
      v.more = b.slice(off + 1, off + Math.min(j + 1, len));
      if (j + 1 < len) return ctx.fail('BAD_LENGTH', `${len - j - 1} octets after the instruction indicators`, j + 1);
    } else if (len > 1) return ctx.fail('BAD_LENGTH', `${len - 1} octets after the instruction indicators`, 1);
    return v;
  },
  encode(v, w, place) {
    writeInstructions(messageInstructions.toWord(v.instructions, place), v.more, w);
  },
};

export interface ParameterInstruction {
  /** name code of the upgraded parameter */
  parameter: number;
  instructions: ReturnType<typeof parameterInstructions.fromWord>;
  /**
   * When the instruction octet's extension bit is 0: the one octet that follows (broadband/
   * narrowband interworking indicator), as sent; empty when the parameter ended there.
   */
  more?: Uint8Array;
}

export const parameterCompatibilityInformation: ParamCodec<ParameterInstruction[]> = {
  decode(b, off, len, ctx) {
    if (len < 2) return ctx.fail('TRUNCATED', 'needs at least one parameter name and instruction octet');
    const out: ParameterInstruction[] = [];
    let i = 0;
    while (i < len) {
      if (i + 1 >= len) return ctx.fail('TRUNCATED', 'parameter name without instruction indicators', i, 'instructions');
      const o1 = b[off + i + 1] as number;
      const e: ParameterInstruction = { parameter: b[off + i] as number, instructions: parameterInstructions.fromWord(o1 & 0x7f) };
      i += 2;
      if ((o1 & 0x80) === 0) {
        e.more = b.slice(off + i, off + Math.min(i + 1, len));
        i += e.more.length;
      }
      out.push(e);
    }
    return out;
  },
  encode(list, w, place) {
    if (list.length === 0) encodeFail('BAD_VALUE', at(place), 'at least one upgraded parameter');
    for (const e of list) {
      if (!Number.isInteger(e.parameter) || e.parameter < 0 || e.parameter > 255) encodeFail('BAD_VALUE', at(place, 'parameter'), `${e.parameter} is not a name code`);
      w.u8(e.parameter);
      if (e.more !== undefined && e.more.length > 1) encodeFail('BAD_VALUE', at(place, 'more'), 'at most one octet follows an instruction octet');
      writeInstructions(parameterInstructions.toWord(e.instructions, place), e.more, w);
    }
  },
};
