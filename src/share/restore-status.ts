/**
 * What every lab opened from a link has, whether or not the link carries a run to rebuild: the
 * store's config from the link, and the status of its opening. A link with actions or a moment
 * is replayed by `restore.ts` (loaded only for such links); a plain one opens as it is.
 */
import type { LabConfig, LabStore } from '../store/index.ts';
import type { ShareState } from './link-fields.ts';

export interface RestoreStatus {
  readonly phase: 'running' | 'done' | 'cancelled';
  /** Share of the link's work done, 0..1. */
  readonly progress: number;
  /** What could not be restored, one sentence per field. */
  readonly notes: readonly string[];
}

export interface LinkRestore {
  getStatus(): RestoreStatus;
  subscribe(listener: () => void): () => void;
  /** Stops replaying and opens the lab where the replay got to. */
  cancel(): void;
  /**
   * Whether a run is being rebuilt (the link has actions or a moment): its progress shows, and its
   * notes come when it ends. False for a link opened as it is, whose only wait is the lab's own
   * loading (the lock's Lua VM), which the lab itself says.
   */
  readonly replaying: boolean;
}

/** The part of a share state the lab store takes at creation. */
export function shareConfig(share: ShareState): Pick<LabConfig, 'scenario' | 'options' | 'seed'> {
  return {
    scenario: share.scenario,
    options: { ...share.options },
    ...(share.seed !== undefined ? { seed: share.seed } : {}),
  };
}

/**
 * The opening of a link with nothing to replay (no actions, no moment): done at once, or once what
 * the lab's options need from Redis has loaded (the lock strategy's Lua VM), so `ready` means the
 * lab runs. A failed load is the lab's own message, not the link's.
 */
export function openAsIs(store: LabStore): LinkRestore {
  const listeners = new Set<() => void>();
  const loading = store.getState().loading !== null;
  let status: RestoreStatus = loading ? { phase: 'running', progress: 0, notes: [] } : { phase: 'done', progress: 1, notes: [] };
  const settle = (phase: 'done' | 'cancelled') => {
    if (status.phase !== 'running') return;
    status = { phase, progress: 1, notes: [] };
    for (const listener of listeners) listener();
  };
  if (loading) void store.getState().whenReady().then(() => settle('done'));
  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel: () => settle('cancelled'),
    replaying: false,
  };
}
