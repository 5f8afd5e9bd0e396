import { describe, expect, it } from 'vitest';
import { directoryStreamFor } from '../../src/core/streams/directory-inference';
import type { ValidatedStream } from '../../src/core/streams/llm-answer';
import {
  openSessions,
  planPlacements,
  type PlacementSnapshot,
  type SessionPlacement,
} from '../../src/core/streams/placement-plan';
import type { StreamEvent } from '../../src/core/streams/stream-model';
import { streamSession } from '../helpers/stream-session';

const api = directoryStreamFor({ projectName: 'api', workspaceName: null });
const web = directoryStreamFor({ projectName: 'web', workspaceName: null });
const webIdentity = { projectName: 'web', workspaceName: null };

function snapshot(
  sessions: Record<string, SessionPlacement> = {},
  over: Partial<PlacementSnapshot> = {},
): PlacementSnapshot {
  return { sessions: new Map(Object.entries(sessions)), events: new Map(), streams: new Map(), ...over };
}

const byPerson = (streamId: string): SessionPlacement => ({ streamId, by: 'user', confidence: 1 });

describe('where directory inference places sessions, and why', () => {
  const main = streamSession({ sessionId: 'main' });
  const kid = streamSession({ sessionId: 'main/agent-1', parentSessionId: 'main', isSubagent: true });
  const other = streamSession({ sessionId: 'other', identity: webIdentity, projectPath: '/home/u/web' });
  const sessions = [main, kid, other];
  const only = new Set(sessions.map((s) => s.sessionId));

  it('puts each session in its project and branch stream, creating that stream once', () => {
    const plan = planPlacements(snapshot(), { kind: 'directory', sessions, only }, null);
    expect(plan.sessions.get('main')).toMatchObject({
      streamId: api.id,
      by: 'directory',
      reason: 'its project and branch',
      why: 'project api',
    });
    // What the database keeps: the reason in words, with what it is about.
    expect(plan.sessionWrites.find((w) => w.sessionId === 'other')?.why).toBe('project web');
    const branched = planPlacements(
      snapshot(),
      {
        kind: 'directory',
        sessions: [streamSession({ sessionId: 'b', branch: 'spotter-dov' })],
        only: new Set(['b']),
      },
      null,
    );
    expect(branched.sessionWrites[0]?.why).toBe('feature branch `spotter-dov` of project api');
    expect(plan.sessions.get('main/agent-1')?.streamId).toBe(api.id);
    expect(plan.sessions.get('other')?.streamId).toBe(web.id);
    expect(plan.streams.map((s) => s.id)).toEqual([api.id, web.id]);
    expect(plan.sessionWrites).toHaveLength(3);
    expect(plan.sessionsAssigned).toBe(3);
    expect(plan.proposals.get('other')).toBe(web.id);
  });

  it("lets a person's placement win, and sends a subagent where a person put its parent", () => {
    const plan = planPlacements(
      snapshot({ main: byPerson('mine') }),
      { kind: 'directory', sessions, only },
      null,
    );
    expect(plan.sessions.get('main')).toMatchObject({
      streamId: 'mine',
      by: 'user',
      reason: 'a person placed it',
    });
    expect(plan.sessions.get('main/agent-1')).toMatchObject({
      streamId: 'mine',
      by: 'directory',
      reason: 'a person placed its parent session',
    });
    expect(plan.sessionWrites.map((w) => w.sessionId)).toEqual(['main/agent-1', 'other']);
    // what the run proposed is kept for quality, a person's word aside
    expect(plan.proposals.get('main')).toBe(api.id);
  });

  it('sends work for a merged stream to the stream it was merged into, and writes nothing unchanged', () => {
    const streams = new Map([
      [api.id, { source: 'directory' as const, mergedInto: 'combined' }],
      ['combined', { source: 'user' as const, mergedInto: null }],
    ]);
    const plan = planPlacements(
      snapshot({ other: { streamId: web.id, by: 'directory', confidence: 0.6 } }, { streams }),
      { kind: 'directory', sessions, only },
      null,
    );
    expect(plan.sessions.get('main')).toMatchObject({ streamId: 'combined', mergedFrom: api.id });
    expect(plan.streams.map((s) => s.id)).toEqual([web.id]);
    expect(plan.sessionWrites.map((w) => w.sessionId)).toEqual(['main', 'main/agent-1']);
  });
});

describe('an offline run next to what Claude decided', () => {
  it('sends a new subagent where Claude put its parent, when the run keeps the parent', () => {
    const main = streamSession({ sessionId: 'main' });
    const kid = streamSession({ sessionId: 'main/agent-2', parentSessionId: 'main', isSubagent: true });
    const plan = planPlacements(
      snapshot({ main: { streamId: 'C', by: 'llm', confidence: 0.7 } }),
      { kind: 'directory', sessions: [main, kid], only: new Set(['main/agent-2']) },
      null,
    );
    expect(plan.sessions.get('main/agent-2')).toMatchObject({
      streamId: 'C',
      confidence: 0.7,
      why: 'it follows its parent session, which Claude grouped',
    });
    expect(plan.streams).toEqual([]);
  });
});

describe('where a window of inference with Claude places sessions, and why', () => {
  const ids = ['early', 'pinned', 'open', 'unclaimed'];
  const sessions = ids.map((sessionId) => streamSession({ sessionId }));
  const answer: ValidatedStream[] = [
    {
      answerId: 'x',
      continues: false,
      name: 'X',
      sessionIds: ['early', 'pinned', 'open'],
      confidence: 0.7,
      rationale: 'all of it is the login work',
    },
  ];

  it('leaves to the later window only what earlier windows and people did not decide (the overlap rule)', () => {
    const now = snapshot({ early: { streamId: 'E', by: 'llm', confidence: 0.8 }, pinned: byPerson('P') });
    expect(openSessions(now, ids, new Set(['early']))).toEqual(['open', 'unclaimed']);
    const plan = planPlacements(
      now,
      {
        kind: 'llm',
        sessions,
        windowSessionIds: ids,
        answer,
        decidedEarlier: new Set(['early']),
        newId: () => 'X1',
      },
      null,
    );
    expect(plan.claimed).toEqual(['open']);
    expect(plan.sessions.get('open')).toMatchObject({
      streamId: 'X1',
      by: 'llm',
      confidence: 0.7,
      reason: 'Claude grouped it',
      why: 'Claude grouped it: all of it is the login work',
    });
    expect(plan.sessions.get('unclaimed')).toMatchObject({
      streamId: api.id,
      reason: 'Claude left it out: its project and branch',
      why: 'Claude left it out; project api',
    });
    expect(plan.sessions.get('early')).toMatchObject({
      streamId: 'E',
      reason: 'an earlier window of this run placed it',
    });
    expect(plan.sessions.get('pinned')).toMatchObject({ streamId: 'P', reason: 'a person placed it' });
    expect(plan.sessionWrites.map((w) => w.sessionId)).toEqual(['open', 'unclaimed']);
    expect(plan.streams).toEqual([
      { id: 'X1', name: 'X', source: 'llm', projectKey: null },
      { id: api.id, name: api.name, source: 'directory', projectKey: api.projectKey },
    ]);
  });

  it('sends a subagent Claude grouped elsewhere to where its parent is', () => {
    const parent = streamSession({ sessionId: 'parent' });
    const kid = streamSession({ sessionId: 'parent/agent-1', parentSessionId: 'parent', isSubagent: true });
    const plan = planPlacements(
      snapshot({ parent: { streamId: 'P', by: 'llm', confidence: 0.9 } }),
      {
        kind: 'llm',
        sessions: [parent, kid],
        windowSessionIds: ['parent/agent-1'],
        answer: [
          { answerId: 'y', continues: false, name: 'Y', sessionIds: ['parent/agent-1'], confidence: 0.5 },
        ],
        decidedEarlier: new Set(),
        newId: () => 'Y1',
      },
      null,
    );
    expect(plan.sessions.get('parent/agent-1')).toMatchObject({
      streamId: 'P',
      confidence: 0.9,
      reason: 'it follows its parent session',
    });
  });
});

describe('where focus events go, and why', () => {
  const session = streamSession({ sessionId: 'main' });
  const at = (id: string, ts: number, identity = session.identity): StreamEvent => ({
    id,
    ts,
    type: 'pane-focus',
    identity,
    branch: null,
  });

  it("follows the nearest session, else the project's stream, and keeps a person's placement", () => {
    const events = [
      at('near', session.start + 60_000),
      at('alone', session.start, webIdentity),
      at('mine', session.start),
    ];
    const now = snapshot(
      { main: { streamId: 'S', by: 'directory', confidence: 1 } },
      { events: new Map([['mine', { streamId: 'M', by: 'user' }]]) },
    );
    const plan = planPlacements(now, null, { events, nearby: [session], by: 'directory' });
    expect(plan.events.get('near')).toMatchObject({
      streamId: 'S',
      reason: 'the nearest session of its project and branch',
      why: 'during a session of project api in this stream',
    });
    expect(plan.events.get('alone')).toMatchObject({
      streamId: web.id,
      reason: 'its project and branch (no session of theirs nearby)',
      why: 'focus in project web, no session of it nearby',
    });
    const later = planPlacements(now, null, {
      events: [at('later', session.end! + 4 * 60_000)],
      nearby: [session],
      by: 'directory',
    });
    expect(later.eventWrites[0]?.why).toBe('within 4 min of a session of project api in this stream');
    expect(plan.events.get('mine')).toMatchObject({ streamId: 'M', reason: 'a person placed it' });
    expect(plan.eventWrites.map((w) => w.eventId)).toEqual(['near', 'alone']);
    expect(plan.eventsAssigned).toBe(2);
  });
});
