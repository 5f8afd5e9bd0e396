import { describe, expect, it } from 'vitest';
import { writeTranscript, type TranscriptMessage } from '../helpers/transcripts';
import { tempDir } from '../helpers/temp';
import {
  MINUTE,
  indexAndInfer,
  iso,
  localMachineId,
  makeMachine,
  reportSeen,
  type Machine,
} from '../helpers/sync-machines';

// The same transcript on several machines (issue 25, item 4): a conversation copied to another
// machine and resumed there. The rule: the session belongs to the machine whose copy has the
// latest record, and every copy's prompts are kept; all machines agree, in either order of
// indexing and importing.

const DAY = Date.UTC(2026, 10, 6, 9, 0);
const RANGE = { start: DAY - 60 * MINUTE, end: DAY + 12 * 60 * MINUTE };
const SESSION = '5a5a5a5a-1111-4222-8333-444455556666';

function copy(machine: Machine, prompts: [number, string][]): void {
  const messages: TranscriptMessage[] = prompts.map(([minute, prompt]) => ({
    at: DAY + minute * MINUTE,
    branch: 'main',
    prompt,
  }));
  writeTranscript(machine.claudeRoot, { sessionId: SESSION, cwd: '/work/shop', messages });
}

async function shown(machine: Machine) {
  const details = JSON.parse((await machine.ok(['sessions', 'show', SESSION, '--json'])).stdout) as {
    session: { endTime: string | number };
    prompts: { ts: number; text: string | null }[];
  };
  return { end: details.session.endTime, prompts: details.prompts.map((p) => p.text).sort() };
}

describe('one transcript on several machines', { timeout: 600_000 }, () => {
  it('belongs to the machine whose copy has the latest record, keeps every copy\u2019s prompts, everywhere', async () => {
    const folder = tempDir('tt-sync-folder-');
    const [laptop, desk, server] = ['laptop', 'desk', 'server'].map((label) => makeMachine(label, 0));
    // The laptop's conversation; the desk resumed a copy of it, and went on longer; the laptop
    // also went on a little (a prompt the desk never saw).
    copy(laptop!, [
      [0, 'first'],
      [1, 'second'],
      [3, 'laptop only'],
    ]);
    copy(desk!, [
      [0, 'first'],
      [1, 'second'],
      [10, 'desk goes on'],
      [12, 'desk again'],
    ]);
    await indexAndInfer(laptop!, RANGE);
    await laptop!.ok(['sync', '--folder', folder]);
    // The desk indexes its copy before it hears of the laptop's.
    await indexAndInfer(desk!, RANGE);
    await desk!.ok(['sync', '--folder', folder]);
    await laptop!.ok(['sync', '--folder', folder]);

    const deskId = await localMachineId(desk!);
    const everyPrompt = ['desk again', 'desk goes on', 'first', 'laptop only', 'second'];
    for (const machine of [laptop!, desk!]) {
      expect(await shown(machine), machine.label).toEqual({
        end: iso(DAY + 12 * MINUTE),
        prompts: everyPrompt,
      });
      const byMachine = (await reportSeen(machine, RANGE, 'machine')) as {
        rows: { key: string; sessions: number }[];
      };
      expect(byMachine.rows.filter((r) => r.sessions > 0).map((r) => r.key)).toEqual([deskId]);
    }

    // The server hears of both first, then finds a copy of its own that goes on later still.
    await server!.ok(['sync', '--folder', folder]);
    expect(await shown(server!)).toEqual({ end: iso(DAY + 12 * MINUTE), prompts: everyPrompt });
    copy(server!, [
      [0, 'first'],
      [1, 'second'],
      [10, 'desk goes on'],
      [20, 'server last'],
    ]);
    await indexAndInfer(server!, RANGE);
    for (const machine of [server!, laptop!, desk!, server!]) await machine.ok(['sync', '--folder', folder]);
    const serverId = await localMachineId(server!);
    const reports = [];
    for (const machine of [laptop!, desk!, server!]) {
      expect(await shown(machine), machine.label).toEqual({
        end: iso(DAY + 20 * MINUTE),
        prompts: [...everyPrompt, 'server last'].sort(),
      });
      reports.push(await reportSeen(machine, RANGE, 'machine'));
    }
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
    const rows = (reports[0] as { rows: { key: string; sessions: number }[] }).rows;
    expect(rows.filter((r) => r.sessions > 0).map((r) => r.key)).toEqual([serverId]);
  });
});
