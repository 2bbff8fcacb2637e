// `tandem cdr stats`: per trunk group over a window (docs/cdr.md#statistics).
//   attempts  every record, glare back-offs included
//   ASR       answered / (attempts - glare back-offs)                      (ITU-T E.411)
//   NER       (answered + busy + no answer + rejected + cancelled by the caller)
//             / (attempts - glare back-offs)                               (ITU-T E.425)
//   ACD       mean billable time of the answered attempts, in seconds
//   PDD       mean post-dial delay of the attempts that had one, in milliseconds
import type { CdrRecord } from './record.js';

export interface TrunkStats {
  /** '-' for attempts that never had a trunk group (refused before routing) */
  readonly trunkGroup: string;
  readonly attempts: number;
  readonly answered: number;
  /** 0..1, null without any attempt that counts */
  readonly asr: number | null;
  readonly ner: number | null;
  readonly acdSeconds: number | null;
  readonly pddMs: number | null;
}

/** Q.850 causes of a call the network completed to the user: no user responding, no answer, call rejected. */
const USER_CAUSES = new Set([18, 19, 21]);

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

function effective(r: CdrRecord): boolean {
  return r.disposition === 'answered' || r.disposition === 'busy' || r.disposition === 'cancelled' || (r.cause !== null && USER_CAUSES.has(r.cause));
}

function groupStats(trunkGroup: string, records: readonly CdrRecord[]): TrunkStats {
  const counted = records.filter((r) => r.disposition !== 'glare');
  const answered = records.filter((r) => r.disposition === 'answered');
  const ratio = (n: number) => (counted.length === 0 ? null : n / counted.length);
  return {
    trunkGroup,
    attempts: records.length,
    answered: answered.length,
    asr: ratio(answered.length),
    ner: ratio(counted.filter(effective).length),
    acdSeconds: mean(answered.map((r) => r.billableMs / 1000)),
    pddMs: mean(records.flatMap((r) => (r.pddMs === null ? [] : [r.pddMs]))),
  };
}

/** One row per trunk group, by name. */
export function cdrStats(records: readonly CdrRecord[]): TrunkStats[] {
  const groups = new Map<string, CdrRecord[]>();
  for (const r of records) {
    const name = r.trunkGroup ?? '-';
    const list = groups.get(name);
    if (list === undefined) groups.set(name, [r]);
    else list.push(r);
  }
  return [...groups.keys()].sort().map((name) => groupStats(name, groups.get(name) as CdrRecord[]));
}
