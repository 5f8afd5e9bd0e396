import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How far below the top of the page `ref`'s element starts, kept up to date as what is above it
 * grows or shrinks (a window-scrolled list needs it to know which of its rows are on screen).
 * Measured after layout, never while rendering, so reading it forces no extra layout.
 */
export function useDocumentTop(ref: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setTop(Math.round(element.getBoundingClientRect().top + window.scrollY));
    measure();
    // The page's height changes whenever something above the element does (the timeline
    // unfolding, a notice); its width with the window.
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return top;
}
