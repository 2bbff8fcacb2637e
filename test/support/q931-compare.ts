// Compares OUR decode of a LAPD frame (and of the TEI management message or Q.931 message it
// carries) with tshark's dissection of the same octets (see tshark-q931.ts), and lists every
// disagreement.
//
// Every comparison is written out below: the tshark field it reads and how our value maps to
// it. Where tshark's view depends on its own rules rather than on the octets (the frame
// direction it cannot know, which information fields it hands on, which coding standards it
// breaks down), the comparator applies the same rule and the code says so: search for
// "TSHARK RULE". Information elements are matched by position: each element tshark shows must
// cover exactly the octets of one of ours, in the same order.
import { MESSAGES, Sapi, TEI_MESSAGES, type IeName, type CallingPartyNumber, type RedirectingNumber, type IeValues, type InformationElement, type LapdFrame, type Q931Message, type TeiMessage } from 'q931-codec';
import { descendants, type PdmlNode, type TsharkLapdFrame } from './tshark-q931.js';

export interface Disagreement {
  /** where in our decode, e.g. "SETUP.ies[2].channelIdentification.numbers (q931.channel.number)" */
  field: string;
  ours: string;
  theirs: string;
}

/** Counts the comparisons made (to report how much was checked). */
export interface CompareStats {
  checks: number;
}

/** Our decode of one frame: the frame, and the message its information field carries when tshark should dissect one. */
export interface Decoded {
  frame: LapdFrame;
  tei?: TeiMessage;
  message?: Q931Message;
}

const ABSENT = '(absent)';
type Primitive = string | number | boolean | undefined;
const hex = (b: Uint8Array | readonly number[]): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

class Out {
  constructor(
    private readonly prefix: string,
    readonly list: Disagreement[],
    readonly stats: CompareStats,
  ) {}
  add(where: string, tshark: string, ours: string, theirs: string): void {
    this.list.push({ field: `${this.prefix}${where}${tshark === '' ? '' : ` (${tshark})`}`, ours, theirs });
  }
  at(where: string): Out {
    return new Out(`${this.prefix}${where}.`, this.list, this.stats);
  }
  /** Compare ours with `theirs` as strings (undefined shown as absent). */
  eq(where: string, tshark: string, ours: Primitive, theirs: Primitive): void {
    this.stats.checks++;
    const o = ours === undefined ? ABSENT : typeof ours === 'boolean' ? String(Number(ours)) : String(ours);
    const t = theirs === undefined ? ABSENT : String(theirs);
    if (o !== t) this.add(where, tshark, o, t);
  }
}

/** The fields under a node, by name, in tree order. */
class Fields {
  private readonly map = new Map<string, PdmlNode[]>();
  constructor(n: PdmlNode | undefined) {
    for (const c of n === undefined ? [] : descendants(n)) if (c.name !== '') this.map.set(c.name, [...(this.map.get(c.name) ?? []), c]);
  }
  /** The i-th `show` as a number (tshark prints "3", "0x03", and 1/0 for booleans). */
  num(name: string, i = 0): number | undefined {
    const s = this.map.get(name)?.[i]?.show;
    return s === undefined || s === '' ? undefined : Number(s);
  }
  nums(name: string): string {
    return (this.map.get(name) ?? []).map((n) => Number(n.show)).join(',');
  }
  show(name: string, i = 0): string | undefined {
    return this.map.get(name)?.[i]?.show;
  }
  raw(name: string, i = 0): string | undefined {
    return this.map.get(name)?.[i]?.value;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
}

// ---------------------------------------------------------------------------------------
// Q.921: address and control field

function compareLapd(f: LapdFrame, octets: Uint8Array, t: Fields, out: Out): void {
  out.eq('sapi', 'lapd.sapi', f.sapi, t.num('lapd.sapi'));
  out.eq('cr', 'lapd.cr', f.cr, t.num('lapd.cr'));
  out.eq('ea (octet 1)', 'lapd.ea1', 0, t.num('lapd.ea1'));
  out.eq('tei', 'lapd.tei', f.tei, t.num('lapd.tei'));
  out.eq('ea (octet 2)', 'lapd.ea2', 1, t.num('lapd.ea2'));
  // TSHARK RULE: without a pseudo-header the direction is unknown and tshark shows every frame
  // as a command: P/F appears as lapd.control.p, and only when set.
  const pf = (x: boolean): number | undefined => (x ? 1 : undefined);
  const c1 = octets[2] as number;
  const c2 = octets[3] ?? 0;
  if (f.type === 'I') {
    out.eq('format', 'lapd.control.ftype', 0, t.num('lapd.control.ftype'));
    out.eq('ns', 'lapd.control.n_s', f.ns, t.num('lapd.control.n_s'));
    out.eq('nr', 'lapd.control.n_r', f.nr, t.num('lapd.control.n_r'));
    out.eq('p', 'lapd.control.p', pf(f.p), t.num('lapd.control.p'));
  } else if ((c1 & 3) === 1) {
    // S format: RR, RNR, REJ, or an UNKNOWN one (the fourth function, spare bits), read from its octets
    const s = f.type === 'UNKNOWN' ? { nr: c2 >> 1, pf: (c2 & 1) === 1 } : (f as { nr: number; pf: boolean });
    out.eq('format', 'lapd.control.ftype', 1, t.num('lapd.control.ftype'));
    out.eq(`${f.type} function`, 'lapd.control.s_ftype', (c1 >> 2) & 3, t.num('lapd.control.s_ftype'));
    out.eq('nr', 'lapd.control.n_r', s.nr, t.num('lapd.control.n_r'));
    out.eq('pf', 'lapd.control.p', pf(s.pf), t.num('lapd.control.p'));
  } else {
    const u = f.type === 'UNKNOWN' ? (c1 & 0x10) !== 0 : (f as { pf: boolean }).pf;
    out.eq('format', 'lapd.control.ftype', 3, t.num('lapd.control.ftype'));
    out.eq(`${f.type} modifier`, 'lapd.control.u_modifier_cmd', (c1 & 0xec) >> 2, t.num('lapd.control.u_modifier_cmd'));
    out.eq('pf', 'lapd.control.p', pf(u), t.num('lapd.control.p'));
  }
}

// ---------------------------------------------------------------------------------------
// TEI management (Q.921 §5.3)

function compareTei(m: TeiMessage, t: Fields, out: Out): void {
  out.eq('entity', 'tei.entity', 0x0f, t.num('tei.entity'));
  out.eq('ri', 'tei.reference', m.ri, t.num('tei.reference'));
  out.eq('type', 'tei.msg', m.type === 'UNKNOWN' ? m.code : TEI_MESSAGES[m.type].code, t.num('tei.msg'));
  out.eq('ai', 'tei.action', m.ai, t.num('tei.action'));
  out.eq('extension bit E', 'tei.extend', 1, t.num('tei.extend'));
}

// ---------------------------------------------------------------------------------------
// Q.931 information elements, element by element

type Compare<K extends IeName> = (v: IeValues[K], t: Fields, out: Out, contents: Uint8Array) => void;

function partyNumber(digitsField: string): (v: CallingPartyNumber, t: Fields, out: Out) => void {
  return (v, t, out) => {
    out.eq('typeOfNumber', 'q931.number_type', v.typeOfNumber, t.num('q931.number_type'));
    out.eq('numberingPlan', 'q931.numbering_plan', v.numberingPlan, t.num('q931.numbering_plan'));
    out.eq('presentation', 'q931.presentation_ind', v.presentation, t.num('q931.presentation_ind'));
    out.eq('screening', 'q931.screening_ind', v.screening, t.num('q931.screening_ind'));
    out.eq('digits', digitsField, v.digits === '' ? undefined : v.digits, t.show(digitsField));
  };
}

/** The redirecting number: the party number fields and the reason of octet 3b (q931.extension.reason, bits 4-1). */
function redirectingNumber(v: RedirectingNumber, t: Fields, out: Out): void {
  partyNumber('q931.redirecting_number.digits')(v, t, out);
  out.eq('reason', 'q931.extension.reason', v.reason, t.num('q931.extension.reason'));
}

const COMPARE: { [K in IeName]?: Compare<K> } = {
  // §4.5.5. TSHARK RULE: only the ITU-T coding standard is broken down; otherwise the octets are "data".
  bearerCapability: (v, t, out, contents) => {
    out.eq('codingStandard', 'q931.coding_standard', v.codingStandard, t.num('q931.coding_standard'));
    if (v.codingStandard !== 0) return out.eq('octets', 'q931.bearer_capability.data', hex(contents), t.raw('q931.bearer_capability.data'));
    out.eq('transferCapability', 'q931.information_transfer_capability', v.transferCapability, t.num('q931.information_transfer_capability'));
    out.eq('transferMode', 'q931.transfer_mode', v.transferMode, t.num('q931.transfer_mode'));
    out.eq('transferRate', 'q931.information_transfer_rate', v.transferRate, t.num('q931.information_transfer_rate'));
    out.eq('rateMultiplier', 'q931.bearer_capability.rate_multiplier', v.rateMultiplier, t.num('q931.bearer_capability.rate_multiplier'));
    out.eq('layer1.protocol', 'q931.uil1', v.layer1?.protocol ?? '', t.nums('q931.uil1'));
    out.eq('layer2.protocol', 'q931.uil2', v.layer2?.protocol ?? '', t.nums('q931.uil2'));
    out.eq('layer3.protocol', 'q931.uil3', v.layer3?.protocol ?? '', t.nums('q931.uil3'));
  },
  // §4.5.12 (Q.850). TSHARK RULE: tshark breaks down the ITU-T and ISO/IEC coding standards, and shows the others as data.
  cause: (v, t, out, contents) => {
    out.eq('codingStandard', 'q931.coding_standard', v.codingStandard, t.num('q931.coding_standard'));
    if (v.codingStandard > 1) return out.eq('octets', 'q931.cause.data', hex(contents), t.raw('q931.cause.data'));
    out.eq('location', 'q931.cause_location', v.location, t.num('q931.cause_location'));
    out.eq('recommendation', 'q931.cause.recommendation', v.recommendation, t.num('q931.cause.recommendation'));
    out.eq('causeValue', 'q931.cause_value', v.causeValue, t.num('q931.cause_value'));
  },
  // §4.5.13: octet 3 always; 3.1 as tshark's computed identifier; 3.2 and 3.3 for non-basic interfaces.
  channelIdentification: (v, t, out, contents) => {
    out.eq('interfaceId present', 'q931.channel.interface_id_present', v.interfaceId !== undefined, t.num('q931.channel.interface_id_present'));
    out.eq('interfaceType', 'q931.channel.interface_type', v.interfaceType, t.num('q931.channel.interface_type'));
    out.eq('exclusive', 'q931.channel.exclusive', v.exclusive, t.num('q931.channel.exclusive'));
    out.eq('dChannel', 'q931.channel.dchan', v.dChannel, t.num('q931.channel.dchan'));
    out.eq('selection', 'q931.channel.selection', v.selection, t.num('q931.channel.selection'));
    if (v.interfaceId !== undefined) out.eq('interfaceId', 'q931.channel.interface_id', Array.from(v.interfaceId).reduce((n, o) => n * 128 + (o & 0x7f), 0), t.num('q931.channel.interface_id'));
    const c = v.channel;
    out.eq('channel (octet 3.2) present', 'q931.coding_standard', c !== undefined, Number(t.has('q931.coding_standard')));
    if (c === undefined) return;
    out.eq('channel.codingStandard', 'q931.coding_standard', c.codingStandard, t.num('q931.coding_standard'));
    if (c.codingStandard !== 0) return out.eq('channel octets', 'q931.channel.data', hex(contents.subarray(1 + (v.interfaceId?.length ?? 0))), t.raw('q931.channel.data'));
    out.eq('channel.slotMap?', 'q931.channel.map', c.slotMap !== undefined, t.num('q931.channel.map'));
    out.eq('channel.channelType', 'q931.channel.element_type', c.channelType, t.num('q931.channel.element_type'));
    out.eq('channel.numbers', 'q931.channel.number', (c.numbers ?? []).join(','), t.nums('q931.channel.number'));
    out.eq('channel.slotMap', 'q931.channel.slot_map', Array.from(c.slotMap ?? []).join(','), t.nums('q931.channel.slot_map'));
  },
  // §4.5.23. TSHARK RULE: ITU-T coding only is broken down.
  progressIndicator: (v, t, out, contents) => {
    out.eq('codingStandard', 'q931.coding_standard', v.codingStandard, t.num('q931.coding_standard'));
    if (v.codingStandard !== 0) return out.eq('octets', 'q931.progress_indicator.data', hex(contents), t.raw('q931.progress_indicator.data'));
    out.eq('location', 'q931.progress_indicator.location', v.location, t.num('q931.progress_indicator.location'));
    out.eq('description', 'q931.progress_indicator.description', v.description, t.num('q931.progress_indicator.description'));
  },
  // §4.5.22: tshark hands this element to its Q.932 dissector
  notificationIndicator: (v, t, out) => out.eq('description', 'q932.nd', v.description, t.num('q932.nd')),
  // an empty display shows no text field
  display: (v, t, out) => out.eq('text', 'q931.display_information', v === '' ? undefined : v, t.show('q931.display_information')),
  calledPartyNumber: partyNumber('q931.called_party_number.digits'),
  callingPartyNumber: partyNumber('q931.calling_party_number.digits'),
  connectedNumber: partyNumber('q931.connected_number.digits'),
  redirectingNumber,
  restartIndicator: (v, t, out) => out.eq('restartClass', 'q931.restart_indicator', v.restartClass, t.num('q931.restart_indicator')),
  userUser: (v, t, out) => out.eq('protocol discriminator', 'q931.user.protocol_discriminator', v[0], t.num('q931.user.protocol_discriminator')),
  dateTime: (v, t, out) => out.eq('octets', 'q931.date_time', hex(v), t.raw('q931.date_time')),
};

/** Named elements the comparator breaks down beyond their identifier and octets. */
export const COMPARED_IES = Object.keys(COMPARE) as IeName[];

/** Where each element of `ies` lies in the frame: [pos, size]. */
function spans(octets: Uint8Array, start: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = start; i < octets.length; ) {
    const id = octets[i] as number;
    const size = (id & 0x80) !== 0 ? 1 : 2 + (octets[i + 1] as number);
    out.push([i, size]);
    i += size;
  }
  return out;
}

function compareIe(ie: InformationElement, node: PdmlNode, octets: Uint8Array, pos: number, size: number, out: Out): void {
  const id = octets[pos] as number;
  const t = new Fields(node);
  if (ie.name === 'shift') {
    out.eq('codeset', 'q931.locking_codeset', ie.codeset, node.name === 'q931.locking_codeset' ? Number(node.show) : undefined);
    out.eq('locking', 'showname', ie.locking, node.showname.startsWith('Locking') ? 1 : 0);
    return;
  }
  if (ie.name === 'sendingComplete') return out.eq('element', 'node', 'q931.sending_complete', node.name);
  if (size === 1) {
    // TSHARK RULE: in codeset 0 tshark names more data (0xA0), congestion level (0xBx) and repeat indicator (0xDx)
    const cs0 = ie.name === 'unknown' && ie.codeset === 0;
    const named = !cs0 ? undefined : id === 0xa0 ? 'q931.more_data' : (id & 0xf0) === 0xb0 ? 'q931.congestion_level' : (id & 0xf0) === 0xd0 ? 'q931.repeat_indicator' : undefined;
    const expected = named ?? `Unknown information element (0x${id.toString(16).toUpperCase().padStart(2, '0')})`;
    return out.eq('element', 'node', expected, named === undefined ? node.show : node.name);
  }
  out.eq('id', 'q931.information_element', id, t.num('q931.information_element') ?? t.num('q932.ie.type'));
  out.eq('length', 'q931.information_element_len', size - 2, t.num('q931.information_element_len') ?? t.num('q932.ie.len'));
  if (ie.name === 'unknown') return;
  const f = COMPARE[ie.name] as Compare<IeName> | undefined;
  f?.(ie.value, t, out, octets.subarray(pos + 2, pos + size));
}

function compareQ931(m: Q931Message, octets: Uint8Array, infoAt: number, q931: PdmlNode, out: Out): void {
  const t = new Fields(q931);
  const cr = m.callReference;
  out.eq('protocolDiscriminator', 'q931.disc', 8, t.num('q931.disc'));
  out.eq('callReference.length', 'q931.call_ref_len', cr.length, t.num('q931.call_ref_len'));
  if (cr.length > 0) {
    out.eq('callReference.flag', 'q931.call_ref_flag', cr.flag, t.num('q931.call_ref_flag'));
    // tshark shows the value octets with the flag bit cleared ("00:07")
    const value = t.show('q931.call_ref')?.replace(/:/g, '');
    out.eq('callReference.value', 'q931.call_ref', cr.value, value === undefined ? undefined : parseInt(value, 16) & (2 ** (8 * cr.length - 1) - 1));
  }
  const code = m.type === 'UNKNOWN' ? m.code : MESSAGES[m.type].code;
  out.eq('messageType', 'q931.message_type', code, t.num('q931.message_type'));
  if (m.type === 'UNKNOWN') return;
  const start = infoAt + 3 + cr.length;
  const ours = spans(octets, start);
  const theirs = q931.children.filter((n) => !n.proto && n.pos >= start && !n.name.startsWith('_ws'));
  const list = (l: readonly (readonly [number, number])[]): string => l.map(([p, s]) => `${p}+${s}`).join(' ');
  out.eq('ies (position+size)', 'information element nodes', list(ours), list(theirs.map((n) => [n.pos, n.size])));
  m.ies.forEach((ie, k) => {
    const [pos, size] = ours[k] as [number, number];
    const node = theirs.find((n) => n.pos === pos && n.size === size);
    if (node !== undefined) compareIe(ie, node, octets, pos, size, out.at(`ies[${k}].${ie.name === 'unknown' ? `0x${ie.id.toString(16)}` : ie.name}`));
  });
}

// ---------------------------------------------------------------------------------------

/**
 * Disagreements between our decode of `octets` and tshark's dissection of the same octets
 * (`frame`). Empty when they agree.
 */
export function compareWithTshark(ours: Decoded, octets: Uint8Array, frame: TsharkLapdFrame, stats: CompareStats = { checks: 0 }): Disagreement[] {
  const f = ours.frame;
  const out = new Out(`${ours.message?.type ?? ours.tei?.type ?? f.type}.`, [], stats);
  if (frame.lapd === undefined) {
    out.add('', 'lapd', 'a LAPD frame', 'no lapd tree');
    return out.list;
  }
  if (frame.malformed) out.add('', '_ws.malformed', 'well formed', 'malformed');
  for (const e of frame.experts) {
    // tshark's own limits and its notes on elements it does not know, not objections to the octets
    const expected = e.severity === 'warning' && /^(Unknown information element|Undecoded|ASN\.1 Encoded Data Structure\(NOT IMPLEMENTED\))/.test(e.message);
    if (!expected && (e.severity === 'error' || e.severity === 'warning')) out.add('expert', e.protocol, 'no error', `${e.severity}: ${e.message}`);
  }
  compareLapd(f, octets, new Fields(frame.lapd), out.at('frame'));

  const infoAt = ((octets[2] as number) & 3) === 3 ? 3 : 4;
  const info = octets.subarray(infoAt);
  // TSHARK RULE: the information field of I frames, and of UI frames with P = 0, goes to the
  // dissector of the SAPI; every other information field is data.
  const handedOn = f.type === 'I' || (f.type === 'UI' && !f.pf);
  const dissector = !handedOn ? 'data' : f.sapi === Sapi.CALL_CONTROL ? 'q931' : f.sapi === Sapi.LAYER_2_MANAGEMENT ? 'tei_management' : 'data';
  out.eq('information field', 'protocol', dissector === 'data' && info.length === 0 ? 'none' : dissector, frame.q931 !== undefined ? 'q931' : frame.tei !== undefined ? 'tei_management' : frame.data !== undefined ? 'data' : 'none');
  if (dissector === 'data' && info.length > 0) out.eq('info', 'data.data', hex(info), frame.data?.value);
  if (dissector === 'q931' && frame.q931 !== undefined) {
    if (ours.message === undefined) out.add('info', 'q931', 'a Q.931 message', 'not decoded by us');
    else compareQ931(ours.message, octets, infoAt, frame.q931, out);
  }
  if (dissector === 'tei_management' && frame.tei !== undefined) {
    if (ours.tei === undefined) out.add('info', 'tei_management', 'a TEI management message', 'not decoded by us');
    else compareTei(ours.tei, new Fields(frame.tei), out.at('tei'));
  }
  return out.list;
}
