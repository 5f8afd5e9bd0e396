import BetterSqlite3 from 'better-sqlite3';
import { execa } from 'execa';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TT_BIN, runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';

const FIXTURES = CLAUDE_FIXTURE_ROOT;

describe('tt sessions', () => {
  it('indexes a root, then lists by time and project', async () => {
    const data = tempDir();
    const index = await runTt(['--data-dir', data, 'sessions', 'index', '--root', FIXTURES, '--json']);
    expect(index.exitCode, index.stderr).toBe(0);
    expect(JSON.parse(index.stdout)).toMatchObject({
      filesSeen: 12,
      filesIndexed: 12,
      filesSkipped: 0,
      sessionsWritten: 12,
    });

    const again = await runTt(['--data-dir', data, 'sessions', 'index', '--root', FIXTURES]);
    expect(again.stdout).toMatch(/^0 indexed, 12 unchanged, 0 skipped/);

    const all = JSON.parse((await runTt(['--data-dir', data, 'sessions', 'list', '--json'])).stdout);
    expect(all).toHaveLength(12);
    expect(all[0]).toMatchObject({
      sessionId: '55604662-cf2a-4331-851a-ec234028f8ca',
      startTime: '2026-02-10T21:11:56.846Z',
    });

    // Active since 16:00 on the 12th: the spotter-dov session and its two subagents (see the fixture test).
    const since = JSON.parse(
      (await runTt(['--data-dir', data, 'sessions', 'list', '--since', '2026-02-12T16:00:00Z', '--json']))
        .stdout,
    );
    expect(since.map((s: { sessionId: string }) => s.sessionId)).toEqual([
      '4d5611e5-241a-462a-8d15-5122611a9569',
      '4d5611e5-241a-462a-8d15-5122611a9569/agent-a2898e3',
      '4d5611e5-241a-462a-8d15-5122611a9569/agent-acompact-e1f845',
    ]);
    const project = JSON.parse(
      (await runTt(['--data-dir', data, 'sessions', 'list', '--project', 'spotter', '--json'])).stdout,
    );
    expect(project).toHaveLength(3);
    // Relative times count back from now; the fixtures are from February 2026.
    const recent = await runTt(['--data-dir', data, 'sessions', 'list', '--since', '12h']);
    expect(recent.stdout).toContain('no sessions');

    const text = await runTt(['--data-dir', data, 'sessions', 'list', '--project', 'spotter-gqc']);
    expect(text.stdout).toContain('Implement spotter-gqc');
    expect(text.stdout).toContain('↳ 258c7280-ae70-4798-800f-63464d01a85d/agent-a881341');
  });

  it('indexes $CLAUDE_CONFIG_DIR/projects when no root is given', async () => {
    const config = tempDir();
    const project = join(config, 'projects', '-home-marco-projects-spotter');
    mkdirSync(project, { recursive: true });
    const id = '55604662-cf2a-4331-851a-ec234028f8ca';
    copyFileSync(join(FIXTURES, '-home-marco-projects-spotter', `${id}.jsonl`), join(project, `${id}.jsonl`));
    const data = tempDir();
    const index = await runTt(['--data-dir', data, 'sessions', 'index', '--json'], {
      env: { CLAUDE_CONFIG_DIR: config },
    });
    expect(JSON.parse(index.stdout)).toMatchObject({ roots: [join(config, 'projects')], filesIndexed: 1 });
  });

  it('reports missing roots and rejects a time it cannot read', async () => {
    const data = tempDir();
    const missing = join(tempDir(), 'nope');
    const index = await runTt(['--data-dir', data, 'sessions', 'index', '--root', missing]);
    expect(index.exitCode).toBe(0);
    expect(index.stdout).toContain(`missing root: ${missing} (no such directory; nothing indexed there)`);
    // A file is not a root either, and is not called missing as if it were not there.
    const file = join(tempDir(), 'projects.txt');
    writeFileSync(file, 'not a folder');
    const onFile = await runTt(['--data-dir', data, 'sessions', 'index', '--root', file]);
    expect(onFile.stdout).toContain(`missing root: ${file} (no such directory; nothing indexed there)`);
    const bad = await runTt(['--data-dir', data, 'sessions', 'list', '--since', 'yesterday']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--since "yesterday" is not a time');
  });

  it('names a file with skipped lines on one line, even when its name holds a line break', async () => {
    const data = tempDir();
    const project = join(tempDir(), 'projects', '-home-u-app');
    mkdirSync(project, { recursive: true });
    const message = JSON.stringify({
      type: 'user',
      cwd: '/home/u/app',
      message: { role: 'user', content: 'hello' },
      timestamp: '2026-02-10T10:00:00.000Z',
    });
    writeFileSync(join(project, 'odd\nname.jsonl'), `not json\n${message}\n`);
    const index = await runTt(['--data-dir', data, 'sessions', 'index', '--root', join(project, '..')]);
    expect(index.exitCode).toBe(0);
    expect(index.stdout).toContain(`  ${project}/odd\\nname.jsonl: 1 × malformed line`);
  });

  it('refuses a date that is not on the calendar and a count that is not a whole number; help shows no internals', async () => {
    const data = tempDir();
    const feb30 = await runTt(['--data-dir', data, 'sessions', 'list', '--since', '2026-02-30']);
    expect(feb30.exitCode).toBe(2);
    expect(feb30.stderr).toContain('--since "2026-02-30" is not a time');
    for (const limit of ['1e3', '-1', '0', '2.5']) {
      const result = await runTt(['--data-dir', data, 'sessions', 'list', `--limit=${limit}`]);
      expect(result.exitCode, limit).toBe(2);
      expect(result.stderr).toContain(`--limit must be a positive whole number, not "${limit}"`);
    }
    await runTt(['--data-dir', data, 'sessions', 'index', '--root', FIXTURES]);
    const none = await runTt(['--data-dir', data, 'sessions', 'list', '--project', 'no-such-project']);
    expect(none.stdout).toBe('no sessions match (`tt sessions list` shows all)');
    const backwards = await runTt([
      '--data-dir',
      data,
      'sessions',
      'list',
      '--since',
      '2026-02-12',
      '--until',
      '2026-02-10',
    ]);
    expect(backwards.exitCode).toBe(2);
    expect(backwards.stderr).toContain('--until must be after --since (2026-02-10 is not after 2026-02-12)');
    const backwardsEvents = await runTt(['--data-dir', data, 'events', '--since', '2d', '--until', '3d']);
    expect(backwardsEvents.exitCode).toBe(2);
    expect(backwardsEvents.stderr).toContain('--until must be after --since (3d is not after 2d)');
    const emptyRoot = await runTt(['--data-dir', data, 'sessions', 'index', '--root', ''], { cwd: FIXTURES });
    expect(emptyRoot.exitCode).toBe(2);
    expect(emptyRoot.stderr).toContain("option '--root <dir>' argument '' is invalid");
    const help = await runTt(['sessions', 'index', '--help']);
    expect(help.stdout).toContain('--root <dir>');
    expect(help.stdout).not.toContain('default: []');
  });

  it('reports a transcript it has no permission to read (run as nobody) and indexes the rest', async (ctx) => {
    // nobody must reach this checkout's Node and tt: a checkout below a 0700 folder (a mktemp -d
    // folder, a Fedora home) keeps it out, and then there is nothing this test can show.
    const probe = await execa(process.execPath, [TT_BIN, '--version'], {
      uid: 65534,
      gid: 65534,
      reject: false,
    });
    if (probe.exitCode !== 0)
      ctx.skip(`user nobody cannot run tt from this checkout: ${probe.stderr || probe.message}`);
    const root = tempDir();
    const data = tempDir();
    chmodSync(data, 0o777);
    chmodSync(root, 0o755);
    const project = join(root, '-home-marco-projects-spotter');
    mkdirSync(project, { mode: 0o755 });
    for (const id of ['55604662-cf2a-4331-851a-ec234028f8ca', 'd6e0bada-1959-4eec-a9d2-0bfade768d8f']) {
      copyFileSync(
        join(FIXTURES, '-home-marco-projects-spotter', `${id}.jsonl`),
        join(project, `${id}.jsonl`),
      );
      chmodSync(join(project, `${id}.jsonl`), 0o644);
    }
    chmodSync(join(project, 'd6e0bada-1959-4eec-a9d2-0bfade768d8f.jsonl'), 0o000);
    const result = await execa(
      process.execPath,
      [TT_BIN, '--data-dir', data, 'sessions', 'index', '--root', root, '--json'],
      {
        uid: 65534,
        gid: 65534,
        reject: false,
        env: { HOME: data, PATH: process.env.PATH ?? '' },
        extendEnv: false,
      },
    );
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(JSON.parse(String(result.stdout))).toMatchObject({
      filesIndexed: 1,
      filesSkipped: 1,
      skippedReasons: { 'permission denied': 1 },
    });
  });

  it('a kill mid-index leaves the database consistent, and the next run completes the work', async () => {
    const root = tempDir();
    const data = tempDir();
    const project = join(root, '-home-sam-app');
    mkdirSync(project);
    // 3000 transcripts; transcript i has (i % 5) + 1 prompts, each answered once.
    const FILES = 3000;
    const filler = 'x'.repeat(20_000);
    const t0 = Date.parse('2026-02-10T10:00:00Z');
    for (let i = 0; i < FILES; i++) {
      const lines: string[] = [];
      for (let p = 0; p <= i % 5; p++) {
        const ts = new Date(t0 + i * 3_600_000 + p * 60_000).toISOString();
        lines.push(
          JSON.stringify({
            type: 'user',
            cwd: '/home/sam/app',
            message: { content: `prompt ${p}` },
            timestamp: ts,
          }),
        );
        lines.push(
          JSON.stringify({
            message: { content: [{ type: 'text', text: filler }] },
            type: 'assistant',
            timestamp: ts,
          }),
        );
      }
      writeFileSync(join(project, `s${i}.jsonl`), `${lines.join('\n')}\n`);
    }

    const child = execa(process.execPath, [TT_BIN, '--data-dir', data, 'sessions', 'index', '--root', root], {
      reject: false,
      env: { HOME: data, PATH: process.env.PATH ?? '' },
      extendEnv: false,
    });
    // Kill it as soon as its first batch is committed.
    let db: BetterSqlite3.Database | null = null;
    let written = 0;
    for (let waited = 0; waited < 30_000 && written === 0; waited += 2) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      try {
        db ??= new BetterSqlite3(join(data, 'tt.db'), { readonly: true, fileMustExist: true });
        written = (db.prepare('SELECT count(*) AS n FROM indexed_files').get() as { n: number }).n;
      } catch {
        db?.close();
        db = null; // not created or not migrated yet
      }
    }
    child.kill('SIGKILL');
    await child;
    db?.close();

    const check = new BetterSqlite3(join(data, 'tt.db'), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    const afterKill = check
      .prepare(
        `SELECT f.path, s.message_count AS messages, (SELECT count(*) FROM session_prompts p WHERE p.session_id = s.session_id) AS prompts
         FROM indexed_files f JOIN sessions s ON s.session_id = f.session_id`,
      )
      .all() as { path: string; messages: number; prompts: number }[];
    check.close();
    expect(afterKill.length).toBeGreaterThan(0);
    expect(afterKill.length).toBeLessThan(FILES); // the kill did land mid-run
    for (const row of afterKill) {
      const i = Number(/s(\d+)\.jsonl$/.exec(row.path)![1]);
      expect({ messages: row.messages, prompts: row.prompts }).toEqual({
        messages: 2 * ((i % 5) + 1),
        prompts: (i % 5) + 1,
      });
    }

    const resume = await runTt(['--data-dir', data, 'sessions', 'index', '--root', root, '--json']);
    const result = JSON.parse(resume.stdout);
    expect(result.filesUnchanged).toBe(afterKill.length);
    expect(result.filesIndexed).toBe(FILES - afterKill.length);
    const sessions = JSON.parse((await runTt(['--data-dir', data, 'sessions', 'list', '--json'])).stdout) as {
      sessionId: string;
      messageCount: number;
      promptCount: number;
    }[];
    expect(sessions).toHaveLength(FILES);
    for (const s of sessions) {
      const i = Number(s.sessionId.slice(1));
      expect([s.messageCount, s.promptCount]).toEqual([2 * ((i % 5) + 1), (i % 5) + 1]);
    }
  });
});
