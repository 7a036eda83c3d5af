import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createLabStore } from './createLabStore.ts';
import type { LabConfig, LabState, LabStore } from './types.ts';

const LabStoreContext = createContext<LabStore | null>(null);

/** Gives its subtree one lab store: either the one passed in, or one created once from `config`. */
export function LabStoreProvider({ store, config, children }: { store?: LabStore; config?: LabConfig; children: ReactNode }) {
  const [own] = useState(() => store ?? createLabStore(config!));
  return <LabStoreContext.Provider value={store ?? own}>{children}</LabStoreContext.Provider>;
}

export function useLabStoreApi(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLabStore must be used inside <LabStoreProvider>');
  return store;
}

/** Selects from the lab store; a selector returning a fresh object or array is compared shallowly. */
export function useLabStore<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStoreApi(), useShallow(selector));
}
