/** Where animation frames come from: the browser in the app, an explicit ticker in tests. */
export interface FrameSource {
  /** Calls `callback` once with a timestamp in ms, like requestAnimationFrame. */
  request(callback: (timestampMs: number) => void): number;
  cancel(handle: number): void;
}

/** The browser's frame clock. The only place in the project that calls requestAnimationFrame. */
export const browserFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** A frame source that only advances when a test calls `tick(ms)`. */
export interface ManualFrames extends FrameSource {
  /** Fires the pending frame callbacks `ms` milliseconds after the previous tick. */
  tick(ms: number): void;
  /** Callbacks waiting for the next tick. */
  readonly pending: number;
}

export function manualFrames(startMs = 0): ManualFrames {
  let now = startMs;
  let nextHandle = 1;
  const waiting = new Map<number, (timestampMs: number) => void>();
  return {
    request(callback) {
      const handle = nextHandle++;
      waiting.set(handle, callback);
      return handle;
    },
    cancel(handle) {
      waiting.delete(handle);
    },
    tick(ms) {
      now += ms;
      const due = [...waiting.values()];
      waiting.clear();
      for (const callback of due) callback(now);
    },
    get pending() {
      return waiting.size;
    },
  };
}
