export { Lab, preloadFirstPaint, type LabProps } from './Lab.tsx';
export type { CheckSpec } from '../../scenarios/checks.ts';
export { useLabEngaged } from './engagement.ts';
export { lazyPanel, PanelPlaceholder, type LazyPanel } from './lazyPanel.tsx';
