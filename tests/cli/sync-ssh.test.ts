import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TT_BIN } from '../helpers/cli';
import { installStandInSsh } from '../helpers/stand-ins';
import { tempDir } from '../helpers/temp';
import {
  MINUTE,
  SYNC_RANGE,
  expectCleanSync,
  expectConverged,
  expectMeetingEditsOutcome,
  indexAndInfer,
  makeMeetingEdits,
  seedThreeMachines,
  seededRandom,
  shuffled,
  type Machine,
} from '../helpers/sync-machines';

// `tt sync ssh HOST` over the system's ssh (here a stand-in that runs the remote side on this
// computer, as HOST): each machine pulls the others' segments, and all three converge.

async function pullAll(machines: readonly Machine[], random: () => number): Promise<string> {
  const order: string[] = [];
  for (const machine of shuffled(machines, random)) {
    for (const other of shuffled(machines, random)) {
      if (other === machine) continue;
      order.push(`${machine.label}<${other.label}`);
      const result = await machine.ok(['sync', 'ssh', other.label]);
      expectCleanSync(result.stderr, `${machine.label} pulls ${other.label}`);
    }
  }
  return order.join(' ');
}

describe('tt sync ssh', { timeout: 600_000 }, () => {
  it('converges three machines that pull from each other over ssh', async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const random = seededRandom(seed);
    const bin = tempDir('tt-ssh-bin-');
    const hosts = tempDir('tt-ssh-hosts-');
    installStandInSsh(bin, hosts, TT_BIN);
    const machines = seedThreeMachines({ PATH: `${bin}:${process.env.PATH ?? ''}` });
    const offsets = [0, -10 * MINUTE, 10 * MINUTE];
    machines.forEach((machine, i) => {
      symlinkSync(dirname(machine.dataDir), join(hosts, machine.label));
      writeFileSync(join(dirname(machine.dataDir), 'offset'), String(offsets[i]));
    });
    for (const machine of machines) await indexAndInfer(machine, SYNC_RANGE);

    let order = `seed ${seed}: ${await pullAll(machines, random)}`;
    await makeMeetingEdits(machines);
    order += ` | ${await pullAll(machines, random)} | ${await pullAll(machines, random)}`;
    expectMeetingEditsOutcome(await expectConverged(machines, order));

    // The remote command is plain words; what this side holds goes as --after, so only new
    // segments come, and --receive has the host take this side's first.
    const log = readFileSync(join(hosts, 'ssh.log'), 'utf8').trim().split('\n');
    expect(log.at(-1)).toMatch(
      /^ssh -o ConnectTimeout=15 -- m\d tt sync serve --after [0-9a-f-]{36}:\d+(,[0-9a-f-]{36}:\d+)* --receive$/,
    );
    const again = await machines[0].ok(['sync', 'ssh', 'm1', '--json']);
    expect((JSON.parse(again.stdout) as { imported: { segments: number } }).imported.segments).toBe(0);
  });

  it('says why when ssh fails, and refuses a host that would be read as an option', async () => {
    const bin = tempDir('tt-ssh-bin-');
    const hosts = tempDir('tt-ssh-hosts-');
    installStandInSsh(bin, hosts, TT_BIN);
    const [m0] = seedThreeMachines({ PATH: `${bin}:${process.env.PATH ?? ''}` });
    const unknown = await m0.tt(['sync', 'ssh', 'nowhere']);
    expect(unknown.exitCode).toBe(5);
    expect(unknown.stderr).toContain(
      'ssh nowhere failed (exit 255): ssh: Could not resolve hostname nowhere',
    );
    const option = await m0.tt(['sync', 'ssh', '--', '-oProxyCommand=touch /tmp/x']);
    expect(option.exitCode).toBe(2);
    expect(option.stderr).toContain('not a host name');
    const remote = await m0.tt(['sync', 'ssh', 'm1', '--remote-tt', 'tt; rm -rf ~']);
    expect(remote.exitCode).toBe(2);
  });
});
