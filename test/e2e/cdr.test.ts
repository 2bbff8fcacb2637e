// End to end, CDRs: calls from SIPp through a started Tandem leave exactly one record per
// attempt in the configuration's CDR spool (no Redis configured: the spool is the store), and
// `tandem cdr export` reads them back as a user would.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipp } from './sipp.js';
import { freePort, startTandem, type Tandem } from './tandem.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let tandem: Tandem;
beforeAll(async () => {
  tandem = await startTandem();
}, 20_000);
afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
});

type Row = Record<string, unknown>;

/** `tandem cdr export --format json --config DIR`, as an operator runs it. */
function exported(): Row[] {
  const r = spawnSync(process.execPath, [`${root}bin/tandem.js`, 'cdr', 'export', '--format', 'json', '--config', tandem.dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}

async function recordFor(calledIn: string): Promise<Row[]> {
  for (let i = 0; i < 100; i++) {
    const rows = exported().filter((r) => r.calledIn === calledIn);
    if (rows.length > 0) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no CDR for ${calledIn}`);
}

async function pbxCall(scenario: string, called: string, args: readonly string[] = []): Promise<void> {
  const run = await sipp({ scenario, ip: '127.0.0.1', port: await freePort(), remote: `127.0.0.1:${tandem.ports.sip}`, keys: { called, calling: '2001' }, args }).done;
  expect(run.code, run.diagnostics).toBe(0);
}

describe('CDRs from live calls', () => {
  it('an answered call leaves one answered record with the circuit, cause 16 and a billable time', async () => {
    await pbxCall('pbx-uac-answer.xml', '0301234560', ['-d', '300']);
    const rows = await recordFor('0301234560');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'sipToPstn', disposition: 'answered', trunkGroup: 'sim-e1', sipPeer: 'pbx', cause: 16, releaseSide: 'sip' });
    expect(typeof rows[0]?.cic).toBe('number');
    expect(rows[0]?.billableMs).toBeGreaterThan(0);
  }, 40_000);

  it('a busy call leaves one busy record with cause 17 and SIP status 486', async () => {
    await pbxCall('pbx-uac-486.xml', '0301234517');
    const rows = await recordFor('0301234517');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ disposition: 'busy', cause: 17, sipStatus: 486, billableMs: 0 });
    // GET /cdrs of the admin API reads the same store: the spool
    const http = await tandem.admin('GET', '/cdrs?to=0301234517');
    expect(http.status).toBe(200);
    expect((http.body as { cdrs: Row[] }).cdrs.map((r) => r.id)).toEqual([rows[0]?.id]);
  }, 40_000);
});
