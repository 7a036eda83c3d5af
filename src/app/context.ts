import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LessonEntry } from '../lessons/types.ts';
import type { ProgressSnapshot, ProgressStore } from './progress.ts';
import type { ThemeSnapshot, ThemeStore } from './theme.ts';

export interface AppServices {
  lessons: readonly LessonEntry[];
  progress: ProgressStore;
  theme: ThemeStore;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices must be used inside <Shell>');
  return services;
}

export function useProgress(): ProgressSnapshot {
  const { progress } = useServices();
  return useSyncExternalStore(progress.subscribe, progress.getSnapshot, progress.getSnapshot);
}

export function useTheme(): ThemeSnapshot {
  const { theme } = useServices();
  return useSyncExternalStore(theme.subscribe, theme.getSnapshot, theme.getSnapshot);
}
