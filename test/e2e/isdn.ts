// The ISDN end-to-end rig: libpri test peers (test/peers/build/pri-peer, docs/test-peers.md)
// listening on ephemeral ports, and a started Tandem whose extra file `isdn.yaml` has one pri/bri
// trunk group per peer dialling it (`dchannel.connect`), with routes tried first: PBX calls to
// `^(\+49)?<prefix>` go to the group, calls from the group go to the PBX. SIPp plays the PBX.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { collectSentFrames, verifySentFramesAfterAll } from '../support/isdn-sent-frames.js';
import { PriPeer, peerBinary, type PriPeerOptions } from '../support/pri-peer.js';
import { sipp, type SippRun } from './sipp.js';
import { freePort, startTandem, type Tandem } from './tandem.js';

// every frame Tandem sends to libpri in a file's runs is checked against tshark after the file
verifySentFramesAfterAll();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
if (!peerBinary().exists) throw new Error(`the libpri peer is not built: ${peerBinary().build}`);

export interface IsdnGroup {
  /** trunk-group name */
  readonly name: string;
  /** the group's keys, without `dchannel` (added: connect to the peer) */
  readonly group: Record<string, unknown>;
  readonly peer: PriPeerOptions;
  /** PBX calls to numbers starting with these digits (after the PBX's rules: +49…) go to this group */
  readonly prefix: string;
}

export interface IsdnRig {
  readonly tandem: Tandem;
  /** the peer of each group, by group name */
  readonly peers: ReadonlyMap<string, PriPeer>;
  close(): Promise<void>;
}

/** The trunk groups' view in GET /circuits. */
export interface GroupView {
  readonly name: string;
  readonly link: string;
  readonly counts: { idle: number; available: number; outgoingBusy: number; incomingBusy: number; resetting: number; locked: number };
  readonly circuits: { cic: number; callState: string }[];
}

export async function groupView(tandem: Tandem, name: string): Promise<GroupView> {
  const { status, body } = await tandem.admin('GET', '/circuits');
  expect(status).toBe(200);
  const group = (body as { groups: GroupView[] }).groups.find((g) => g.name === name);
  if (group === undefined) throw new Error(`no trunk group ${name} in /circuits: ${JSON.stringify(body)}`);
  return group;
}

/** Polls GET /circuits until `accept` holds for the group (`ms` at most); resolves with that view. */
export async function untilGroup(tandem: Tandem, name: string, accept: (g: GroupView) => boolean, what: string, ms = 30_000): Promise<GroupView> {
  let last: GroupView | undefined;
  for (const end = Date.now() + ms; Date.now() < end; ) {
    last = await groupView(tandem, name);
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`trunk group ${name}: not ${what} after ${ms} ms: ${JSON.stringify(last)}`);
}

/** Every circuit of the group idle and available (link up, nothing held). */
export const allIdle = (g: GroupView): boolean => g.link === 'up' && g.circuits.length > 0 && g.counts.idle === g.circuits.length && g.counts.available === g.circuits.length;

/**
 * Starts the peers, then Tandem dialling them, and waits until every group's link is up. `routes`
 * are tried before the generated ones (e.g. a route over two groups, for failover).
 */
export async function startIsdn(groups: readonly IsdnGroup[], routes: readonly Record<string, unknown>[] = []): Promise<IsdnRig> {
  const peers = new Map<string, PriPeer>();
  let tandem: Tandem | undefined;
  const close = async (): Promise<void> => {
    const code = await tandem?.stop();
    for (const p of peers.values()) {
      await p.close();
      collectSentFrames(p);
    }
    expect(code).toBe(0);
  };
  try {
    for (const g of groups) peers.set(g.name, await PriPeer.start({ listen: 0, name: g.name, dump: true, ...g.peer }));
    const trunkGroups = Object.fromEntries(groups.map((g) => [g.name, { ...g.group, dchannel: { connect: `tcp:127.0.0.1:${String(peers.get(g.name)?.port)}` } }]));
    const routesFirst = [
      ...routes,
      ...groups.flatMap((g) => [
        { name: `pbx-to-${g.name}`, from: ['pbx'], match: `^(\\+49)?${g.prefix}[0-9]*$`, to: [g.name] },
        { name: `${g.name}-to-pbx`, from: [g.name], match: '^\\+?[0-9]+$', to: ['pbx'] },
      ]),
    ];
    tandem = await startTandem({ changes: { files: { 'isdn.yaml': { trunkGroups } }, routesFirst } });
    for (const g of groups) await untilGroup(tandem, g.name, allIdle, 'up with every circuit idle');
  } catch (e) {
    await tandem?.stop();
    for (const p of peers.values()) await p.close();
    throw e;
  }
  return { tandem, peers, close };
}

/** One EuroISDN E1 with Tandem as the user side and libpri as the network; PBX calls to 039… reach it. */
export const EURO_E1_USER: IsdnGroup = {
  name: 'pri-e1',
  prefix: '39',
  group: { driver: 'pri', side: 'user', switchType: 'euroIsdn', spans: [{ span: 2, type: 'E1' }] },
  peer: { node: 'net', switchType: 'euroisdn_e1' },
};

/**
 * The rig of one test file: started (startIsdn) before its tests, closed after them, both within
 * `timeout` ms. The returned rig reads the started one; `peer(name)` is that group's libpri peer.
 */
export function useIsdnRig(
  groups: readonly IsdnGroup[],
  options: { routes?: readonly Record<string, unknown>[]; timeout?: number } = {},
): IsdnRig & { peer(name: string): PriPeer } {
  const timeout = options.timeout ?? 60_000;
  let started: IsdnRig | undefined;
  const current = (): IsdnRig => {
    if (started === undefined) throw new Error('the ISDN rig is not started (used outside the tests?)');
    return started;
  };
  beforeAll(async () => {
    started = await startIsdn(groups, options.routes);
  }, timeout);
  afterAll(async () => {
    await started?.close();
  }, timeout);
  return {
    get tandem() {
      return current().tandem;
    },
    get peers() {
      return current().peers;
    },
    close: () => current().close(),
    peer(name: string): PriPeer {
      const peer = current().peers.get(name);
      if (peer === undefined) throw new Error(`no libpri peer for trunk group ${name}`);
      return peer;
    },
  };
}

/** A PBX call by SIPp (UAC) to `called` from `calling`; resolves when SIPp exits. */
export async function pbxCall(tandem: Tandem, scenario: string, called: string, calling: string, args: readonly string[] = []): Promise<SippRun> {
  return sipp({ scenario, ip: '127.0.0.1', port: await freePort(), remote: `127.0.0.1:${tandem.ports.sip}`, keys: { called, calling }, args }).done;
}

/** SIPp succeeded with one call and no failure. */
export function oneCallPassed(run: SippRun): void {
  expect(run.code, run.diagnostics).toBe(0);
  expect([run.successful, run.failed], run.diagnostics).toEqual([1, 0]);
}

type Row = Record<string, unknown>;

/** The CDRs whose `field` is `value`, as `tandem cdr export` reads them from the spool, once there are `count` (10 s at most). */
export async function cdrs(tandem: Tandem, field: string, value: string, count = 1): Promise<Row[]> {
  let rows: Row[] = [];
  for (let i = 0; i < 100; i++) {
    const r = spawnSync(process.execPath, [`${ROOT}bin/tandem.js`, 'cdr', 'export', '--format', 'json', '--config', tandem.dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    rows = (JSON.parse(r.stdout) as Row[]).filter((row) => row[field] === value);
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${rows.length} CDRs with ${field} ${value}, not ${count}`);
}
