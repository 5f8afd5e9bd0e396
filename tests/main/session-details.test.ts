import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { SessionService } from '../../src/main/sessions/session-service';
import { PROMPT_TEXT_MAX_CHARS } from '../../src/core/transcript/prompt';
import { partContext } from '../helpers/part-context';
import { tempDir } from '../helpers/temp';

// Session details: the person's prompts with their words, kept across incremental reads and
// the one-time re-read of migration 009, and the session's share of the range's time.

const WORKER = fileURLToPath(new URL('../../out/main/session-worker.js', import.meta.url));
const T0 = Date.parse('2026-02-10T10:00:00.000Z');
const MIN = 60_000;
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const base = { cwd: '/home/sam/app', sessionId: 's1', userType: 'external' };
const prompt = (minutes: number, text: string) =>
  JSON.stringify({
    ...base,
    type: 'user',
    timestamp: iso(minutes),
    message: { role: 'user', content: text },
  });
const answer = (minutes: number) =>
  JSON.stringify({
    ...base,
    type: 'assistant',
    timestamp: iso(minutes),
    message: { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
  });
const turnEnd = (minutes: number, workMinutes: number) =>
  JSON.stringify({
    ...base,
    type: 'system',
    subtype: 'turn_duration',
    durationMs: workMinutes * MIN,
    timestamp: iso(minutes),
  });

let opened: TtService[] = [];
afterEach(() => {
  for (const service of opened) service.close();
  opened = [];
});

function setup() {
  const dataDir = tempDir();
  const now = () => T0 + 24 * 60 * MIN;
  const service = TtService.open({ dataDir, env: {}, now });
  opened.push(service);
  const root = join(tempDir(), 'projects');
  const dir = join(root, '-home-sam-app');
  mkdirSync(dir, { recursive: true });
  const sessions = new SessionService(partContext(dataDir, { now }), {
    workerPath: WORKER,
    inProcessBelowBytes: 0,
  });
  return { service, file: join(dir, 's1.jsonl'), index: () => sessions.index({ roots: [root] }) };
}

describe('session prompts and details', () => {
  it('keeps every prompt’s words once across an appended read and a re-read from the start', async () => {
    const { service, file, index } = setup();
    writeFileSync(file, `${prompt(0, 'fix the login redirect')}\n${answer(4)}\n`);
    await index();
    appendFileSync(file, `${prompt(10, 'now add a test\nfor the cookie')}\n${answer(12)}\n`);
    const appended = await index();
    expect(appended).toMatchObject({ filesIndexed: 1 });

    const words = () =>
      service.sessionDetails({ sessionId: 's1', start: T0, end: T0 + 60 * MIN }).then((d) => d.prompts);
    const expected = [
      { ts: T0, text: 'fix the login redirect' },
      { ts: T0 + 10 * MIN, text: 'now add a test\nfor the cookie' },
    ];
    expect(await words()).toEqual(expected);

    // What migration 009 does to transcripts indexed before it: read once more from the start.
    service.db.exec(
      "UPDATE indexed_files SET size = -1, read_offset = 0, parser_state = NULL, error = 'reread: prompts'",
    );
    service.db.exec('UPDATE session_prompts SET text = NULL');
    const reread = await index();
    expect(reread.skippedReasons).toMatchObject({
      're-read from the start to keep the words of prompts (once, after an update)': 1,
    });
    expect(await words()).toEqual(expected);
  });

  it('bounds a pasted wall of text', async () => {
    const { service, file, index } = setup();
    writeFileSync(file, `${prompt(0, 'x'.repeat(50_000))}\n${answer(1)}\n`);
    await index();
    const [only] = (await service.sessionDetails({ sessionId: 's1', start: T0, end: T0 + 60 * MIN })).prompts;
    expect(only!.text).toHaveLength(PROMPT_TEXT_MAX_CHARS);
    expect(only!.text!.endsWith('…')).toBe(true);
  });

  it('gives the session its direct, delegated and waiting time in the range, as the stream has it', async () => {
    const { service, file, index } = setup();
    // Two turns of 4 and 6 minutes; the person comes back 6 minutes after the first ended.
    writeFileSync(
      file,
      [prompt(0, 'one'), answer(4), turnEnd(4, 4), prompt(10, 'two'), answer(16), turnEnd(16, 6)].join('\n') +
        '\n',
    );
    await index();
    await service.inferStreams({ mode: 'directory' });
    const range = { start: T0 - 60 * MIN, end: T0 + 120 * MIN };
    const details = await service.sessionDetails({ sessionId: 's1', ...range });
    const [stream] = (await service.listStreams(range)).filter((s) => s.directMs > 0);
    expect(details).toMatchObject({
      session: { sessionId: 's1', projectName: 'app' },
      delegatedMs: 10 * MIN,
      waitingMs: 6 * MIN,
    });
    // The only session of its stream holds all of the stream's direct time.
    expect(details.directMs).toBeGreaterThan(0);
    expect(details.directMs).toBe(stream!.directMs);
    expect(details.delegatedMs).toBe(stream!.delegatedMs);
  });

  it('refuses an unknown session with a clear error', async () => {
    const { service } = setup();
    await expect(service.sessionDetails({ sessionId: 'nope', start: T0, end: T0 + MIN })).rejects.toThrow(
      'no session nope',
    );
  });
});
