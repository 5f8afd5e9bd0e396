import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The colours people read every day, light and dark, checked against WCAG AA (4.5:1 for text).
const css = readFileSync(new URL('../../src/renderer/src/styles.css', import.meta.url), 'utf8');

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}
const light = variables(css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {'))));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...variables(css.slice(darkStart, css.indexOf('}', darkStart))) };

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const PAIRS: [text: string, background: string][] = [
  ['text', 'panel'],
  ['text', 'bg'],
  ['muted', 'panel'],
  ['muted', 'bg'],
  ['muted', 'accent-soft'],
  ['accent', 'panel'],
  ['on-accent', 'accent'],
  ['high', 'high-bg'],
  ['medium', 'medium-bg'],
  ['low', 'low-bg'],
  ['reviewed', 'reviewed-bg'],
];

describe('colour contrast', () => {
  for (const [scheme, colours] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`${scheme}: every text colour on its background reaches 4.5:1`, () => {
      const failing = PAIRS.filter(([text, background]) => {
        expect(colours[text], `--${text}`).toBeDefined();
        expect(colours[background], `--${background}`).toBeDefined();
        return contrast(colours[text]!, colours[background]!) < 4.5;
      }).map(
        ([text, background]) =>
          `${text} on ${background}: ${contrast(colours[text]!, colours[background]!).toFixed(2)}`,
      );
      expect(failing).toEqual([]);
    });
  }
});
