// Layer 2 of one ISDN interface (Q.921): frame dispatch by SAPI and TEI (§3.3, §5.1), the data
// links (data-link.ts), TEI management for point-to-multipoint (tei-user.ts, tei-network.ts) and
// the DL-* primitives of service.ts. Received octets never throw: bad frames become 'error'
// indications.
import type { FsmLogger } from '../../core/fsm.js';
import { decodeFrame, decodeTeiMessage, encodeFrame, type LapdFrame } from 'q931-codec';
import { DataLink, type DataLinkHost } from './data-link.js';
import { L2BadFrame, L2BadRequest, L2TeiError, L2UnknownAddress, MDL_ERRORS } from './errors.js';
import { BROADCAST_TEI, type L2Indication, type L2Listener, type L2Options, type L2Service } from './service.js';
import { TeiNetwork } from './tei-network.js';
import { TeiUser } from './tei-user.js';
import { l2Params, type L2Params } from './timers.js';

/** A layer 2 entity for one interface. */
export function createL2(options: L2Options): L2Service {
  return new Layer2(options);
}

/** Frame types that carry no information field (§3.6): one that does is MDL-ERROR M. */
const NO_INFO = new Set(['RR', 'RNR', 'REJ', 'SABME', 'DM', 'DISC', 'UA']);

class Layer2 implements L2Service {
  readonly #options: L2Options;
  readonly #params: L2Params;
  readonly #log: FsmLogger;
  readonly #listeners = new Set<L2Listener>();
  /** ptp and network ptmp: the data links by TEI */
  readonly #links = new Map<number, DataLink>();
  /** user ptmp: the one data link of this TE, on the TEI management assigns */
  readonly #te: DataLink | undefined;
  readonly #teiUser: TeiUser | undefined;
  readonly #teiNetwork: TeiNetwork | undefined;
  readonly #host: DataLinkHost;

  constructor(options: L2Options) {
    this.#options = options;
    this.#params = l2Params(options.mode, options.timers);
    this.#log = options.log ?? (() => undefined);
    this.#host = {
      side: options.side,
      clock: options.clock,
      params: this.#params,
      log: this.#log,
      transmit: (frame) => this.#transmit(frame),
      indicate: (indication) => this.#indicate(indication),
      requestTei: () => this.#teiUser?.request(),
    };
    const transmit = (frame: LapdFrame): void => this.#transmit(frame);
    if (options.mode === 'ptp') {
      const link = new DataLink(this.#host, 'tei 0', 0);
      link.assign(0);
      this.#links.set(0, link);
    } else if (options.side === 'user') {
      const te = new DataLink(this.#host, 'TE', BROADCAST_TEI);
      this.#te = te;
      this.#teiUser = new TeiUser({
        clock: options.clock,
        log: this.#log,
        T202: this.#params.T202,
        N202: this.#params.N202,
        random: options.random ?? Math.random,
        transmit,
        assigned: (tei) => {
          this.#indicate({ kind: 'teiAssigned', tei });
          te.assign(tei);
        },
        failed: (reason) => {
          this.#error(BROADCAST_TEI, L2TeiError.code, reason === 'denied' ? 'identity denied' : 'no answer to N202 identity requests');
          te.primitive('MDL-ERROR response');
        },
        removed: (tei) => {
          te.primitive('MDL-REMOVE request');
          te.tei = BROADCAST_TEI;
          this.#indicate({ kind: 'teiRemoved', tei });
        },
      });
    } else {
      this.#teiNetwork = new TeiNetwork({
        clock: options.clock,
        T201: this.#params.T201,
        transmit,
        assigned: (tei) => {
          const link = new DataLink(this.#host, `tei ${tei}`, tei);
          this.#links.set(tei, link);
          this.#indicate({ kind: 'teiAssigned', tei });
          link.assign(tei);
        },
        removed: (tei) => {
          this.#links.get(tei)?.primitive('MDL-REMOVE request');
          this.#links.delete(tei);
          this.#indicate({ kind: 'teiRemoved', tei });
        },
      });
    }
  }

  physical(up: boolean): void {
    if (!up) {
      this.#teiUser?.stop();
      for (const link of this.#all()) link.primitive('persistent deactivation');
      return;
    }
    // ptp: establish at once; user ptmp: DL-ESTABLISH in state 1 asks for a TEI first.
    if (this.#options.mode === 'ptp') this.#links.get(0)?.primitive('DL-ESTABLISH request');
    else this.#te?.primitive('DL-ESTABLISH request');
  }

  receive(octets: Uint8Array): void {
    const decoded = decodeFrame(octets);
    if (!decoded.ok) {
      const tei = octets.length >= 2 ? (octets[1] as number) >> 1 : BROADCAST_TEI;
      this.#error(tei, L2BadFrame.code, `${decoded.error.code}: ${decoded.error.message}`, decoded.error.code === 'TRUNCATED' ? 'N' : undefined);
      return;
    }
    const f = decoded.value;
    if (f.sapi === 63) this.#management(f);
    else if (f.sapi !== 0) this.#error(f.tei, L2UnknownAddress.code, `SAPI ${f.sapi} is not served`);
    else if (f.type === 'UI') this.#unitDataIn(f.tei, f.info);
    else this.#toLink(f);
  }

  #management(f: LapdFrame): void {
    if (this.#options.mode === 'ptp') {
      this.#error(f.tei, L2UnknownAddress.code, 'TEI management (SAPI 63) on a point-to-point interface');
      return;
    }
    if (f.type !== 'UI' || f.tei !== BROADCAST_TEI) return; // only UI on TEI 127 carries TEI management
    const m = decodeTeiMessage(f.info);
    if (!m.ok) {
      this.#error(f.tei, L2TeiError.code, `${m.error.code}: ${m.error.message}`);
      return;
    }
    this.#teiUser?.receive(m.value);
    this.#teiNetwork?.receive(m.value);
  }

  #unitDataIn(tei: number, info: Uint8Array): void {
    if (this.#options.side === 'network' || tei === BROADCAST_TEI) this.#indicate({ kind: 'unitData', tei, info });
    else if (this.#te !== undefined) {
      if (this.#teiUser?.tei === tei) this.#indicate({ kind: 'unitData', tei, info });
    } else if (tei === 0) this.#indicate({ kind: 'unitData', tei, info });
    else this.#error(tei, L2UnknownAddress.code, `UI frame for TEI ${tei}`);
  }

  #toLink(f: LapdFrame): void {
    let link: DataLink | undefined;
    if (this.#te !== undefined) {
      // On the S0 bus a TE sees the frames for every TE: others' are not an error.
      if (this.#teiUser?.tei !== f.tei) return;
      link = this.#te;
    } else link = this.#links.get(f.tei);
    if (link === undefined) {
      this.#error(f.tei, L2UnknownAddress.code, `${f.type} frame for TEI ${f.tei}, which has no data link`);
      return;
    }
    if (f.type === 'UNKNOWN') this.#mdl(f.tei, 'L');
    else if (f.type === 'XID') return;
    else if (NO_INFO.has(f.type) && f.info !== undefined) this.#mdl(f.tei, 'M');
    else if (f.type === 'I' && f.info.length > this.#params.N201) this.#mdl(f.tei, 'O');
    else link.receive(f, f.cr === (this.#options.side === 'user'));
  }

  establish(tei?: number): void {
    this.#link(tei, 'DL-ESTABLISH')?.primitive('DL-ESTABLISH request');
  }

  release(tei?: number): void {
    this.#link(tei, 'DL-RELEASE')?.primitive('DL-RELEASE request');
  }

  data(tei: number, info: Uint8Array): void {
    this.#link(tei, 'DL-DATA')?.primitive('DL-DATA request', { info });
  }

  unitData(tei: number, info: Uint8Array): void {
    if (this.#te !== undefined) this.#te.unitData(info);
    else if (this.#options.side === 'network') this.#transmit({ sapi: 0, cr: true, tei, type: 'UI', pf: false, info });
    else this.#links.get(0)?.unitData(info);
  }

  established(): readonly number[] {
    return this.#all()
      .filter((l) => l.established)
      .map((l) => l.tei);
  }

  state(tei?: number): string | undefined {
    return (this.#te ?? this.#links.get(tei ?? 0))?.state;
  }

  teiCheck(tei: number): void {
    this.#teiNetwork?.check(tei);
  }

  teiRemove(tei: number): void {
    this.#teiNetwork?.remove(tei);
  }

  subscribe(listener: L2Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #all(): DataLink[] {
    return this.#te !== undefined ? [this.#te] : [...this.#links.values()];
  }

  /** The data link a request names: the TE's own on user ptmp, else the one on `tei` (default 0). */
  #link(tei: number | undefined, primitive: string): DataLink | undefined {
    const link = this.#te ?? this.#links.get(tei ?? 0);
    if (link === undefined) this.#error(tei ?? 0, L2BadRequest.code, `${primitive} request for TEI ${tei ?? 0}, which has no data link`);
    return link;
  }

  #transmit(frame: LapdFrame): void {
    this.#options.transmit(encodeFrame(frame));
  }

  #indicate(indication: L2Indication): void {
    for (const listener of [...this.#listeners]) listener(indication);
  }

  #error(tei: number, code: string, text: string, mdl?: string): void {
    this.#indicate(mdl === undefined ? { kind: 'error', tei, code, text } : { kind: 'error', tei, code, text, mdl });
  }

  #mdl(tei: number, letter: string): void {
    const e = MDL_ERRORS[letter];
    if (e !== undefined) this.#error(tei, e.error.code, e.text, letter);
  }
}
