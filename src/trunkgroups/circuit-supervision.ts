// The receiving side of circuit supervision, Q.764 §2.8–2.10: what a BLO, UBL, CGB, CGU, RSC
// or GRS from the far end does to circuit state, the acknowledgement sent back, and what the
// acknowledgements of this side's own requests complete. The rules, as Q.763 §2 defines the
// messages and the reference (isup-q763.md §4.20, §5) summarises them:
// - blocking is a lock flag; a hardware failure oriented group block also releases calls
// - a reset (RSC, GRS) clears the call and removes the remote maintenance block; a circuit this
//   side has blocked is blocked again afterwards (BLO answers RSC; GRA's status bits carry it)
// - GRA's status bits are the far end's maintenance blocks: they set or clear the remote flag
import { circuitsOf, gra, group, rlc, simple, supervisionKind, type BlockingKind } from '../drivers/isup-messages.js';
import type { PortMessage } from '../drivers/port.js';
import type { CallStateEvent } from './circuit-call-state.fsm.js';
import type { Circuit, LockSide } from './circuit.js';
import { blockingRequests, type RequestMessage } from './supervision-requests.js';
import type { TrunkGroup } from './trunk-group.js';

/** What the procedures need from the manager, for the circuits of one driver. */
export interface SupervisionOps {
  lookup(cic: number): { group: TrunkGroup; circuit: Circuit } | undefined;
  setLock(group: TrunkGroup, circuit: Circuit, side: LockSide, kind: BlockingKind, blocked: boolean): void;
  fire(group: TrunkGroup, circuit: Circuit, event: CallStateEvent): void;
  /** send a message that expects no answer */
  reply(m: PortMessage): void;
  /** send a request and repeat it until acknowledged */
  request(m: RequestMessage): void;
  /** the pending request `ack` answers (now stopped), if any */
  acknowledge(ack: PortMessage): RequestMessage | undefined;
}

/** Block again, toward the far end, the circuits among `cics` that this side has blocked for `kinds` (after a reset). */
export function reassertLocalBlocks(cics: readonly number[], kinds: readonly BlockingKind[], ops: SupervisionOps): void {
  for (const kind of kinds) {
    const blocked = cics.filter((cic) => {
      const locks = ops.lookup(cic)?.circuit.locks;
      return kind === 'maintenance' ? locks?.localMaintenance === true : locks?.localHardware === true;
    });
    if (blocked.length > 0) for (const m of blockingRequests(blocked, kind, true)) ops.request(m);
  }
}

function remoteBlock(cics: readonly number[], kind: BlockingKind, blocked: boolean, ops: SupervisionOps): boolean[] {
  return cics.map((cic) => {
    const found = ops.lookup(cic);
    if (found === undefined) return false;
    ops.setLock(found.group, found.circuit, 'remote', kind, blocked);
    if (blocked && kind === 'hardware') ops.fire(found.group, found.circuit, 'hardwareBlocked');
    return true;
  });
}

function remoteReset(cics: readonly number[], ops: SupervisionOps): void {
  for (const cic of cics) {
    const found = ops.lookup(cic);
    if (found === undefined) continue;
    ops.fire(found.group, found.circuit, 'resetReceived');
    ops.setLock(found.group, found.circuit, 'remote', 'maintenance', false);
  }
}

function range(cic: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => cic + i);
}

/** Apply a supervision message received from the far end. Call messages are not its business. */
export function onSupervisionMessage(m: PortMessage, ops: SupervisionOps): void {
  switch (m.type) {
    case 'BLO':
    case 'UBL': {
      const [known] = remoteBlock([m.cic], 'maintenance', m.type === 'BLO', ops);
      if (known === true) ops.reply(simple(m.type === 'BLO' ? 'BLA' : 'UBA', m.cic));
      return;
    }
    case 'CGB':
    case 'CGU': {
      const kind = supervisionKind(m.params.circuitGroupSupervisionMessageType.type);
      if (kind === undefined) return;
      const first = m.cic;
      const size = m.params.rangeAndStatus.range + 1;
      const wanted = new Set(circuitsOf(m));
      const accepted = new Set(range(first, size).filter((cic) => wanted.has(cic) && ops.lookup(cic) !== undefined));
      remoteBlock([...accepted], kind, m.type === 'CGB', ops);
      const status = range(first, size).map((cic) => accepted.has(cic));
      ops.reply(group(m.type === 'CGB' ? 'CGBA' : 'CGUA', first, kind, status));
      return;
    }
    case 'RSC': {
      if (ops.lookup(m.cic) === undefined) return;
      remoteReset([m.cic], ops);
      ops.reply(rlc(m.cic));
      reassertLocalBlocks([m.cic], ['maintenance', 'hardware'], ops);
      return;
    }
    case 'GRS': {
      const cics = range(m.cic, m.params.rangeAndStatus.range + 1);
      remoteReset(cics, ops);
      ops.reply(gra(m.cic, cics.map((cic) => ops.lookup(cic)?.circuit.locks.localMaintenance === true)));
      reassertLocalBlocks(cics, ['hardware'], ops);
      return;
    }
    case 'RLC': {
      // RLC answers both REL (call control's) and RSC: only the latter concerns supervision
      const found = ops.acknowledge(m) === undefined ? undefined : ops.lookup(m.cic);
      if (found !== undefined) ops.fire(found.group, found.circuit, 'resetAcknowledged');
      return;
    }
    case 'GRA': {
      if (ops.acknowledge(m) === undefined) return;
      const status = m.params.rangeAndStatus.status ?? [];
      range(m.cic, m.params.rangeAndStatus.range + 1).forEach((cic, i) => {
        const found = ops.lookup(cic);
        if (found === undefined) return;
        ops.fire(found.group, found.circuit, 'resetAcknowledged');
        ops.setLock(found.group, found.circuit, 'remote', 'maintenance', status[i] === true);
      });
      return;
    }
    case 'BLA':
    case 'UBA':
    case 'CGBA':
    case 'CGUA':
      ops.acknowledge(m);
      return;
    default:
      return;
  }
}
