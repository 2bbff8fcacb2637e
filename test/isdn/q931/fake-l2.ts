// A fake layer 2 for Q.931 tests: implements L2Service, records what layer 3 sends, and pipes
// I-frame and UI information fields between linked instances (an S0 bus for point-to-multipoint:
// the network's frames reach every TE, a TE's frames reach the network). Links go up and down on
// command; data() on a link that is down records and delivers nothing until established.
import { BROADCAST_TEI, type L2Indication, type L2Listener, type L2Service } from '../../../src/isdn/l2/service.js';

export interface Sent {
  readonly tei: number;
  readonly unit: boolean;
  readonly info: Uint8Array;
}

export class FakeL2 implements L2Service {
  readonly sent: Sent[] = [];
  readonly #listeners = new Set<L2Listener>();
  readonly #up = new Set<number>();
  /** far ends: each with the TEI its frames carry (network side: one per TE) */
  readonly #peers: { peer: FakeL2; tei: number }[] = [];
  /** when true, sent frames are recorded but not delivered */
  hold = false;

  constructor(
    readonly side: 'network' | 'user',
    readonly ownTei = 0,
  ) {}

  /** Connects a user-side `te` (with TEI `tei`) to this network side. */
  static link(network: FakeL2, user: FakeL2): void {
    network.#peers.push({ peer: user, tei: user.ownTei });
    user.#peers.push({ peer: network, tei: user.ownTei });
  }

  indicate(ind: L2Indication): void {
    for (const l of [...this.#listeners]) l(ind);
  }

  /** The data link on `tei` comes up (both ends are told). */
  up(tei = this.ownTei): void {
    this.#up.add(tei);
    this.indicate({ kind: 'established', tei });
    for (const { peer, tei: t } of this.#peers) {
      if (t === tei && !peer.#up.has(tei)) peer.up(tei);
    }
  }

  down(tei = this.ownTei): void {
    this.#up.delete(tei);
    this.indicate({ kind: 'released', tei });
    for (const { peer, tei: t } of this.#peers) {
      if (t === tei && peer.#up.has(tei)) peer.down(tei);
    }
  }

  physical(up: boolean): void {
    if (up) this.up();
    else this.down();
  }

  receive(): void {}
  establish(tei = this.ownTei): void {
    this.up(tei);
  }
  release(tei = this.ownTei): void {
    this.down(tei);
  }

  data(tei: number, info: Uint8Array): void {
    this.sent.push({ tei, unit: false, info: info.slice() });
    if (this.hold) return;
    if (!this.#up.has(tei)) this.up(tei);
    for (const { peer, tei: t } of this.#peers) if (t === tei) peer.indicate({ kind: 'data', tei, info: info.slice() });
  }

  unitData(tei: number, info: Uint8Array): void {
    this.sent.push({ tei, unit: true, info: info.slice() });
    if (this.hold) return;
    for (const { peer, tei: t } of this.#peers) {
      if (tei === BROADCAST_TEI || t === tei) peer.indicate({ kind: 'unitData', tei, info: info.slice() });
    }
  }

  established(): readonly number[] {
    return [...this.#up];
  }

  subscribe(listener: L2Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hex of every frame sent so far, then forgets them. */
  take(): string[] {
    const out = this.sent.map((s) => hex(s.info));
    this.sent.length = 0;
    return out;
  }
}

export function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
}

export function bytes(h: string): Uint8Array {
  return Uint8Array.from(h.trim().split(/\s+/).map((x) => parseInt(x, 16)));
}
