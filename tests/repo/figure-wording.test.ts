import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../src/shared/wording';

// Every figure's tooltip and legend come from FIGURES; the README must say the same words.
describe('the figures are explained one way', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const [figure, words] of Object.entries(FIGURES)) {
    it(`the README explains ${figure} time in the app's words`, () => {
      // A row of the README's table (prettier pads its cells).
      const row = readme.split('\n').find((line) => line.startsWith(`| **${words.name}** `));
      expect(row?.replace(/\s+/g, ' ')).toBe(`| **${words.name}** | ${words.meaning} |`);
    });
  }
  it('delegated time is never said to exclude your attention', () => {
    // The old tooltip said "while your attention was elsewhere": delegated overlaps direct.
    expect(FIGURES.delegated.meaning).toMatch(/overlaps direct/);
    expect(readme).not.toMatch(/attention was elsewhere/);
  });
});
