export { createPlayer, MAX_FRAME_MS, type Player, type PlayableState } from './player';
export { browserFrames, manualFrames, type FrameSource, type ManualFrames } from './frames';
export { prefersReducedMotion, subscribeReducedMotion } from './motion';
