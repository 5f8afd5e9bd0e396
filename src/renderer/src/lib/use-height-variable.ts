import { useLayoutEffect, type RefObject } from 'react';

/**
 * Keeps a CSS custom property on the page (`name`) equal to the element's height, for what
 * must sit just below it: the sticky toolbar wraps to two lines on a narrow window.
 */
export function useHeightVariable(ref: RefObject<HTMLElement | null>, name: string): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty(name, `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, name]);
}

/** The value `useHeightVariable` last set for `name`, in px (null before it has measured). */
export function heightVariable(name: string): number | null {
  const value = parseFloat(document.documentElement.style.getPropertyValue(name));
  return Number.isFinite(value) ? value : null;
}
