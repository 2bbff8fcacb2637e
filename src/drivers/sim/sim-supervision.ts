// Circuit supervision at the simulated far end (Q.764 §2.8–2.10): it answers Tandem's BLO, UBL,
// CGB, CGU, RSC and GRS as an exchange does, and sends its own blocking and resets on demand.
// The exchange does not repeat its own requests: tests drive it step by step.
import { circuitsOf, gra, group, grs, rlc, simple, supervisionKind, type BlockingKind } from '../isup-messages.js';
import type { PortMessage } from '../port.js';
import { dropCall, type SimCircuit } from './sim-circuit.js';

export interface SimSupervisionContext {
  circuit(cic: number): SimCircuit | undefined;
  /** send toward Tandem */
  emit(m: PortMessage): void;
}

const range = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);

/** BLO/UBL for one circuit under maintenance, otherwise CGB/CGU over the span of `cics` (at most 32). */
export function sendBlocking(cics: readonly number[], kind: BlockingKind, block: boolean, ctx: SimSupervisionContext): void {
  const sorted = [...cics].sort((a, b) => a - b);
  const first = sorted[0];
  if (first === undefined) return;
  for (const cic of sorted) {
    const c = ctx.circuit(cic);
    if (c === undefined) continue;
    c.local[kind] = block;
    if (block && kind === 'hardware') dropCall(c);
  }
  if (sorted.length === 1 && kind === 'maintenance') {
    ctx.emit(simple(block ? 'BLO' : 'UBL', first));
    return;
  }
  const span = Math.max(2, (sorted.at(-1) as number) - first + 1);
  ctx.emit(group(block ? 'CGB' : 'CGU', first, kind, range(first, span).map((cic) => sorted.includes(cic))));
}

/** RSC for one circuit, GRS for `count` circuits from `first`: their calls are dropped. */
export function sendReset(first: number, count: number, ctx: SimSupervisionContext): void {
  for (const cic of range(first, count)) {
    const c = ctx.circuit(cic);
    if (c === undefined) continue;
    dropCall(c);
    c.resetting = true;
  }
  ctx.emit(count === 1 ? simple('RSC', first) : grs(first, count));
}

function resetByTandem(c: SimCircuit): void {
  dropCall(c);
  c.remote.maintenance = false;
}

/** Handle a supervision message from Tandem; false when `m` is not one (or not for a known circuit). */
export function onTandemSupervision(m: PortMessage, ctx: SimSupervisionContext): boolean {
  switch (m.type) {
    case 'BLO':
    case 'UBL': {
      const c = ctx.circuit(m.cic);
      if (c === undefined) return false;
      c.remote.maintenance = m.type === 'BLO';
      ctx.emit(simple(m.type === 'BLO' ? 'BLA' : 'UBA', m.cic));
      return true;
    }
    case 'CGB':
    case 'CGU': {
      const kind = supervisionKind(m.params.circuitGroupSupervisionMessageType.type);
      if (kind === undefined) return false;
      const wanted = new Set(circuitsOf(m));
      const status = range(m.cic, m.params.rangeAndStatus.range + 1).map((cic) => {
        const c = wanted.has(cic) ? ctx.circuit(cic) : undefined;
        if (c === undefined) return false;
        c.remote[kind] = m.type === 'CGB';
        if (m.type === 'CGB' && kind === 'hardware') dropCall(c);
        return true;
      });
      ctx.emit(group(m.type === 'CGB' ? 'CGBA' : 'CGUA', m.cic, kind, status));
      return true;
    }
    case 'RSC': {
      const c = ctx.circuit(m.cic);
      if (c === undefined) return false;
      resetByTandem(c);
      ctx.emit(rlc(m.cic));
      if (c.local.maintenance) ctx.emit(simple('BLO', m.cic));
      return true;
    }
    case 'GRS': {
      const cics = range(m.cic, m.params.rangeAndStatus.range + 1);
      const status = cics.map((cic) => {
        const c = ctx.circuit(cic);
        if (c !== undefined) resetByTandem(c);
        return c?.local.maintenance === true;
      });
      ctx.emit(gra(m.cic, status));
      return true;
    }
    case 'GRA': {
      const status = m.params.rangeAndStatus.status ?? [];
      range(m.cic, m.params.rangeAndStatus.range + 1).forEach((cic, i) => {
        const c = ctx.circuit(cic);
        if (c === undefined) return;
        c.resetting = false;
        c.remote.maintenance = status[i] === true;
      });
      return true;
    }
    case 'BLA':
    case 'UBA':
    case 'CGBA':
    case 'CGUA':
      return true;
    default:
      return false;
  }
}
