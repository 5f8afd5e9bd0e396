import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAnthropic, sessionIdsInPrompt, streamsReply } from '../helpers/fake-anthropic';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';

// The real transcripts (February 2026) indexed by the real CLI, then inferred and edited.
const ROOT = CLAUDE_FIXTURE_ROOT;
const RANGE = ['--start', '2026-02-10T00:00Z', '--end', '2026-02-13T00:00Z'];

let fake: FakeAnthropic;
beforeEach(async () => {
  fake = await new FakeAnthropic().start();
});
afterEach(async () => {
  await fake.close();
});

type Tt = (args: string[], env?: Record<string, string>) => ReturnType<typeof runTt>;

// Indexed once; each test works on its own copy of the database.
let indexedDb = '';
beforeAll(async () => {
  const dataDir = tempDirOutsideTest();
  const indexed = await runTt(['sessions', 'index', '--root', ROOT], { env: { TT_DATA_DIR: dataDir } });
  expect(indexed.exitCode).toBe(0);
  indexedDb = join(dataDir, 'tt.db');
});
afterAll(() => rmSync(dirname(indexedDb), { recursive: true, force: true }));

async function indexedDataDir(): Promise<{ tt: Tt }> {
  const dataDir = tempDir();
  copyFileSync(indexedDb, join(dataDir, 'tt.db'));
  const tt: Tt = (args, env = {}) => runTt(args, { env: { TT_DATA_DIR: dataDir, TZ: 'UTC', ...env } });
  return { tt };
}

function tempDirOutsideTest(): string {
  return mkdtempSync(join(tmpdir(), 'tt-streams-cli-'));
}

async function listJson(tt: Tt) {
  const result = await tt(['streams', 'list', '--json']);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as {
    id: string;
    name: string;
    sessionIds: string[];
    reviewed: boolean;
    source: string;
    firstActivity: string;
  }[];
}

// Each test runs several real `tt` processes; a machine busy with other suites slows them down.
describe('tt infer and tt streams', { timeout: 120_000 }, () => {
  it('infers by project, lists, and edits streams with undo', async () => {
    const { tt } = await indexedDataDir();
    const inferred = await tt(['infer', ...RANGE]);
    expect(inferred.exitCode).toBe(0);
    expect(inferred.stdout).toContain('streams: 4 created, 0 updated, 0 removed; 12 sessions');
    expect(inferred.stderr).toBe('');

    const streams = await listJson(tt);
    const byName = Object.fromEntries(streams.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual([
      'spotter',
      'spotter · 4te',
      'spotter · dov',
      'spotter · gqc',
    ]);
    expect(byName.spotter!.firstActivity).toMatch(/^2026-02-10T21:11:\d\d\.\d{3}Z$/);

    const table = await tt(['streams', 'list']);
    expect(table.stdout).toMatch(/id\s+confidence\s+source\s+reviewed\s+sessions/);
    expect(table.stdout).toContain(`${byName.spotter!.id.slice(0, 8)}  0.60 medium  directory`);

    const renamed = await tt(['streams', 'rename', byName['spotter · gqc']!.id.slice(0, 8), 'Beads import']);
    expect(renamed.stdout).toBe('Renamed "spotter · gqc" to "Beads import" (undo with `tt streams undo`)');
    const moved = await tt(['streams', 'move', byName.spotter!.sessionIds[0]!, byName['spotter · 4te']!.id]);
    expect(moved.exitCode).toBe(0);
    expect((await tt(['streams', 'confirm', byName['spotter · dov']!.id])).exitCode).toBe(0);
    const merged = await tt(['streams', 'merge', byName['spotter · 4te']!.id, byName['spotter · dov']!.id]);
    expect(merged.stdout).toContain('Merged "spotter · 4te" into "spotter · dov"');

    // re-inference keeps every edit
    expect((await tt(['infer', ...RANGE])).exitCode).toBe(0);
    const after = Object.fromEntries((await listJson(tt)).map((s) => [s.name, s]));
    expect(Object.keys(after).sort()).toEqual(['Beads import', 'spotter', 'spotter · dov']);
    expect(after['spotter · dov']!.reviewed).toBe(true);
    expect(after['spotter · dov']!.sessionIds).toHaveLength(7);

    const undone = await tt(['streams', 'undo']);
    expect(undone.stdout).toBe('undid: Merged "spotter · 4te" into "spotter · dov"');
    expect((await listJson(tt)).map((s) => s.name).sort()).toEqual([
      'Beads import',
      'spotter',
      'spotter · 4te',
      'spotter · dov',
    ]);
  });

  it('fails clearly on unknown ids and bad times', async () => {
    const { tt } = await indexedDataDir();
    await tt(['infer', ...RANGE]);
    const unknown = await tt(['streams', 'rename', 'ffffffff-0000', 'x']);
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toContain('tt: no stream with id ffffffff-0000');
    const noSession = await tt(['streams', 'move', 'no-such-session', (await listJson(tt))[0]!.id]);
    expect(noSession.exitCode).toBe(4);
    expect(noSession.stderr).toContain('no session with id no-such-session');
    const badTime = await tt(['infer', '--start', 'yesterday-ish']);
    expect(badTime.exitCode).toBe(2);
    expect(badTime.stderr).toContain('--start "yesterday-ish" is not a time');
    // The failed edits logged nothing: the last edit is still the inference run.
    expect((await tt(['streams', 'undo'])).stdout).toBe('undid: Inference of 10–12 Feb 2026');
  });

  it('refuses an id too long or with spaces before touching the database, with exit 2', async () => {
    const { tt } = await indexedDataDir();
    const huge = await tt(['streams', 'rename', 'a'.repeat(100_000), 'x']);
    expect(huge.exitCode).toBe(2);
    expect(huge.stderr).toBe('tt: id: an id has at most 200 characters');
    const spaced = await tt(['streams', 'merge', 'a b', 'c']);
    expect(spaced.exitCode).toBe(2);
    expect(spaced.stderr).toContain('from: an id has only letters, digits and punctuation');
    const sessionId = await tt(['streams', 'move', 'x'.repeat(201), 'abcd']);
    expect(sessionId.exitCode).toBe(2);
    expect(sessionId.stderr).toContain('sessionId: an id has at most 200 characters');
  });

  it('prints every prompt on a dry run and sends nothing', async () => {
    const { tt } = await indexedDataDir();
    const env = { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.baseURL };
    const dry = await tt(['infer', '--llm', '--dry-run', ...RANGE], env);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('── window 1/4  2026-02-10 00:00 → 2026-02-11 00:00  3 sessions');
    expect(dry.stdout).toMatch(/\d+ characters, about \d+ tokens/);
    expect(dry.stdout).toContain('"first_prompt":"create the beads"');
    expect(dry.stdout).toContain('all its sessions were placed by an earlier window: nothing would be sent');
    expect(dry.stdout).toContain('dry run: 3 requests would be sent');
    expect(dry.stdout).toContain('nothing was sent');
    expect(fake.requests).toHaveLength(0);
    expect(await listJson(tt)).toEqual([]);

    // A month around those three days: the empty windows are counted, not listed one by one.
    const month = await tt(
      ['infer', '--llm', '--dry-run', '--start', '2026-02-01T00:00Z', '--end', '2026-03-01T00:00Z'],
      env,
    );
    expect(month.exitCode).toBe(0);
    expect(month.stdout).toContain('── window 12/34  2026-02-10 04:00 → 2026-02-11 04:00  3 sessions');
    expect(month.stdout).not.toContain('0 sessions');
    expect(month.stdout).toContain('30 windows without sessions: nothing to ask');
  });

  it('infers with Claude through ANTHROPIC_BASE_URL, and exits 5 with the reason when windows fail', async () => {
    const { tt } = await indexedDataDir();
    const env = { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.baseURL, TT_LLM_RETRY_BASE_MS: '1' };
    fake.fallback = (request) =>
      streamsReply([
        { id: 'one', name: 'Spotter work', session_ids: sessionIdsInPrompt(request.prompt), confidence: 0.7 },
      ]);
    const ok = await tt(['infer', '--llm', ...RANGE, '--json'], env);
    expect(ok.exitCode).toBe(0);
    const result = JSON.parse(ok.stdout);
    expect(result.windows.map((w: { ok: boolean }) => w.ok)).toEqual([true, true, true, true]);
    expect(result.windows[0].start).toBe('2026-02-10T00:00:00.000Z');
    // the second window holds only sessions the first placed: nothing to ask
    expect(fake.requests).toHaveLength(3);
    const names = (await listJson(tt)).map((s) => s.name);
    expect(names).toContain('Spotter work');

    fake.fallback = () => ({ kind: 'status', status: 503, retryAfterMs: 1 });
    const failed = await tt(['infer', '--llm', ...RANGE], { ...env, TT_LLM_MAX_RETRIES: '1' });
    expect(failed.exitCode).toBe(5);
    expect(failed.stdout).toContain(
      'failed: the Anthropic API failed with a server error (503, tried 2 times)',
    );
    expect(failed.stderr).toContain('tt: 4 of 4 windows failed');
    expect(failed.stderr).not.toContain('sk-test');
  });
});
