// The Q.921 data link layer as layer 3 sees it (Q.921 §4.1, the DL-* primitives), for one
// interface: one D-channel carrying one data link (PRI, BRI point-to-point: SAPI 0, TEI 0) or
// several (BRI point-to-multipoint: one per assigned TEI, plus broadcast UI on TEI 127).
// The implementation (LAPD state machine per TEI, TEI management) lives beside this file;
// layer 3 (src/isdn/q931) and the drivers use only this interface.
import type { Clock } from '../../core/clock.js';
import type { FsmLogger } from '../../core/fsm.js';

/** TEI 127: the group (broadcast) TEI, only for UI frames. */
export const BROADCAST_TEI = 127;

/** What layer 2 tells layer 3. Each data link connection endpoint is named by its TEI. */
export type L2Indication =
  /** DL-ESTABLISH indication or confirm: multiple-frame operation on `tei` is up. */
  | { readonly kind: 'established'; readonly tei: number }
  /** DL-RELEASE indication or confirm: the data link on `tei` is down (I-frames queued for it are dropped). */
  | { readonly kind: 'released'; readonly tei: number }
  /** DL-DATA indication: the information field of an in-sequence I-frame on `tei`. */
  | { readonly kind: 'data'; readonly tei: number; readonly info: Uint8Array }
  /** DL-UNIT DATA indication: the information field of a UI frame (SAPI 0) received on `tei` (127 when broadcast). */
  | { readonly kind: 'unitData'; readonly tei: number; readonly info: Uint8Array }
  /** TEI management (point-to-multipoint): a TEI was assigned (network: to a TE; user: to us) or removed. */
  | { readonly kind: 'teiAssigned'; readonly tei: number }
  | { readonly kind: 'teiRemoved'; readonly tei: number }
  /** MDL-ERROR indication (Q.921 Table II.1, codes A..O), for logs and counters. */
  | { readonly kind: 'error'; readonly tei: number; readonly code: string; readonly text: string; readonly mdl?: string };

export type L2Listener = (indication: L2Indication) => void;

export interface L2Timers {
  /** ms, default 1000 */
  readonly T200: number;
  /** ms, default 10000 */
  readonly T203: number;
  /** retransmissions, default 3 */
  readonly N200: number;
  /** window: default 7 (PRI, SAPI 0), 1 (BRI, SAPI 0) */
  readonly k: number;
  /** octets: maximum information field, default 260 */
  readonly N201?: number;
  /** ms: TEI identity check response timer, default 1000 */
  readonly T201?: number;
  /** ms: TEI identity request retransmission timer, default 2000 */
  readonly T202?: number;
  /** TEI identity requests before giving up, default 3 */
  readonly N202?: number;
}

export interface L2Options {
  readonly side: 'network' | 'user';
  /** `ptp`: one data link on TEI 0 (PRI, BRI point-to-point); `ptmp`: TEI management (BRI only) */
  readonly mode: 'ptp' | 'ptmp';
  readonly clock: Clock;
  /** hand one frame (address + control + information, no flags, no FCS) to the D-channel transport */
  readonly transmit: (frame: Uint8Array) => void;
  readonly timers?: Partial<L2Timers>;
  /** source of randomness in [0, 1) for the TEI request reference Ri (user side); default Math.random */
  readonly random?: () => number;
  /** every data link state transition, in the FSM engine's one log shape */
  readonly log?: FsmLogger;
}

/** Layer 2 of one interface. Never throws on received frames: bad ones become 'error' indications. */
export interface L2Service {
  /**
   * PH-ACTIVATE / PH-DEACTIVATE: the D-channel transport came up or went down. Going down releases
   * every data link (a 'released' indication for each established one); coming up on `ptp`
   * establishes the link (SABME), and on `ptmp` user side requests a TEI first.
   */
  physical(up: boolean): void;
  /** One frame from the transport (no FCS). */
  receive(frame: Uint8Array): void;
  /** DL-ESTABLISH request. `tei` defaults to 0 (ptp) or to our TEI (ptmp user). */
  establish(tei?: number): void;
  /** DL-RELEASE request. */
  release(tei?: number): void;
  /** DL-DATA request: queued and sent in I-frames; establishes the link first when it is down. */
  data(tei: number, info: Uint8Array): void;
  /** DL-UNIT DATA request: a UI frame on SAPI 0 to `tei` (BROADCAST_TEI for the network's broadcast SETUP). */
  unitData(tei: number, info: Uint8Array): void;
  /** TEIs whose data link is in multiple-frame established state. */
  established(): readonly number[];
  subscribe(listener: L2Listener): () => void;
  /** The Q.921 state of the data link on `tei` (e.g. 'multiple frame established'); undefined when there is none. */
  state?(tei?: number): string | undefined;
  /** Network side, ptmp: identity check procedure for `tei` (Q.921 §5.3.3); no answer after two T201 removes it. */
  teiCheck?(tei: number): void;
  /** Network side, ptmp: identity remove (Q.921 §5.3.4): the TE loses `tei` and its data link is released. */
  teiRemove?(tei: number): void;
}
