import { useEffect, useState, type RefObject } from 'react';
import { themeOf, type DiagramTheme } from './theme';

/** Follows the theme in force for an element, re-rendering when `data-theme` or the OS preference flips. */
export function useDiagramTheme(ref: RefObject<Element | null>, forced?: DiagramTheme): DiagramTheme {
  const [theme, setTheme] = useState<DiagramTheme>(forced ?? 'light');
  useEffect(() => {
    if (forced) {
      setTheme(forced);
      return;
    }
    const update = () => setTheme(themeOf(ref.current));
    update();
    const observer = typeof MutationObserver === 'function' ? new MutationObserver(update) : null;
    observer?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'], subtree: true });
    const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    media?.addEventListener?.('change', update);
    return () => {
      observer?.disconnect();
      media?.removeEventListener?.('change', update);
    };
  }, [ref, forced]);
  return theme;
}
