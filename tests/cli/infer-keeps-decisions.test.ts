import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeAnthropic, oneStreamPerWindow } from '../helpers/fake-anthropic';
import { runTt } from '../helpers/cli';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

// Issue 23: an offline run never destroys what Claude decided, every inference run is one
// edit that undo takes back and redo puts back exactly, and every placement says why.
const RANGE = ['--start', '2026-02-10T00:00Z', '--end', '2026-02-13T00:00Z'];

let fake: FakeAnthropic;
beforeEach(async () => {
  fake = await new FakeAnthropic().start();
  // Claude groups each window's sessions in one stream named after the window's first id.
  fake.fallback = oneStreamPerWindow('the same beads\nfeature, all day');
});
afterEach(async () => {
  await fake.close();
});

type Tt = (args: string[]) => ReturnType<typeof runTt>;

let indexedDb = '';
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-infer-keeps-'));
  const indexed = await runTt(['sessions', 'index', '--root', CLAUDE_FIXTURE_ROOT], {
    env: { TT_DATA_DIR: dataDir },
  });
  expect(indexed.exitCode).toBe(0);
  indexedDb = join(dataDir, 'tt.db');
});
afterAll(() => rmSync(dirname(indexedDb), { recursive: true, force: true }));

function dataDirWith(db: string): Tt {
  const dataDir = tempDir();
  copyFileSync(db, join(dataDir, 'tt.db'));
  return (args) =>
    runTt(args, {
      env: {
        TT_DATA_DIR: dataDir,
        TZ: 'UTC',
        ANTHROPIC_API_KEY: 'sk-test',
        ANTHROPIC_BASE_URL: fake.baseURL,
        TT_LLM_RETRY_BASE_MS: '1',
      },
    });
}

interface ListedStream {
  id: string;
  name: string;
  source: string;
  confidence: number;
  sessionIds: string[];
}

async function streams(tt: Tt): Promise<ListedStream[]> {
  const result = await tt(['streams', 'list', '--json']);
  expect(result.exitCode).toBe(0);
  return (JSON.parse(result.stdout) as ListedStream[]).map(
    ({ id, name, source, confidence, sessionIds }) => ({
      id,
      name,
      source,
      confidence,
      sessionIds,
    }),
  );
}

async function ok(tt: Tt, args: string[]): Promise<string> {
  const result = await tt(args);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

describe('inference keeps decisions and is undoable', { timeout: 180_000 }, () => {
  it('an offline run keeps every stream Claude inferred; --replace-llm regroups them, and undo takes each run back exactly', async () => {
    const tt = dataDirWith(indexedDb);
    const none = await streams(tt);
    expect(none).toEqual([]);

    const claude = await ok(tt, ['infer', '--llm', ...RANGE]);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(claude).toContain(
      '`tt streams undo` takes back the whole run (Inference with Claude of 10–12 Feb 2026)',
    );
    const afterClaude = await streams(tt);
    const byClaude = afterClaude.filter((s) => s.source === 'llm');
    expect(byClaude.length).toBeGreaterThan(0);

    // The offline run over the same range: every Claude stream is intact.
    const offline = await ok(tt, ['infer', ...RANGE]);
    expect(offline).toContain(`kept ${byClaude.length} stream`);
    expect(offline).toContain('Claude inferred');
    const afterOffline = await streams(tt);
    for (const stream of byClaude) expect(afterOffline).toContainEqual(stream);

    // Why each session is where it is, for every placed session.
    for (const stream of afterOffline) {
      for (const sessionId of stream.sessionIds) {
        const shown = JSON.parse(await ok(tt, ['sessions', 'show', sessionId, '--json']));
        expect(shown.stream).toEqual({ id: stream.id, name: stream.name });
        expect(shown.reason).toEqual(expect.stringMatching(/\S/));
        if (stream.source === 'llm' && !shown.session.isSubagent) {
          expect(shown.reason).toBe('Claude grouped it: the same beads feature, all day');
        }
      }
    }
    const text = await ok(tt, ['sessions', 'show', byClaude[0]!.sessionIds[0]!]);
    expect(text).toContain(`stream     ${byClaude[0]!.name} (${byClaude[0]!.id})`);
    expect(text).toMatch(/^Why: {7}Claude grouped it: /m);
    const shownStream = await ok(tt, ['streams', 'show', byClaude[0]!.id.slice(0, 8)]);
    expect(shownStream).toContain(`stream     ${byClaude[0]!.name}`);
    expect(shownStream.match(/ {4}Why: /g)).toHaveLength(byClaude[0]!.sessionIds.length);

    // Regrouping is the explicit choice: the dry run names what it would replace.
    const dry = await ok(tt, ['infer', '--replace-llm', '--dry-run', ...RANGE]);
    expect(dry).toContain(
      `would regroup by project the streams Claude inferred: ${byClaude
        .map((s) => `"${s.name}"`)
        .sort()
        .join(', ')}`,
    );
    expect(await streams(tt)).toEqual(afterOffline);
    const replaced = await ok(tt, ['infer', '--replace-llm', ...RANGE]);
    expect(replaced).toContain(`regrouped ${byClaude.length} stream`);
    const afterReplace = await streams(tt);
    expect(afterReplace.filter((s) => s.source === 'llm')).toEqual([]);
    expect(afterReplace.length).toBeGreaterThan(0);

    // Undo takes back each run exactly, newest first; redo puts each back.
    expect(await ok(tt, ['streams', 'undo'])).toBe('undid: Inference of 10–12 Feb 2026');
    expect(await streams(tt)).toEqual(afterOffline);
    let undone = await ok(tt, ['streams', 'undo']);
    const offlineLogged = undone === 'undid: Inference of 10–12 Feb 2026';
    if (offlineLogged) {
      // the offline run placed what Claude had left to it
      expect(await streams(tt)).toEqual(afterClaude);
      undone = await ok(tt, ['streams', 'undo']);
    }
    expect(undone).toBe('undid: Inference with Claude of 10–12 Feb 2026');
    expect(await streams(tt)).toEqual(none);
    expect(await ok(tt, ['streams', 'undo'])).toBe('nothing to undo');

    expect(await ok(tt, ['streams', 'redo'])).toContain('Inference with Claude of 10–12 Feb 2026');
    expect(await streams(tt)).toEqual(afterClaude);
    const requests = fake.requests.length;
    if (offlineLogged) {
      await ok(tt, ['streams', 'redo']);
      expect(await streams(tt)).toEqual(afterOffline);
    }
    expect(await ok(tt, ['streams', 'redo'])).toBe('redid: Inference of 10–12 Feb 2026');
    expect(await streams(tt)).toEqual(afterReplace);
    // Redo asks Claude nothing again.
    expect(fake.requests.length).toBe(requests);
  });

  it('an offline run from scratch is one edit too', async () => {
    const tt = dataDirWith(indexedDb);
    const out = await ok(tt, ['infer', ...RANGE]);
    expect(out).toContain('`tt streams undo` takes back the whole run (Inference of 10–12 Feb 2026)');
    const inferred = await streams(tt);
    expect(inferred.length).toBeGreaterThan(0);
    expect(await ok(tt, ['streams', 'undo'])).toBe('undid: Inference of 10–12 Feb 2026');
    expect(await streams(tt)).toEqual([]);
    expect(await ok(tt, ['streams', 'redo'])).toBe('redid: Inference of 10–12 Feb 2026');
    expect(await streams(tt)).toEqual(inferred);
  });

  it('rejects --replace-llm with --llm as bad usage', async () => {
    const tt = dataDirWith(indexedDb);
    const result = await tt(['infer', '--llm', '--replace-llm', ...RANGE]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--replace-llm is for offline inference');
  });

  it('says why every placed session is where it is on an upgraded schema-4 database', async () => {
    for (const fixture of ['db-v4-real-transcripts', 'db-v4-clashing-subagents']) {
      const tt = dataDirWith(fileURLToPath(new URL(`../fixtures/${fixture}/tt.db`, import.meta.url)));
      const listed = await streams(tt);
      const placed = listed.flatMap((s) => s.sessionIds);
      expect(placed.length).toBeGreaterThan(0);
      for (const sessionId of placed) {
        const shown = JSON.parse(await ok(tt, ['sessions', 'show', sessionId, '--json']));
        expect(shown.reason, `${fixture} ${sessionId}`).toEqual(expect.stringMatching(/\S/));
      }
    }
  });
});
