import type { StateCreator } from 'zustand/vanilla';
import type { LabState, UiSlice } from './types.ts';

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set) => ({
  selectedRequest: null,
  panel: 'console',
  shortcutsOpen: false,
  selectRequest: (selectedRequest) => set({ selectedRequest }),
  setPanel: (panel) => set({ panel }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
});
