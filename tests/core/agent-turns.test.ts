import { describe, expect, it } from 'vitest';
import { turnsOf } from '../../src/core/agents/agent-turns';
import { openCodeSession } from '../../src/core/agents/opencode';
import { SkipTally } from '../../src/core/agents/skip-tally';

describe('turns of agents that do not measure them', () => {
  it('run from each hand-over to the last agent record before the next; an unanswered one is no turn', () => {
    expect(
      turnsOf([
        { at: 100, kind: 'handover' },
        { at: 150, kind: 'agent' },
        { at: 130, kind: 'agent' },
        { at: 200, kind: 'handover' },
        { at: 300, kind: 'handover' },
        { at: 310, kind: 'agent' },
      ]),
    ).toEqual([
      { start: 100, end: 150 },
      { start: 300, end: 310 },
    ]);
  });

  it('ignore agent records before the first hand-over', () => {
    expect(turnsOf([{ at: 5, kind: 'agent' }])).toEqual([]);
  });
});

describe('OpenCode rows to a session', () => {
  const user = (id: string, created: number) => ({
    id,
    created: null,
    data: { role: 'user', time: { created } },
  });
  const answer = (id: string, created: number, completed: number) => ({
    id,
    created: null,
    data: JSON.stringify({ role: 'assistant', time: { created, completed }, path: { cwd: '/from/message' } }),
  });

  it('orders messages by time, keeps only typed text as prompts, and the directory from a message when the session has none', () => {
    const skips = new SkipTally();
    const session = openCodeSession(
      { id: 'ses_1', parentId: null, directory: null, title: 'Child session - 2026-01-01T00:00:00.000Z' },
      [
        answer('msg_b', 1_800_000_002_000, 1_800_000_009_000),
        user('msg_a', 1_800_000_001_000),
        { id: 'msg_x', created: null, data: '{"role":"system"}' },
      ],
      [
        { id: 'p1', messageId: 'msg_a', created: null, data: { type: 'text', text: 'fix the bug' } },
        {
          id: 'p2',
          messageId: 'msg_a',
          created: null,
          data: { type: 'text', text: 'FILE CONTENT', synthetic: true },
        },
      ],
      skips,
    );
    expect(session).toMatchObject({
      cwd: '/from/message',
      title: null,
      messageCount: 2,
      start: 1_800_000_001_000,
      end: 1_800_000_009_000,
      prompts: [{ at: 1_800_000_001_000, text: 'fix the bug' }],
      turns: [{ start: 1_800_000_001_000, end: 1_800_000_009_000 }],
    });
    expect(skips.list()).toEqual([{ reason: 'OpenCode: message of an unknown role', count: 1 }]);
  });
});
