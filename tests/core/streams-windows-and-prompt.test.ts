import { describe, expect, it } from 'vitest';
import { assignFocusEvents } from '../../src/core/streams/focus-assignment';
import { buildWindowPrompt, estimateTokens, STREAMS_TOOL } from '../../src/core/streams/llm-prompt';
import { cutWindows, previousWindowSpan } from '../../src/core/streams/windows';
import { directoryStreamId } from '../../src/core/streams/stream-id';
import type { StreamSession } from '../../src/core/streams/stream-model';

const H = 3600_000;
const T0 = Date.parse('2026-02-10T00:00:00Z');

describe('windows', () => {
  it('cuts three days into 24-hour windows that overlap by 4 hours', () => {
    const windows = cutWindows(T0, T0 + 72 * H);
    expect(windows.map((w) => [(w.start - T0) / H, (w.end - T0) / H])).toEqual([
      [0, 24],
      [20, 44],
      [40, 64],
      [60, 72],
    ]);
  });

  it('covers every instant of the range and nothing outside it', () => {
    for (const hours of [1, 24, 25, 44, 45, 168, 1000]) {
      const windows = cutWindows(T0, T0 + hours * H);
      expect(windows[0]!.start).toBe(T0);
      expect(windows.at(-1)!.end).toBe(T0 + hours * H);
      for (const [i, w] of windows.entries()) {
        expect(w.end - w.start).toBeLessThanOrEqual(24 * H);
        if (i > 0) expect(windows[i - 1]!.end - w.start).toBe(4 * H);
      }
    }
  });

  it('has no window for an empty range, and knows the previous window of one', () => {
    expect(cutWindows(T0, T0)).toEqual([]);
    expect(previousWindowSpan({ start: T0 + 20 * H, end: T0 + 44 * H })).toEqual({
      start: T0,
      end: T0 + 24 * H,
    });
  });
});

const session = (over: Partial<StreamSession> & { sessionId: string }): StreamSession => ({
  parentSessionId: null,
  isSubagent: false,
  projectPath: '/home/u/api',
  identity: { projectName: 'api', workspaceName: null },
  branch: null,
  branchShare: null,
  start: T0 + H,
  end: T0 + 2 * H,
  messageCount: 12,
  summary: null,
  customTitle: null,
  firstPrompt: null,
  ...over,
});

describe('window prompt', () => {
  it('holds sessions, focus per project and the previous streams', () => {
    const prompt = buildWindowPrompt({
      window: { start: T0, end: T0 + 24 * H },
      sessions: [
        session({
          sessionId: 's1',
          summary: 'Fix the login redirect',
          firstPrompt: 'the login page loops\nforever',
        }),
        session({
          sessionId: 's2',
          parentSessionId: 's1',
          projectPath: '/home/u/projects/spotter-worktrees/spotter-gqc',
          identity: { projectName: 'spotter', workspaceName: 'spotter-gqc' },
        }),
      ],
      focus: [
        {
          id: 'e1',
          ts: T0 + H,
          type: 'pane-focus',
          identity: { projectName: 'api', workspaceName: null },
          branch: null,
        },
        {
          id: 'e2',
          ts: T0 + 3 * H,
          type: 'scroll',
          identity: { projectName: 'api', workspaceName: null },
          branch: null,
        },
      ],
      previousStreams: [{ id: 'prev-1', name: 'Login bug' }],
    });
    expect(prompt).toContain('- id: s1');
    expect(prompt).toContain('api (/home/u/api)');
    expect(prompt).toContain('summary: Fix the login redirect');
    expect(prompt).toContain('first prompt: "the login page loops forever"');
    expect(prompt).toContain('2026-02-10 01:00Z → 2026-02-10 02:00Z, 12 messages');
    expect(prompt).toContain('parent: s1');
    expect(prompt).toContain('spotter · gqc (/home/u/projects/spotter-worktrees/spotter-gqc)');
    expect(prompt).toContain('- api: 1 focus changes, 1 scrolls, 2026-02-10 01:00Z → 2026-02-10 03:00Z');
    expect(prompt).toContain('"Login bug" (id: prev-1)');
    expect(estimateTokens(prompt)).toBe(Math.ceil(prompt.length / 4));
  });

  it('asks for the seed shape through a strict tool schema', () => {
    const item = STREAMS_TOOL.input_schema.properties.streams.items;
    expect(item.required).toEqual(['id', 'name', 'session_ids', 'confidence']);
    expect(item.additionalProperties).toBe(false);
    expect(STREAMS_TOOL.strict).toBe(true);
  });
});

describe('focus events follow streams', () => {
  const api = { projectName: 'api', workspaceName: null };
  const web = { projectName: 'web', workspaceName: null };
  it('takes the stream of the nearest session in the same project, else the directory stream', () => {
    const sessions = [
      { sessionId: 'a', identity: api, start: T0, end: T0 + H, streamId: 'A', branch: null },
      { sessionId: 'b', identity: api, start: T0 + 5 * H, end: T0 + 6 * H, streamId: 'B', branch: null },
      { sessionId: 'w', identity: web, start: T0 + 2 * H, end: T0 + 3 * H, streamId: 'W', branch: null },
    ];
    const { streamOf, directoryStreams } = assignFocusEvents(
      [
        { id: 'inside-a', ts: T0 + 30 * 60_000, identity: api, branch: null },
        { id: 'nearer-a', ts: T0 + 2 * H, identity: api, branch: null },
        { id: 'nearer-b', ts: T0 + 4 * H, identity: api, branch: null },
        { id: 'other', ts: T0, identity: { projectName: 'docs', workspaceName: null }, branch: null },
        { id: 'unknown', ts: T0, identity: null, branch: null },
      ],
      sessions,
    );
    expect(streamOf.get('inside-a')).toBe('A');
    expect(streamOf.get('nearer-a')).toBe('A');
    expect(streamOf.get('nearer-b')).toBe('B');
    expect(streamOf.get('other')).toBe(directoryStreamId('docs'));
    expect(directoryStreams.get(directoryStreamId('docs'))?.name).toBe('docs');
    expect(streamOf.has('unknown')).toBe(false);
  });
});
