export { Lab, type LabProps } from './Lab.tsx';
export { LabCompare, type LabCompareProps } from './LabCompare.tsx';
export type { CheckSpec } from './check.ts';
