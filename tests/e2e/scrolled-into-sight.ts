// Windowed lists draw only the rows in sight: a test that wants every row does what a person
// does, and scrolls through the list, noting each row as it comes into sight.
import type { Page } from 'playwright-core';

/**
 * Scrolls `scroller` (a selector; the page itself when null) from its top to its bottom, half a
 * screen at a time, and returns `attribute` of every `item` seen within the scroller's visible
 * box (not the rows drawn just beyond it), in the order they stand. Puts the scroll back after.
 */
export function scrolledIntoSight(
  page: Page,
  { scroller, item, attribute }: { scroller: string | null; item: string; attribute: string },
): Promise<string[]> {
  return page.evaluate(
    async ({ scroller, item, attribute }) => {
      const box = scroller ? document.querySelector<HTMLElement>(scroller)! : document.scrollingElement!;
      const frame = () =>
        new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const visible = () => {
        const { top, bottom } = scroller ? box.getBoundingClientRect() : { top: 0, bottom: innerHeight };
        return { top, bottom };
      };
      const seen = new Map<string, number>();
      const before = box.scrollTop;
      (box as HTMLElement).style.scrollBehavior = 'auto';
      for (let at = 0; ; at += box.clientHeight / 2) {
        box.scrollTop = at;
        await frame();
        const { top, bottom } = visible();
        for (const element of document.querySelectorAll(item)) {
          const rect = element.getBoundingClientRect();
          const value = element.getAttribute(attribute);
          if (value !== null && rect.bottom > top && rect.top < bottom && rect.height > 0)
            seen.set(value, Math.min(seen.get(value) ?? Infinity, rect.top + box.scrollTop));
        }
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
      }
      box.scrollTop = before;
      (box as HTMLElement).style.scrollBehavior = '';
      await frame();
      return [...seen].sort((a, b) => a[1] - b[1]).map(([value]) => value);
    },
    { scroller, item, attribute },
  );
}
