import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { STREAMS_TOOL, SYSTEM_PROMPT } from '../../src/core/streams/llm-prompt';
import {
  FakeAnthropic,
  previousStreamId,
  promptData,
  sessionIdsInPrompt,
  streamsReply,
  type FakeReply,
  type RecordedRequest,
} from '../helpers/fake-anthropic';
import { seedEvents, seedSessions, type SeedSession } from '../helpers/seed-sessions';
import { tempDir } from '../helpers/temp';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const API_KEY = 'sk-ant-test-secret-key';

let fake: FakeAnthropic;
const open: TtService[] = [];

beforeEach(async () => {
  fake = await new FakeAnthropic().start();
  fake.fallback = () => ({ kind: 'status', status: 500, retryAfterMs: 1 });
});
afterEach(async () => {
  for (const service of open.splice(0)) service.close();
  await fake.close();
});

function openService(env: Record<string, string> = {}): TtService {
  const service = TtService.open({
    dataDir: tempDir(),
    env: {
      HOME: '/nonexistent',
      ANTHROPIC_API_KEY: API_KEY,
      ANTHROPIC_BASE_URL: fake.baseURL,
      TT_LLM_RETRY_BASE_MS: '1',
      ...env,
    },
    now: () => T0 + 72 * H,
  });
  open.push(service);
  return service;
}

// Day 1: api work and a worktree; day 2: more api work; day 3: web.
const sessions: SeedSession[] = [
  {
    sessionId: 'api-1',
    projectPath: '/home/u/code/api',
    start: T0 + 2 * H,
    end: T0 + 3 * H,
    summary: 'Login redirect loop',
  },
  {
    sessionId: 'api-1-agent',
    projectPath: '/home/u/code/api',
    parentSessionId: 'api-1',
    start: T0 + 2 * H,
    end: T0 + 2.5 * H,
  },
  {
    sessionId: 'wt-1',
    projectPath: '/home/u/code/api-worktrees/api-docs',
    start: T0 + 5 * H,
    end: T0 + 6 * H,
  },
  {
    sessionId: 'api-2',
    projectPath: '/home/u/code/api',
    start: T0 + 30 * H,
    end: T0 + 31 * H,
    firstPrompt: 'the login loop is back',
  },
  { sessionId: 'web-1', projectPath: '/home/u/code/web', start: T0 + 62 * H, end: T0 + 63 * H },
];
const RANGE = { start: T0, end: T0 + 72 * H };

async function streamOf(service: TtService, sessionId: string): Promise<string | undefined> {
  return (await service.listStreams()).find((s) => s.sessionIds.includes(sessionId))?.id;
}

function assignments(service: TtService): unknown[] {
  return service.db.prepare('SELECT * FROM session_streams ORDER BY session_id').all();
}

/** Answers every window with one stream per project, named by a fixed label: a stable model. */
function byProject(request: RecordedRequest): FakeReply {
  const ids = sessionIdsInPrompt(request.prompt);
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const key = id.split('-')[0]!;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  return streamsReply(
    [...groups].map(([key, sids]) => ({
      id: `label-${key}`,
      name: `${key} work`,
      session_ids: sids,
      confidence: 0.8,
    })),
  );
}

describe('LLM inference against a fake Messages API', () => {
  it('sends one request per window with sessions still open, forcing the streams tool, with the configured key and model', async () => {
    const service = openService({ TT_MODEL: 'claude-test-model' });
    seedSessions(service.db, sessions);
    fake.fallback = byProject;
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });

    expect(result.windows.map((w) => [(w.start - T0) / H, (w.end - T0) / H, w.sessionCount, w.ok])).toEqual([
      [0, 24, 3, true],
      [20, 44, 1, true],
      [40, 64, 1, true],
      [60, 72, 1, true],
    ]);
    // the last window holds only web-1, which the window before placed: nothing to ask
    expect(fake.requests).toHaveLength(3);
    expect(result.windows[3]!.note).toBe('all its sessions were placed by an earlier window');
    const [first] = fake.requests;
    expect(first!.apiKey).toBe(API_KEY);
    expect(first!.body.model).toBe('claude-test-model');
    expect(first!.body.max_tokens).toBe(8192);
    expect(first!.body.tool_choice).toEqual({ type: 'tool', name: 'record_streams' });
    expect(first!.body.tools![0]!.name).toBe('record_streams');
    // Instructions in the system prompt, marked for the prompt cache; the user message is the data alone.
    expect(first!.body.system).toEqual([
      { type: 'text', text: SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } },
    ]);
    expect(first!.prompt).toMatch(/^<data>\n[\s\S]*\n<\/data>$/);
    expect(new Set(fake.requests.map((r) => r.system))).toEqual(new Set([SYSTEM_PROMPT]));
    expect(fake.requests.map((r) => sessionIdsInPrompt(r.prompt))).toEqual([
      ['api-1', 'api-1-agent', 'wt-1'],
      ['api-2'],
      ['web-1'],
    ]);
    expect(first!.prompt).toContain('Login redirect loop');
    // the home folder is sent as ~, the project part stays
    expect(promptData(first!.prompt).sessions.find((s) => s.id === 'wt-1')).toMatchObject({
      project: 'api · docs',
      path: '~/code/api-worktrees/api-docs',
    });
    // "label-api" was a label, not a stream: tt gave the stream a UUID
    expect(await streamOf(service, 'api-1')).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.windows.every((w) => w.error === undefined)).toBe(true);
  });

  it("shows the previous window's streams in the next prompt, and a returned previous id continues the stream", async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.reply(
      streamsReply([
        { id: 'a', name: 'Login bug', session_ids: ['api-1', 'api-1-agent'], confidence: 0.9 },
        { id: 'b', name: 'API docs', session_ids: ['wt-1'], confidence: 0.6 },
      ]),
    );
    fake.fallback = (request) => {
      const loginId = previousStreamId(request.prompt, 'Login bug');
      const ids = sessionIdsInPrompt(request.prompt);
      if (ids.includes('api-2')) {
        return streamsReply([
          { id: loginId ?? 'missing', name: 'Login bug, again', session_ids: ['api-2'], confidence: 0.7 },
        ]);
      }
      return streamsReply([{ id: 'fresh', name: 'Web', session_ids: ids, confidence: 0.9 }]);
    };
    await service.inferStreams({ mode: 'llm', ...RANGE });

    const loginStream = (await streamOf(service, 'api-1'))!;
    expect(promptData(fake.requests[1]!.prompt).previous_streams).toContainEqual({
      id: loginStream,
      name: 'Login bug',
    });
    expect(previousStreamId(fake.requests[1]!.prompt, 'API docs')).toBeDefined();
    expect(await streamOf(service, 'api-2')).toBe(loginStream);
    const login = (await service.listStreams()).find((s) => s.id === loginStream)!;
    expect(login).toMatchObject({
      name: 'Login bug, again',
      source: 'llm',
      sessionIds: ['api-1', 'api-1-agent', 'api-2'],
    });
    expect(login.confidence).toBeCloseTo((0.9 + 0.9 + 0.7) / 3);
    // "fresh" was not a previous id: a new UUID
    expect(await streamOf(service, 'web-1')).not.toBe('fresh');
    expect(await streamOf(service, 'web-1')).toMatch(/^[0-9a-f]{8}-/);
  });

  it('ignores unknown session ids and gives a session claimed twice to the more confident stream', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.reply(
      streamsReply([
        { id: 'x', name: 'Guess', session_ids: ['api-1', 'wt-1', 'ghost-session'], confidence: 0.3 },
        { id: 'y', name: 'Sure', session_ids: ['wt-1', 'made-up'], confidence: 0.95 },
      ]),
    );
    fake.fallback = byProject;
    await service.inferStreams({ mode: 'llm', ...RANGE });
    const names = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s.sessionIds]));
    expect(names.Guess).toEqual(['api-1', 'api-1-agent']);
    expect(names.Sure).toEqual(['wt-1']);
    const all = (await service.listStreams()).flatMap((s) => s.sessionIds);
    expect(all).not.toContain('ghost-session');
    expect(all).not.toContain('made-up');
    expect(new Set(all).size).toBe(all.length);
  });

  it('asks again when the answer is not JSON or not a tool call, and reports a window that never gets a usable one', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.reply(
      { kind: 'tool', input: 'this is {not json' },
      { kind: 'text', text: 'Here are your streams!' },
      streamsReply([{ id: 'a', name: 'Login', session_ids: ['api-1', 'wt-1'], confidence: 0.9 }]),
      // window 2: three malformed answers in a row
      { kind: 'tool', input: 'nope' },
      { kind: 'tool', input: { streams: 'nope' } },
      { kind: 'tool', input: '{"streams": [' },
    );
    fake.fallback = byProject;
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows[0]!.ok).toBe(true);
    expect(await streamOf(service, 'wt-1')).toBe(await streamOf(service, 'api-1'));
    expect(result.windows[1]!.ok).toBe(false);
    expect(result.windows[1]!.error).toMatch(/could not be used after 3 tries: the answer is not JSON/);
    expect(fake.requests).toHaveLength(3 + 3 + 1);
    // api-2 was only in the failed window (and is not in another): it has no stream
    expect(await streamOf(service, 'api-2')).toBeUndefined();
  });

  it('waits out a 429 and succeeds', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.reply({ kind: 'status', status: 429, retryAfterMs: 5 });
    fake.fallback = byProject;
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows.every((w) => w.ok)).toBe(true);
    expect(fake.requests).toHaveLength(4);
    expect(await streamOf(service, 'api-1')).toBeDefined();
  });

  it('leaves the database exactly as it was when the API keeps failing, and says so in words', async () => {
    const service = openService({ TT_LLM_MAX_RETRIES: '2' });
    seedSessions(service.db, sessions);
    await service.inferStreams({ mode: 'directory', ...RANGE });
    const streamsBefore = await service.listStreams();
    const rowsBefore = assignments(service);
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows.map((w) => w.ok)).toEqual([false, false, false, false]);
    expect(result.windows[0]!.error).toBe(
      'the Anthropic API failed with a server error (500, tried 3 times); try again later',
    );
    expect(fake.requests).toHaveLength(4 * 3);
    expect(await service.listStreams()).toEqual(streamsBefore);
    expect(assignments(service)).toEqual(rowsBefore);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('stops asking after a refused key, and reports it for every window', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.fallback = () => ({ kind: 'status', status: 401 });
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    const asked = result.windows.filter((w) => w.error !== undefined);
    expect(asked.length).toBeGreaterThan(1);
    for (const window of asked) expect(window.error).toMatch(/rejected the API key \(401\)/);
    expect(fake.requests).toHaveLength(1);
    expect(await service.listStreams()).toEqual([]);
  });

  it('stops asking after the API cannot be reached at all (the SDK already retried)', async () => {
    // A port that takes connections and drops them at once: a dead API, and countable.
    let connections = 0;
    const dead = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = dead.address() as AddressInfo;
      const service = openService({
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
        TT_LLM_MAX_RETRIES: '1',
      });
      seedSessions(service.db, sessions);
      const result = await service.inferStreams({ mode: 'llm', ...RANGE });
      const asked = result.windows.filter((w) => w.error !== undefined);
      expect(asked.length).toBeGreaterThan(1);
      for (const window of asked)
        expect(window.error).toMatch(/could not reach the Anthropic API at 127\.0\.0\.1/);
      expect(connections).toBe(2); // one request and its one retry, not two per window
      expect(await service.listStreams()).toEqual([]);
    } finally {
      await new Promise((resolve) => dead.close(resolve));
    }
  });

  it('says the endpoint did not answer like the Messages API when it sends a 200 web page, naming it', async () => {
    // A captive portal or a wrong ANTHROPIC_BASE_URL: 200, and an HTML page.
    let requests = 0;
    const portal = createHttpServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Sign in to the hotel Wi-Fi</h1></body></html>');
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
      const service = openService({ ANTHROPIC_BASE_URL: base });
      seedSessions(service.db, sessions);
      const result = await service.inferStreams({ mode: 'llm', ...RANGE });
      const asked = result.windows.filter((w) => w.error !== undefined);
      expect(asked.length).toBeGreaterThan(0);
      for (const window of asked) {
        expect(window.error).toBe(
          `the endpoint at ${base} did not answer like the Anthropic Messages API (it sent text/html text): check ANTHROPIC_BASE_URL`,
        );
      }
      expect(requests).toBe(1); // no later window would fare better
      expect(await service.listStreams()).toEqual([]);
    } finally {
      await new Promise((resolve) => portal.close(resolve));
    }
  });

  it('says ANTHROPIC_BASE_URL is not a URL before asking anything', async () => {
    const service = openService({ ANTHROPIC_BASE_URL: 'api.example.com:8080' });
    seedSessions(service.db, sessions);
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows[0]!.error).toBe(
      'ANTHROPIC_BASE_URL "api.example.com:8080" is not an http(s) URL: unset it, or use e.g. https://api.anthropic.com',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('says how to set the key when there is none, and sends nothing', async () => {
    const service = openService({ ANTHROPIC_API_KEY: '' });
    seedSessions(service.db, sessions);
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows[0]!.error).toMatch(/no Anthropic API key: set ANTHROPIC_API_KEY/);
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps the key out of a rejected-key error', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.fallback = () => ({ kind: 'status', status: 401 });
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows[0]!.error).toBe(
      'the Anthropic API rejected the API key (401): check ANTHROPIC_API_KEY',
    );
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('builds every prompt on a dry run and sends nothing', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    const result = await service.inferStreams({ mode: 'llm', ...RANGE, dryRun: true });
    expect(fake.requests).toHaveLength(0);
    expect(result.windows).toHaveLength(4);
    // the last window's only session is the previous window's to place: no prompt for it
    expect(result.windows.map((w) => w.prompt !== undefined)).toEqual([true, true, true, false]);
    for (const window of result.windows.slice(0, 3)) {
      expect(window.system).toContain('record_streams');
      expect(window.prompt).toMatch(/^<data>\n[\s\S]*\n<\/data>$/);
      expect(window.cachedTokens).toBe(Math.ceil((JSON.stringify(STREAMS_TOOL) + window.system!).length / 4));
      expect(window.promptChars).toBe(window.prompt!.length);
      expect(window.estimatedTokens).toBe(Math.ceil(window.prompt!.length / 4));
    }
    expect(await service.listStreams()).toEqual([]);
  });

  it('gives the same streams when the same data is inferred twice', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    fake.fallback = byProject;
    await service.inferStreams({ mode: 'llm', ...RANGE });
    const first = await service.listStreams();
    const again = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(await service.listStreams()).toEqual(first);
    expect(again).toMatchObject({ streamsCreated: 0, streamsUpdated: 0, streamsRemoved: 0 });
  });

  it("keeps a person's renames, moves and confirmations through LLM re-inference", async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    await service.inferStreams({ mode: 'directory', ...RANGE });
    const dir = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s.id]));
    await service.renameStream({ id: dir.api!, name: 'Billing API' });
    await service.moveSession({ sessionId: 'web-1', streamId: dir['api · docs']! });
    await service.confirmStream({ id: dir['api · docs']! });

    // The model lumps everything together, under a new name.
    fake.fallback = (request) =>
      streamsReply([
        { id: 'all', name: 'Everything', session_ids: sessionIdsInPrompt(request.prompt), confidence: 0.5 },
      ]);
    await service.inferStreams({ mode: 'llm', ...RANGE });
    const after = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s]));
    expect(after['api · docs']).toMatchObject({
      id: dir['api · docs'],
      reviewed: true,
      sessionIds: ['wt-1', 'web-1'],
    });
    // the renamed stream took the group (it held most of it) and kept its name
    expect(after['Billing API']).toMatchObject({
      id: dir.api,
      sessionIds: ['api-1', 'api-1-agent', 'api-2'],
    });
    expect(after.Everything).toBeUndefined();

    // and directory re-inference does not undo any of it either
    await service.inferStreams({ mode: 'directory', ...RANGE });
    const again = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s]));
    expect(again['api · docs']!.sessionIds).toEqual(['wt-1', 'web-1']);
    expect(again['Billing API']!.id).toBe(dir.api);

    // a merge holds too: the model splits the projects apart again, the merged stream does not
    await service.mergeStreams({ from: dir['api · docs']!, into: dir.api! });
    fake.fallback = byProject;
    await service.inferStreams({ mode: 'llm', ...RANGE });
    const merged = (await service.listStreams()).find((s) => s.id === dir.api)!;
    expect(merged.name).toBe('Billing API');
    expect(merged.sessionIds).toEqual(expect.arrayContaining(['wt-1', 'web-1']));
    expect((await service.listStreams()).map((s) => s.id)).not.toContain(dir['api · docs']);
  });

  it('decides a session in the 4-hour overlap in the earlier window, unless that one left it out', async () => {
    const service = openService();
    seedSessions(service.db, [
      { sessionId: 'early', projectPath: '/home/u/code/api', start: T0 + 10 * H, end: T0 + 11 * H },
      { sessionId: 'both-a', projectPath: '/home/u/code/api', start: T0 + 21 * H, end: T0 + 22 * H },
      { sessionId: 'both-b', projectPath: '/home/u/code/api', start: T0 + 22 * H, end: T0 + 23 * H },
      { sessionId: 'late', projectPath: '/home/u/code/api', start: T0 + 30 * H, end: T0 + 31 * H },
    ]);
    fake.reply(
      streamsReply([{ id: 'first', name: 'First', session_ids: ['early', 'both-a'], confidence: 0.9 }]),
      streamsReply([
        { id: 'second', name: 'Second', session_ids: ['both-a', 'both-b', 'late'], confidence: 0.9 },
      ]),
    );
    await service.inferStreams({ mode: 'llm', start: T0, end: T0 + 44 * H });
    expect(fake.requests.map((r) => sessionIdsInPrompt(r.prompt))).toEqual([
      ['early', 'both-a', 'both-b'],
      ['both-a', 'both-b', 'late'],
    ]);
    // the second prompt says which overlap session is settled, and where
    const first = (await service.listStreams()).find((s) => s.name === 'First')!;
    const second = promptData(fake.requests[1]!.prompt).sessions;
    expect(second.find((s) => s.id === 'both-a')).toEqual({
      id: 'both-a',
      project: 'api',
      path: '~/code/api',
      start: '2026-03-02 21:00Z',
      end: '2026-03-02 22:00Z',
      messages: 2,
      already_in_stream: first.id,
    });
    expect(second.find((s) => s.id === 'both-b')).not.toHaveProperty('already_in_stream');
    const names = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s.sessionIds]));
    expect(names).toEqual({ First: ['early', 'both-a'], Second: ['both-b', 'late'] });
  });

  it('reports a timeout in words', async () => {
    const service = openService({ TT_LLM_TIMEOUT_MS: '100', TT_LLM_MAX_RETRIES: '0' });
    seedSessions(service.db, [sessions[0]!]);
    fake.fallback = () => ({ kind: 'delay', ms: 1000, then: { kind: 'text', text: 'too late' } });
    const result = await service.inferStreams({ mode: 'llm', start: T0, end: T0 + 24 * H });
    expect(result.windows[0]!.error).toBe('the Anthropic API did not answer within 100 ms (tried 1 times)');
    expect(await service.listStreams()).toEqual([]);
  });

  it('lets focus events follow the LLM stream of the nearest session in their project', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    seedEvents(service.db, [
      { id: 'focus-api', ts: T0 + 3.5 * H, cwd: '/home/u/code/api' },
      { id: 'focus-docs', ts: T0 + 5.5 * H, cwd: '/home/u/code/api-worktrees/api-docs' },
      { id: 'focus-other', ts: T0 + 4 * H, cwd: '/home/u/code/other' },
    ]);
    fake.reply(
      streamsReply([
        { id: 'a', name: 'Login bug', session_ids: ['api-1'], confidence: 0.9 },
        { id: 'b', name: 'Docs', session_ids: ['wt-1'], confidence: 0.9 },
      ]),
    );
    fake.fallback = byProject;
    await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(promptData(fake.requests[0]!.prompt).terminal_focus).toContainEqual(
      expect.objectContaining({ project: 'api', focus_changes: 1, scrolls: 0 }),
    );
    const eventStream = (id: string) =>
      (
        service.db.prepare('SELECT stream_id FROM event_streams WHERE event_id = ?').get(id) as {
          stream_id: string;
        }
      ).stream_id;
    expect(eventStream('focus-api')).toBe(await streamOf(service, 'api-1'));
    expect(eventStream('focus-docs')).toBe(await streamOf(service, 'wt-1'));
    const other = (await service.listStreams()).find((s) => s.id === eventStream('focus-other'))!;
    expect(other).toMatchObject({ name: 'other', source: 'directory', sessionIds: [] });
  });

  it('removes streams that re-inference empties, unless a person edited them', async () => {
    const service = openService();
    seedSessions(service.db, sessions);
    await service.inferStreams({ mode: 'directory', ...RANGE });
    const dir = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s.id]));
    await service.renameStream({ id: dir.web!, name: 'Frontend' });
    // A model that groups everything and continues its stream from window to window.
    fake.fallback = (request) => {
      const previous = previousStreamId(request.prompt, 'Everything');
      return streamsReply([
        {
          id: previous ?? 'all',
          name: 'Everything',
          session_ids: sessionIdsInPrompt(request.prompt),
          confidence: 0.6,
        },
      ]);
    };
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    const after = await service.listStreams();
    expect(after.map((s) => [s.name, s.sessionIds.length]).sort()).toEqual([
      ['Everything', 5],
      ['Frontend', 0],
    ]);
    expect(after.find((s) => s.name === 'Frontend')!.id).toBe(dir.web);
    expect(result.streamsRemoved).toBe(2);
  });

  it("does not take over a project's directory stream: what the answer leaves out stays there, named by the project", async () => {
    const service = openService();
    seedSessions(service.db, [
      { sessionId: 'a1', projectPath: '/home/u/code/api', start: T0 + H, end: T0 + 2 * H },
      { sessionId: 'a2', projectPath: '/home/u/code/api', start: T0 + 3 * H, end: T0 + 4 * H },
    ]);
    await service.inferStreams({ mode: 'directory', start: T0, end: T0 + 24 * H });
    const directoryId = (await service.listStreams())[0]!.id;
    fake.reply(streamsReply([{ id: 'x', name: 'Login bug', session_ids: ['a1'], confidence: 0.8 }]));
    await service.inferStreams({ mode: 'llm', start: T0, end: T0 + 24 * H });
    const byName = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s]));
    expect(byName['Login bug']).toMatchObject({ source: 'llm', sessionIds: ['a1'] });
    expect(byName['Login bug']!.id).not.toBe(directoryId);
    expect(byName.api).toMatchObject({ id: directoryId, source: 'directory', sessionIds: ['a2'] });
  });

  it('adds to a directory stream that an answer continues, under the project name', async () => {
    const service = openService();
    seedSessions(service.db, [
      { sessionId: 'a1', projectPath: '/home/u/code/api', start: T0 + H, end: T0 + 2 * H },
      { sessionId: 'a2', projectPath: '/home/u/code/api', start: T0 + 3 * H, end: T0 + 4 * H },
      { sessionId: 'w1', projectPath: '/home/u/code/web', start: T0 + 25 * H, end: T0 + 26 * H },
    ]);
    await service.inferStreams({ mode: 'directory', start: T0, end: T0 + 24 * H });
    const api = (await service.listStreams()).find((s) => s.name === 'api')!;
    // window 2's previous streams hold "api"; the answer puts w1 there, under another name
    fake.reply(streamsReply([{ id: 'x', name: 'Login bug', session_ids: ['a1'], confidence: 0.8 }]));
    fake.fallback = () =>
      streamsReply([{ id: api.id, name: 'API work', session_ids: ['w1'], confidence: 0.6 }]);
    await service.inferStreams({ mode: 'llm', start: T0, end: T0 + 44 * H });
    expect(previousStreamId(fake.requests[1]!.prompt, 'api')).toBe(api.id);
    const after = (await service.listStreams()).find((s) => s.id === api.id)!;
    expect(after).toMatchObject({ name: 'api', source: 'directory', sessionIds: ['a2', 'w1'] });
  });
});
