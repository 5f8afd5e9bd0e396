import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { messagesOn, writeTranscript } from '../helpers/transcripts';

// `tt streams quality` on a hand-made set, through the real CLI: four sessions in one project,
// a and b on branch cart (10 and 20 minutes), c and d on main (30 and 40 minutes). Offline
// inference proposes {a, b} and {c, d}; the person decides that c was cart work too.

const MIN = 60_000;
const T = Date.parse('2026-05-04T08:00:00Z');

describe('tt streams quality', { timeout: 120_000 }, () => {
  it('compares the latest offline run with what the person decided, in BCubed and pairwise F1', async () => {
    const root = tempDir();
    const cwd = '/home/u/code/shop';
    const sessions: [string, string, number, number][] = [
      ['a', 'cart', T, 10],
      ['b', 'cart', T + 60 * MIN, 20],
      ['c', 'main', T + 120 * MIN, 30],
      ['d', 'main', T + 180 * MIN, 40],
    ];
    // n minutes long: n + 1 messages a minute apart
    for (const [id, branch, start, minutes] of sessions) {
      writeTranscript(root, { sessionId: id, cwd, messages: messagesOn(branch, start, minutes + 1) });
    }
    const env = { TT_DATA_DIR: tempDir(), TZ: 'UTC' };
    const tt = (...args: string[]) => runTt(args, { env });
    expect((await tt('sessions', 'index', '--root', root)).exitCode).toBe(0);

    const before = await tt('streams', 'quality');
    expect(before.stdout).toContain('no reviewed sessions yet');

    expect((await tt('infer', '--start', '2026-05-04T00:00Z', '--end', '2026-05-05T00:00Z')).exitCode).toBe(
      0,
    );
    const list = JSON.parse((await tt('streams', 'list', '--json')).stdout) as { id: string; name: string }[];
    const cart = list.find((s) => s.name === 'shop · cart')!.id;
    const shop = list.find((s) => s.name === 'shop')!.id;
    expect((await tt('streams', 'move', 'c', cart)).exitCode).toBe(0);
    expect((await tt('streams', 'confirm', cart)).exitCode).toBe(0);
    expect((await tt('streams', 'confirm', shop)).exitCode).toBe(0);

    const result = await tt('streams', 'quality', '--json');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as {
      reviewedSessions: number;
      sources: {
        source: string;
        sessions: number;
        bcubed: Record<string, number> | null;
        pairwise: Record<string, number> | null;
      }[];
    };
    expect(report.reviewedSessions).toBe(4);
    const [offline, llm] = report.sources;
    expect(offline).toMatchObject({ source: 'directory', sessions: 4 });
    // Truth {a, b, c} {d}; proposed {a, b} {c, d}; weights 10, 20, 30, 40 (of 100).
    // precision: a, b → 1; c → 30/70; d → 40/70: (10 + 20 + 30·3/7 + 40·4/7) / 100 = 23/35
    // recall: a, b, c → 30/60 each; d → 1: (5 + 10 + 15 + 40) / 100 = 7/10
    const precision = 23 / 35;
    const recall = 0.7;
    expect(offline!.bcubed!.precision).toBeCloseTo(precision, 12);
    expect(offline!.bcubed!.recall).toBeCloseTo(recall, 12);
    expect(offline!.bcubed!.f1).toBeCloseTo((2 * precision * recall) / (precision + recall), 12); // 0.678
    // pairs: proposed {ab, cd}, true {ab, ac, bc}, agreeing {ab}: 1/2, 1/3, F1 0.4
    expect(offline!.pairwise).toEqual({ precision: 0.5, recall: 1 / 3, f1: 0.4 });
    expect(llm).toMatchObject({
      source: 'llm',
      sessions: 0,
      bcubed: null,
      pairwise: null,
      latestRunAt: null,
    });

    const text = await tt('streams', 'quality');
    expect(text.stdout).toContain('4 reviewed sessions');
    expect(text.stdout).toMatch(
      /offline \(by directory and branch\)\s+\S+ \S+\s+4\s+0\.66\s+0\.70\s+0\.68\s+0\.40/,
    );
  });
});
