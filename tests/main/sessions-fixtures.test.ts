import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { SessionService } from '../../src/main/sessions/session-service';
import { partContext } from '../helpers/part-context';
import { tempDir } from '../helpers/temp';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';

// Real transcripts written by Claude Code 2.1.x (see the fixtures' README). Every expected
// value below was derived from the files with jq, not from the indexer, with:
//   jq -s '[.[] | select(.type=="user" or .type=="assistant")] as $m
//     | { n: ($m|length), start: ([$m[].timestamp]|min), end: ([$m[].timestamp]|max),
//         cwd: ([.[].cwd | select(.!=null)][0]), summary: ([.[]|select(.type=="summary")|.summary]|last) }'
// and for prompts: user records without isMeta, isCompactSummary, isSidechain or toolUseResult,
// whose content is a string or text blocks (no tool_result), and whose text does not start with
// <task-notification>, <local-command-stdout>, <local-command-stderr>, <local-command-caveat> or
// "[Request interrupted by user" (their timestamps listed below).
const ROOT = CLAUDE_FIXTURE_ROOT;
const WORKER = fileURLToPath(new URL('../../out/main/session-worker.js', import.meta.url));

interface Expected {
  id: string;
  parent: string | null;
  messages: number;
  start: string;
  end: string;
  cwd: string;
  project: string;
  prompts: string[];
  firstPrompt: string | null;
}

const MARCO = '/home/marco/projects/spotter';
const WT = '/home/USER/projects/spotter-worktrees';
const expected: Expected[] = [
  {
    id: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04',
    parent: null,
    messages: 657,
    start: '2026-02-12T14:11:57.667Z',
    end: '2026-02-12T15:05:00.586Z',
    cwd: `${WT}/spotter-4te`,
    project: 'spotter-4te',
    prompts: ['2026-02-12T14:11:57.667Z', '2026-02-12T14:47:08.766Z', '2026-02-12T14:51:49.955Z'],
    firstPrompt: 'Work on bead spotter-4te. Run bd show spotter-4te',
  },
  {
    id: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04/agent-aac57f5',
    parent: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04',
    messages: 28,
    start: '2026-02-12T14:12:32.522Z',
    end: '2026-02-12T14:13:05.048Z',
    cwd: `${WT}/spotter-4te`,
    project: 'spotter-4te',
    prompts: [],
    firstPrompt: null,
  },
  {
    id: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04/agent-acompact-946d2b',
    parent: 'ae4a77f8-aedd-4bc1-888f-c94edc91af04',
    messages: 2,
    start: '2026-02-12T14:47:09.231Z',
    end: '2026-02-12T14:48:36.518Z',
    cwd: `${WT}/spotter-4te`,
    project: 'spotter-4te',
    prompts: [],
    firstPrompt: null,
  },
  {
    id: '4d5611e5-241a-462a-8d15-5122611a9569',
    parent: null,
    messages: 408,
    start: '2026-02-12T16:02:25.284Z',
    end: '2026-02-12T21:03:34.112Z',
    cwd: `${WT}/spotter-dov`,
    project: 'spotter-dov',
    prompts: ['2026-02-12T16:02:25.284Z', '2026-02-12T20:19:00.807Z'],
    firstPrompt: 'Work on bead spotter-dov.',
  },
  {
    id: '4d5611e5-241a-462a-8d15-5122611a9569/agent-a2898e3',
    parent: '4d5611e5-241a-462a-8d15-5122611a9569',
    messages: 74,
    start: '2026-02-12T16:02:48.183Z',
    end: '2026-02-12T16:05:10.022Z',
    cwd: `${WT}/spotter-dov`,
    project: 'spotter-dov',
    prompts: [],
    firstPrompt: null,
  },
  {
    id: '4d5611e5-241a-462a-8d15-5122611a9569/agent-acompact-e1f845',
    parent: '4d5611e5-241a-462a-8d15-5122611a9569',
    messages: 5,
    start: '2026-02-12T20:24:43.254Z',
    end: '2026-02-12T20:30:28.082Z',
    cwd: `${WT}/spotter-dov`,
    project: 'spotter-dov',
    prompts: [],
    firstPrompt: null,
  },
  {
    id: '258c7280-ae70-4798-800f-63464d01a85d',
    parent: null,
    messages: 491,
    start: '2026-02-11T20:36:45.618Z',
    end: '2026-02-11T21:46:25.781Z',
    cwd: `${WT}/spotter-gqc`,
    project: 'spotter-gqc',
    prompts: ['2026-02-11T20:36:45.618Z', '2026-02-11T21:46:21.651Z'],
    firstPrompt: 'Implement spotter-gqc',
  },
  {
    id: '258c7280-ae70-4798-800f-63464d01a85d/agent-a881341',
    parent: '258c7280-ae70-4798-800f-63464d01a85d',
    messages: 8,
    start: '2026-02-11T21:24:19.366Z',
    end: '2026-02-11T21:24:52.186Z',
    cwd: `${WT}/spotter-gqc`,
    project: 'spotter-gqc',
    prompts: [],
    firstPrompt: null,
  },
  {
    id: '258c7280-ae70-4798-800f-63464d01a85d/agent-acompact-fffbd0',
    parent: '258c7280-ae70-4798-800f-63464d01a85d',
    messages: 4,
    start: '2026-02-11T20:57:47.609Z',
    end: '2026-02-11T21:18:41.098Z',
    cwd: `${WT}/spotter-gqc`,
    project: 'spotter-gqc',
    prompts: [],
    firstPrompt: null,
  },
  {
    id: '491e126e-1e71-469c-ade2-fcc8af567c74',
    parent: null,
    messages: 48,
    start: '2026-02-10T21:54:53.186Z',
    end: '2026-02-10T22:03:51.679Z',
    cwd: MARCO,
    project: 'spotter',
    prompts: ['2026-02-10T21:54:53.186Z', '2026-02-10T22:01:14.815Z'],
    firstPrompt: 'create the beads',
  },
  {
    id: '55604662-cf2a-4331-851a-ec234028f8ca',
    parent: null,
    messages: 9,
    start: '2026-02-10T21:11:56.846Z',
    end: '2026-02-10T21:12:02.480Z',
    cwd: MARCO,
    project: 'spotter',
    prompts: ['2026-02-10T21:11:56.846Z'],
    firstPrompt: 'mix phx.server doesnt seem to start',
  },
  {
    id: 'd6e0bada-1959-4eec-a9d2-0bfade768d8f',
    parent: null,
    messages: 22,
    start: '2026-02-10T22:57:54.684Z',
    end: '2026-02-10T22:59:46.748Z',
    cwd: MARCO,
    project: 'spotter',
    prompts: ['2026-02-10T22:57:54.684Z', '2026-02-10T22:58:08.126Z', '2026-02-10T22:59:22.893Z'],
    firstPrompt: 'start phoenix in background',
  },
];

let service: TtService | null = null;
afterEach(() => {
  service?.close();
  service = null;
});

describe('indexing the real Claude Code transcripts', () => {
  it('yields one session per transcript with the values in the files', async () => {
    const dataDir = tempDir();
    service = TtService.open({ dataDir, env: {} });
    const sessions = new SessionService(partContext(dataDir), { workerPath: WORKER, inProcessBelowBytes: 0 });
    const result = await sessions.index({ roots: [ROOT] });

    expect(result.workerFallback).toBeNull();
    expect(result.workers).toBeGreaterThan(0);
    expect(result.filesSeen).toBe(12);
    expect(result.filesIndexed).toBe(12);
    expect(result.filesSkipped).toBe(0);
    expect(result.sessionsWritten).toBe(12);

    const list = sessions.list();
    expect(list.map((s) => s.sessionId).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const want of expected) {
      const got = list.find((s) => s.sessionId === want.id)!;
      expect({ id: got.sessionId, parent: got.parentSessionId, sub: got.isSubagent }).toEqual({
        id: want.id,
        parent: want.parent,
        sub: want.parent !== null,
      });
      expect(got.messageCount, want.id).toBe(want.messages);
      expect(new Date(got.startTime).toISOString(), want.id).toBe(want.start);
      expect(new Date(got.endTime!).toISOString(), want.id).toBe(want.end);
      expect(got.projectPath, want.id).toBe(want.cwd);
      expect(got.projectName, want.id).toBe(want.project);
      expect(got.summary, want.id).toBeNull();
      expect(got.fileExists).toBe(true);
      expect(
        sessions.repository.prompts(want.id).map((ts) => new Date(ts).toISOString()),
        want.id,
      ).toEqual(want.prompts);
      expect(got.promptCount).toBe(want.prompts.length);
      if (want.firstPrompt === null) expect(got.firstPrompt).toBeNull();
      else expect(got.firstPrompt?.startsWith(want.firstPrompt), `${want.id}: ${got.firstPrompt}`).toBe(true);
    }
    expect(sessions.children('258c7280-ae70-4798-800f-63464d01a85d').map((s) => s.sessionId)).toEqual([
      '258c7280-ae70-4798-800f-63464d01a85d/agent-acompact-fffbd0',
      '258c7280-ae70-4798-800f-63464d01a85d/agent-a881341',
    ]);
  });

  it('merges activity into spans where records are at most 5 minutes apart', async () => {
    const dataDir = tempDir();
    service = TtService.open({ dataDir, env: {} });
    const sessions = new SessionService(partContext(dataDir), { workerPath: null });
    await sessions.index({ roots: [ROOT] });
    // 55604662: nine messages within six seconds → one span from the first to the last.
    expect(sessions.repository.activity('55604662-cf2a-4331-851a-ec234028f8ca')).toEqual([
      [Date.parse('2026-02-10T21:11:56.846Z'), Date.parse('2026-02-10T21:12:02.480Z')],
    ]);
    // 4d5611e5 runs 16:02–21:03 with long pauses: spans never overlap, each stays inside the
    // session, and every gap between spans is longer than 5 minutes.
    const spans = sessions.repository.activity('4d5611e5-241a-462a-8d15-5122611a9569');
    expect(spans.length).toBeGreaterThan(1);
    expect(spans[0]![0]).toBe(Date.parse('2026-02-12T16:02:25.284Z'));
    expect(spans.at(-1)![1]).toBe(Date.parse('2026-02-12T21:03:34.112Z'));
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]![0] - spans[i - 1]![1]).toBeGreaterThan(5 * 60_000);
  });

  it('reports progress in bytes and tells views the sessions changed', async () => {
    service = TtService.open({ dataDir: tempDir(), env: {} });
    const events: unknown[] = [];
    service.onEvent((event) => events.push(event));
    await service.indexSessions({ roots: [ROOT] });
    const progress = events.filter((e) => (e as { type: string }).type === 'progress') as {
      done: number;
      total: number;
      unit: string;
      filesDone: number;
      filesTotal: number;
    }[];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ unit: 'bytes', filesDone: 12, filesTotal: 12 });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(events).toContainEqual({ type: 'changed', topics: ['sessions'] });
    const status = await service.status();
    expect(status.sources.find((s) => s.name === 'claude-sessions')?.lastIndexedAt).not.toBeNull();
  });
});
