export { createLabStore } from './createLabStore.ts';
export { LabStoreProvider, useLabStore, useLabStoreApi, useLabStoreThrottled, PANEL_REFRESH_MS } from './context.tsx';
export { SPEEDS, type LabConfig, type LabState, type LabStore, type Cursor, type LabPanel, type Situation } from './types.ts';
export type { LabEngine, ScenarioInfo, OptionField, OptionsVerdict } from './engine.ts';
export { eventsUpTo, lastEventAt, hasWorkload, lookaheadMs, LOOKAHEAD_MS } from './timeline.ts';
export { selectSnapshot, selectOptionsAtCursor } from './selectors.ts';
export { flowIndex, messagesInFlight, sendRates, InFlightTracker, type FlowMessage, type FlowNodeId, type Tone } from './flow.ts';
export { isBusy, minShownMs, HOP_WALL_MS } from './pacing.ts';
export { isBeat } from './beats.ts';
