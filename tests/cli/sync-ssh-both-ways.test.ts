import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineSummary, SyncResult, SyncStatus } from '../../src/shared/api';
import { TT_BIN, runTt } from '../helpers/cli';
import { installStandInSecretTool, installStandInSsh } from '../helpers/stand-ins';
import { tempDir } from '../helpers/temp';
import {
  SYNC_RANGE,
  expectCleanSync,
  indexAndInfer,
  localMachineId,
  seedThreeMachines,
  sessionIdsOf,
  syncSession,
  type Machine,
} from '../helpers/sync-machines';

// `tt sync ssh HOST` both ways, through real data dirs and the real CLI; ssh is a stand-in that
// runs the host's tt on this computer (tests/helpers/stand-ins.ts).

function hostsFor(): { hosts: string; machines: [Machine, Machine, Machine]; path: string } {
  const bin = tempDir('tt-ssh-bin-');
  const hosts = tempDir('tt-ssh-hosts-');
  installStandInSsh(bin, hosts, TT_BIN);
  installStandInSecretTool(bin);
  const path = `${bin}:${process.env.PATH ?? ''}`;
  const machines = seedThreeMachines({ PATH: path });
  for (const machine of machines) symlinkSync(dirname(machine.dataDir), join(hosts, machine.label));
  return { hosts, machines, path };
}

const lastSsh = (hosts: string) => readFileSync(join(hosts, 'ssh.log'), 'utf8').trim().split('\n').at(-1);
const segmentsIn = (dir: string) => {
  try {
    return readdirSync(dir).filter((name) => name.startsWith('seg-'));
  } catch {
    return [];
  }
};
async function machinesOf(machine: Machine, all = false): Promise<MachineSummary[]> {
  return JSON.parse((await machine.ok(['sync', 'machines', '--json', ...(all ? ['--all'] : [])])).stdout);
}

describe('tt sync ssh both ways', { timeout: 600_000 }, () => {
  it('pushes, pulls, relays a retired machine’s history, prunes the inbox, and forgets a machine', async () => {
    const { hosts, machines } = hostsFor();
    const [m0, m1, m2] = machines;
    for (const machine of machines) await indexAndInfer(machine, SYNC_RANGE);
    await m0.ok(['sync', 'name', 'old-laptop']);
    const [id0, id1, id2] = (await Promise.all(machines.map(localMachineId))) as [string, string, string];

    // --push only: m1 learns m0's sessions, m0 brings nothing back.
    const pushed = await m0.ok(['sync', 'ssh', 'm1', '--push', '--json']);
    expectCleanSync(pushed.stderr, 'm0 pushes to m1');
    const pushResult = JSON.parse(pushed.stdout) as SyncResult;
    expect(pushResult.sent).toBeGreaterThan(0);
    expect(pushResult.published).toBe(pushResult.sent);
    expect(pushResult.imported.segments).toBe(0);
    expect(lastSsh(hosts)).toMatch(/ tt sync serve --receive --no-send$/);
    expect((await machinesOf(m1)).map((m) => m.id)).toContain(id0);
    expect(await sessionIdsOf(m1)).toContain(syncSession(0, 1));
    expect((await machinesOf(m0)).map((m) => m.id)).not.toContain(id1);
    expect(await sessionIdsOf(m0)).not.toContain(syncSession(1, 1));

    // --pull only: m0 learns m1's, sends nothing (no --receive).
    const pulled = await m0.ok(['sync', 'ssh', 'm1', '--pull', '--json']);
    expectCleanSync(pulled.stderr, 'm0 pulls from m1');
    expect((JSON.parse(pulled.stdout) as SyncResult).imported.segments).toBeGreaterThan(0);
    expect(lastSsh(hosts)).not.toContain('--receive');
    expect(await sessionIdsOf(m0)).toContain(syncSession(1, 1));

    // m0 retires. m2 never met it, and gets its history from m1, both ways in one call.
    const relayed = await m2.ok(['sync', 'ssh', 'm1', '--json']);
    expectCleanSync(relayed.stderr, 'm2 syncs with m1');
    const m2Sessions = await sessionIdsOf(m2);
    expect(m2Sessions).toEqual(
      expect.arrayContaining([syncSession(0, 1), syncSession(0, 2), syncSession(1, 1)]),
    );
    expect(await sessionIdsOf(m1)).toContain(syncSession(2, 1));
    expect((await machinesOf(m2)).find((m) => m.id === id0)?.name).toBe('old-laptop');
    // And m1 passes m2's on to m0 the next time m0 comes by.
    await m0.ok(['sync', 'ssh', 'm1']);
    expect(await sessionIdsOf(m0)).toContain(syncSession(2, 2));

    // The inbox keeps nothing already imported; what can be passed on sits in sync-relay.
    for (const [machine, from] of [
      [m1, id0],
      [m2, id0],
      [m2, id1],
      [m0, id2],
    ] as const) {
      expect(segmentsIn(join(machine.dataDir, 'sync-inbox', 'tt', from))).toEqual([]);
      expect(segmentsIn(join(machine.dataDir, 'sync-relay', from)).length).toBeGreaterThan(0);
    }
    const again = JSON.parse((await m2.ok(['sync', 'ssh', 'm1', '--json'])).stdout) as SyncResult;
    expect(again.imported.segments).toBe(0);
    expect(again.sent).toBe(0);
    // m0 and m2 never met, yet each already holds all of the other's: nothing travels between them.
    const direct = await m0.ok(['sync', 'ssh', 'm2']);
    expect(direct.stdout).toContain('sent 0 segments to m2; it imported 0');
    expect(direct.stdout).toContain('imported 0 segments');

    // m2 forgets the retired machine by name: no longer listed nor expected, its rows stay.
    const forgot = await m2.ok(['sync', 'forget', 'old-laptop']);
    expect(forgot.stdout).toContain(`forgot old-laptop (${id0})`);
    expect((await machinesOf(m2)).map((m) => m.id)).not.toContain(id0);
    expect((await machinesOf(m2, true)).find((m) => m.id === id0)?.forgotten).toBe(true);
    const status = JSON.parse((await m2.ok(['sync', 'status', '--json'])).stdout) as SyncStatus;
    expect(status.machines.map((m) => m.id)).not.toContain(id0);
    expect(await sessionIdsOf(m2)).toEqual(m2Sessions);
    // Its history stays on the others, and is still passed on.
    expect((await machinesOf(m1)).map((m) => m.id)).toContain(id0);
    expect(await sessionIdsOf(m1)).toContain(syncSession(0, 2));
    await m2.ok(['sync', 'ssh', 'm1']);
    expect((await machinesOf(m2)).map((m) => m.id)).not.toContain(id0);

    // By id prefix too; never this machine; an unknown one is not found.
    expect((await m1.ok(['sync', 'forget', id0.slice(0, 8)])).stdout).toContain(id0);
    const self = await m2.tt(['sync', 'forget', id2.slice(0, 8)]);
    expect(self.exitCode).toBe(2);
    expect(self.stderr).toContain('is this machine');
    expect((await m2.tt(['sync', 'forget', 'nosuch'])).exitCode).toBe(4);

    // A retired machine that writes again is back.
    await m0.ok(['sync', 'name', 'laptop-again']);
    await m0.ok(['streams', 'rename', (await streamOf(m0)).id, 'renamed on m0']);
    await m0.ok(['sync', 'ssh', 'm1']);
    expect((await machinesOf(m1)).find((m) => m.id === id0)?.name).toBe('laptop-again');
  });

  it('relays encrypted segments as they are: the new machine reads them with the passphrase', async () => {
    const { machines, path } = hostsFor();
    const [m0, m1, m2] = machines;
    // Each machine's keychain is where the stand-in ssh finds it when it is the host.
    const keyring = (machine: Machine) => ({ STAND_IN_KEYRING: join(dirname(machine.dataDir), 'keyring') });
    for (const machine of machines) {
      await indexAndInfer(machine, SYNC_RANGE);
      const set = await runTt(['sync', 'passphrase'], {
        env: { TT_DATA_DIR: machine.dataDir, PATH: path, ...keyring(machine) },
        input: 'correct horse battery staple\n',
      });
      expect(set.exitCode, set.stderr).toBe(0);
    }
    expectCleanSync((await m0.ok(['sync', 'ssh', 'm1', '--push'], keyring(m0))).stderr, 'm0 pushes');
    const relayed = await m2.ok(['sync', 'ssh', 'm1'], keyring(m2));
    expectCleanSync(relayed.stderr, 'm2 syncs with m1');
    expect(await sessionIdsOf(m2)).toContain(syncSession(0, 1));
    // What m1 keeps to pass on is the ciphertext m0 wrote: no readable byte of m0's work.
    const id0 = await localMachineId(m0);
    const kept = segmentsIn(join(m1.dataDir, 'sync-relay', id0));
    expect(kept.length).toBeGreaterThan(0);
    for (const name of kept) {
      expect(name).toMatch(/\.enc$/);
      expect(readFileSync(join(m1.dataDir, 'sync-relay', id0, name)).includes(syncSession(0, 1))).toBe(false);
    }
  });

  it('sends again only what the other side lacks, past a segment it skipped', async () => {
    const { hosts, machines, path } = hostsFor();
    const [m0, m1, m2] = machines;
    const keyring = (machine: Machine) => ({ STAND_IN_KEYRING: join(dirname(machine.dataDir), 'keyring') });
    const passphrase = (machine: Machine, input: string, args: string[] = []) =>
      runTt(['sync', 'passphrase', ...args], {
        env: { TT_DATA_DIR: machine.dataDir, PATH: path, ...keyring(machine) },
        input,
      });
    for (const machine of machines) await indexAndInfer(machine, SYNC_RANGE);
    const id0 = await localMachineId(m0);
    const rename = async (name: string) => m0.ok(['streams', 'rename', (await streamOf(m0)).id, name]);
    // m0's segment 1 in plain text, 2 encrypted (m1 has the passphrase, m2 not), 3 plain again.
    await m0.ok(['sync', 'ssh', 'm1', '--push']);
    for (const machine of [m0, m1])
      expect((await passphrase(machine, 'correct horse battery staple\n')).exitCode).toBe(0);
    await rename('second');
    await m0.ok(['sync', 'ssh', 'm1', '--push'], keyring(m0));
    expect((await passphrase(m0, '', ['--clear'])).exitCode).toBe(0);
    await rename('third');
    await m0.ok(['sync', 'ssh', 'm1', '--push'], keyring(m0));
    const first = JSON.parse((await m2.ok(['sync', 'ssh', 'm1', '--pull', '--json'])).stdout) as SyncResult;
    expect(first.skipped.filter((s) => s.machine === id0).map((s) => s.segment)).toEqual([
      'seg-00000002.jsonl.enc',
    ]);
    // m2 holds m0's 1 and 3: it says so, and only 2 comes again.
    const again = JSON.parse((await m2.ok(['sync', 'ssh', 'm1', '--pull', '--json'])).stdout) as SyncResult;
    expect(lastSsh(hosts)).toContain(`${id0}:1+3`);
    expect(again.skipped.filter((s) => s.machine === id0).map((s) => s.segment)).toEqual([
      'seg-00000002.jsonl.enc',
    ]);
    expect(again.imported.segments).toBe(0);
  });

  it('says clearly when the host does not answer within the connect timeout, or answers something else', async () => {
    const { hosts, machines } = hostsFor();
    const [m0] = machines;
    writeFileSync(join(hosts, 'm1', 'unreachable'), '');
    const result = await m0.tt(['sync', 'ssh', 'm1', '--connect-timeout', '1']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('m1 did not answer within 1 s (is it on and reachable?)');
    expect(result.stderr).toContain('--connect-timeout');
    expect(lastSsh(hosts)).toMatch(/^ssh -o ConnectTimeout=1 -- m1 /);
    expect((await m0.tt(['sync', 'ssh', 'm1', '--connect-timeout', 'soon'])).exitCode).toBe(2);
    // A host that answers with something else than the exchange: stopped, and said, not waited on.
    writeFileSync(join(hosts, 'm2', 'garbled'), 'Welcome to m2! $(rm -rf ~)\n');
    const garbled = await m0.tt(['sync', 'ssh', 'm2']);
    expect(garbled.exitCode).toBe(5);
    expect(garbled.stderr).toContain('the exchange with m2 stopped:');
    expect(garbled.stderr).toContain('imported 0 segment(s) that arrived before');
    expect((await m0.tt(['sync', 'ssh', 'm1', '--connect-timeout', '0'])).exitCode).toBe(2);
  });

  it('checks what a host sends like any segment from outside', async () => {
    const { machines } = hostsFor();
    const [m0, m1] = machines;
    for (const machine of [m0, m1]) await indexAndInfer(machine, SYNC_RANGE);
    const id0 = await localMachineId(m0);
    // m1 holds a segment that claims to be m0's own, and a forged one of a third machine.
    const stranger = '0f0f0f0f-0000-4000-8000-000000000001';
    for (const [machine, text] of [
      [id0, '{"not":"a segment"}\n'],
      [stranger, 'not a segment at all\n'],
    ] as const) {
      mkdirSync(join(m1.dataDir, 'sync-relay', machine), { recursive: true });
      writeFileSync(join(m1.dataDir, 'sync-relay', machine, 'seg-00000099.jsonl'), text);
    }
    const result = await m0.ok(['sync', 'ssh', 'm1', '--pull', '--json']);
    const parsed = JSON.parse(result.stdout) as SyncResult;
    expect(parsed.imported.segments).toBeGreaterThan(0); // m1's own came through
    expect(parsed.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ machine: id0, reason: expect.stringContaining("this machine's own") }),
        expect.objectContaining({ machine: stranger, segment: 'seg-00000099.jsonl' }),
      ]),
    );
    expect((await machinesOf(m0)).map((m) => m.id)).not.toContain(stranger);
    // The refused one waits in the inbox (to be tried again); nothing of it was imported.
    expect(segmentsIn(join(m0.dataDir, 'sync-inbox', 'tt', stranger))).toEqual(['seg-00000099.jsonl']);
  });
});

async function streamOf(machine: Machine): Promise<{ id: string; name: string }> {
  const list = JSON.parse((await machine.ok(['streams', 'list', '--json'])).stdout) as {
    id: string;
    name: string;
  }[];
  return list[0]!;
}
