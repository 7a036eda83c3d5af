import { useEffect, useState, type RefObject } from 'react';
import type { DiagramTheme } from './theme';
import { followTheme, themeOf } from './theme-in-force';

/** Follows the theme in force for an element, re-rendering when `data-theme` or the OS preference flips. */
export function useDiagramTheme(ref: RefObject<Element | null>, forced?: DiagramTheme): DiagramTheme {
  const [theme, setTheme] = useState<DiagramTheme>(forced ?? 'light');
  useEffect(() => {
    if (forced) {
      setTheme(forced);
      return;
    }
    return followTheme(ref.current, () => setTheme(themeOf(ref.current)));
  }, [ref, forced]);
  return theme;
}
