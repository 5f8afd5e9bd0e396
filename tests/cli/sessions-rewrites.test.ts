import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { transcriptLine } from '../helpers/clashing-transcripts';
import { tempDir } from '../helpers/temp';

// Issue 15: D2 (a transcript rewritten in place), H2 (a FIFO where a file should be) and a
// UTF-8 byte-order mark, as `tt sessions index` and `tt sessions list` show them.

const ID = 'e0000000-0000-4000-8000-00000000000e';

interface Listed {
  sessionId: string;
  projectName: string | null;
  messageCount: number;
  promptCount: number;
  firstPrompt: string | null;
}

function setup() {
  const root = join(tempDir(), 'projects');
  const project = join(root, '-home-sam-p');
  mkdirSync(project, { recursive: true });
  const data = tempDir();
  const tt = async (args: string[]) => {
    const result = await runTt(['--data-dir', data, ...args]);
    expect(result.exitCode, result.stderr).toBe(0);
    return result.stdout;
  };
  return {
    project,
    index: () => tt(['sessions', 'index', '--root', root]),
    indexJson: async () =>
      JSON.parse(await tt(['sessions', 'index', '--root', root, '--json'])) as { bytesRead: number },
    list: async () => JSON.parse(await tt(['sessions', 'list', '--json'])) as Listed[],
    show: (id: string) => tt(['sessions', 'show', id]),
  };
}

/** `count` records of a session in `cwd`, prompts on even minutes, each prompt saying `word`. */
function conversation(cwd: string, count: number, word: string): string {
  const lines: string[] = [];
  for (let minute = 0; minute < count; minute++) {
    const type = minute % 2 === 0 ? 'user' : 'assistant';
    lines.push(transcriptLine(type, minute, { cwd, sessionId: ID, text: `${word} ${minute}` }));
  }
  return `${lines.join('\n')}\n`;
}

describe('a transcript rewritten in place', () => {
  it('longer and different: read again from the start, nothing of the old content left', async () => {
    const { project, index, list } = setup();
    const path = join(project, `${ID}.jsonl`);
    writeFileSync(path, conversation('/home/sam/alpha', 4, 'alpha'));
    await index();
    expect(await list()).toMatchObject([{ projectName: 'alpha', messageCount: 4, promptCount: 2 }]);

    writeFileSync(path, conversation('/home/sam/beta-project', 5, 'beta'));
    const again = await index();
    expect(again).toContain('1 × rewritten in place (read again from the start)');
    expect(again).toContain(`  ${path}: rewritten in place (read again from the start)`);
    expect(await list()).toMatchObject([
      { projectName: 'beta-project', messageCount: 5, promptCount: 3, firstPrompt: 'beta 0' },
    ]);
  });

  it('the same size with other bytes: noticed by its mtime, read again', async () => {
    const { project, index, list } = setup();
    const path = join(project, `${ID}.jsonl`);
    writeFileSync(path, conversation('/home/sam/alpha', 4, 'alpha'));
    await index();
    const size = statSync(path).size;
    writeFileSync(path, conversation('/home/sam/gamma', 4, 'gamma'));
    expect(statSync(path).size).toBe(size);
    // A rewrite within the same second as the first write must still count as a change.
    const later = new Date(Date.now() + 5_000);
    utimesSync(path, later, later);
    await index();
    expect(await list()).toMatchObject([{ projectName: 'gamma', messageCount: 4, firstPrompt: 'gamma 0' }]);
  });

  it('changed only in its middle, same size (issue 26, item 11): read again, the new words kept', async () => {
    const { project, index, list, show } = setup();
    const path = join(project, `${ID}.jsonl`);
    // Long enough that the middle is far from the first and last 4 KiB the fingerprint reads.
    writeFileSync(path, conversation('/home/sam/alpha', 80, 'alpha'));
    await index();
    const before = statSync(path);
    writeFileSync(path, conversation('/home/sam/alpha', 80, 'alpha').replace('alpha 40', 'omega 40'));
    expect(statSync(path).size).toBe(before.size);
    const later = new Date(Date.now() + 5_000);
    utimesSync(path, later, later);
    const again = await index();
    expect(again).toContain('1 × rewritten in place (read again from the start)');
    expect(await show(ID)).toContain('omega 40');
    expect(await list()).toMatchObject([{ messageCount: 80, promptCount: 40 }]);
  });

  it('rewritten with its mtime set back (issue 26, item 11): its ctime says so, read again', async () => {
    const { project, index, list } = setup();
    const path = join(project, `${ID}.jsonl`);
    writeFileSync(path, conversation('/home/sam/alpha', 4, 'alpha'));
    await index();
    const before = statSync(path);
    // Same size, other words, and the old mtime put back (`touch -d`): only ctime moves.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path, conversation('/home/sam/alpha', 4, 'delta'));
    utimesSync(path, before.atimeMs / 1000, before.mtimeMs / 1000);
    // The millisecond tt compares is the old one again.
    expect(Math.trunc(statSync(path).mtimeMs)).toBe(Math.trunc(before.mtimeMs));
    expect(statSync(path).size).toBe(before.size);
    expect(statSync(path).ctimeMs).not.toBe(before.ctimeMs);
    await index();
    expect(await list()).toMatchObject([{ messageCount: 4, firstPrompt: 'delta 0' }]);
  });

  it('an append is still read from where the last run stopped', async () => {
    const { project, index, indexJson, list } = setup();
    const path = join(project, `${ID}.jsonl`);
    writeFileSync(path, conversation('/home/sam/alpha', 4, 'alpha'));
    await index();
    const tail = `${transcriptLine('user', 10, { cwd: '/home/sam/alpha', sessionId: ID, text: 'more' })}\n`;
    appendFileSync(path, tail);
    expect((await indexJson()).bytesRead).toBe(Buffer.byteLength(tail));
    expect(await list()).toMatchObject([{ messageCount: 5, promptCount: 3 }]);
  });
});

describe('odd files where transcripts are', () => {
  it('a UTF-8 byte-order mark before the first record is not a malformed line', async () => {
    const { project, index, list } = setup();
    writeFileSync(join(project, `${ID}.jsonl`), `\uFEFF${conversation('/home/sam/alpha', 4, 'alpha')}`);
    const result = await index();
    expect(result).not.toContain('malformed');
    expect(await list()).toMatchObject([{ projectName: 'alpha', messageCount: 4, firstPrompt: 'alpha 0' }]);
  });

  it('a FIFO as a subagent meta sidecar, or as a transcript, does not block the index', async () => {
    const { project, index, list } = setup();
    writeFileSync(join(project, `${ID}.jsonl`), conversation('/home/sam/alpha', 2, 'alpha'));
    const agents = join(project, ID, 'subagents');
    mkdirSync(agents, { recursive: true });
    writeFileSync(join(agents, 'agent-a000001.jsonl'), conversation('/home/sam/alpha', 2, 'task'));
    execFileSync('mkfifo', [join(agents, 'agent-a000001.meta.json')]);
    execFileSync('mkfifo', [join(project, 'f0000000-0000-4000-8000-00000000000f.jsonl')]);
    const result = await index();
    expect(result).toContain('2 indexed, 0 unchanged, 1 skipped');
    expect(result).toContain('1 × not a regular file (a FIFO)');
    expect(result).toContain(
      `  ${join(project, 'f0000000-0000-4000-8000-00000000000f.jsonl')}: not a regular file (a FIFO)`,
    );
    expect((await list()).map((s) => s.sessionId)).toEqual([ID, `${ID}/agent-a000001`]);
  });
});
