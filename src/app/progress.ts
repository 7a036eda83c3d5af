/**
 * Learner progress in localStorage: completed lessons and passed checks. A framework-free store
 * (React subscribes through `useSyncExternalStore`); bad or old saved data is reset, never fatal.
 */

export const PROGRESS_KEY = 'cal:progress';
export const PROGRESS_VERSION = 1;

/** What is saved, as JSON, under `PROGRESS_KEY`. */
export interface SavedProgress {
  version: typeof PROGRESS_VERSION;
  /** Slugs of lessons the learner marked complete. */
  completed: string[];
  /** Passed checks as `<lesson slug>/<lab id>`. */
  checks: string[];
}

/** Why saved progress was thrown away on load: unreadable JSON/shape, or a different schema version. */
export type ProgressResetReason = 'corrupt' | 'outdated';

/** Why a save failed: the site's storage quota is used up, or the browser refuses storage altogether. */
export type ProgressSaveProblem = 'full' | 'unavailable';

export interface ProgressSnapshot {
  readonly completed: readonly string[];
  readonly checks: readonly string[];
  /** Set when saved progress could not be used and was reset; cleared by `dismissNotice`. */
  readonly resetReason: ProgressResetReason | null;
  /** False when storage is unavailable or full: progress then lasts only for this visit. */
  readonly persistent: boolean;
  /** Set by the first save that fails, once per visit; cleared by `dismissSaveNotice`. */
  readonly saveProblem: ProgressSaveProblem | null;
}

type Load = { progress: SavedProgress; resetReason: ProgressResetReason | null };

const empty = (): SavedProgress => ({ version: PROGRESS_VERSION, completed: [], checks: [] });

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads saved progress; anything unusable yields empty progress and a reason. */
export function parseSavedProgress(text: string | null): Load {
  if (text === null) return { progress: empty(), resetReason: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { progress: empty(), resetReason: 'corrupt' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { progress: empty(), resetReason: 'corrupt' };
  const record = raw as Record<string, unknown>;
  if (typeof record.version !== 'number') return { progress: empty(), resetReason: 'corrupt' };
  if (record.version !== PROGRESS_VERSION) return { progress: empty(), resetReason: 'outdated' };
  if (!isStringList(record.completed) || !isStringList(record.checks)) return { progress: empty(), resetReason: 'corrupt' };
  return {
    progress: { version: PROGRESS_VERSION, completed: [...new Set(record.completed)], checks: [...new Set(record.checks)] },
    resetReason: null,
  };
}

/** A quota error by name or by its legacy codes (22 in most browsers, 1014 in old Firefox). */
function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export class ProgressStore {
  private snapshot: ProgressSnapshot;
  /** The save-failure notice is shown once a visit: later failures only keep `persistent` false. */
  private saveProblemReported = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage | null) {
    let text: string | null = null;
    let persistent = storage !== null;
    try {
      text = storage?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      persistent = false;
    }
    const { progress, resetReason } = parseSavedProgress(text);
    this.snapshot = { completed: progress.completed, checks: progress.checks, resetReason, persistent, saveProblem: null };
    // Overwrite the bad data now, so the notice shows once rather than on every visit.
    if (resetReason) this.save();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ProgressSnapshot => this.snapshot;

  isComplete(slug: string): boolean {
    return this.snapshot.completed.includes(slug);
  }

  setComplete(slug: string, complete: boolean): void {
    const others = this.snapshot.completed.filter((entry) => entry !== slug);
    this.update({ completed: complete ? [...others, slug] : others });
  }

  passCheck(slug: string, labId: string): void {
    const id = `${slug}/${labId}`;
    if (!this.snapshot.checks.includes(id)) this.update({ checks: [...this.snapshot.checks, id] });
  }

  dismissNotice(): void {
    this.update({ resetReason: null }, false);
  }

  dismissSaveNotice(): void {
    this.update({ saveProblem: null }, false);
  }

  /** Forgets everything (the learner's "reset progress"). */
  clear(): void {
    this.update({ completed: [], checks: [] });
  }

  /** Takes progress saved by another tab. */
  reload(): void {
    let text: string | null = null;
    try {
      text = this.storage?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      return;
    }
    const { progress } = parseSavedProgress(text);
    this.update({ completed: progress.completed, checks: progress.checks }, false);
  }

  private update(patch: Partial<ProgressSnapshot>, persist = true): void {
    this.snapshot = { ...this.snapshot, ...patch };
    if (persist) this.save();
    for (const listener of this.listeners) listener();
  }

  private save(): void {
    if (!this.storage) {
      this.saveFailed('unavailable');
      return;
    }
    const saved: SavedProgress = { version: PROGRESS_VERSION, completed: [...this.snapshot.completed], checks: [...this.snapshot.checks] };
    try {
      this.storage.setItem(PROGRESS_KEY, JSON.stringify(saved));
      this.snapshot = { ...this.snapshot, persistent: true };
    } catch (error) {
      this.saveFailed(isQuotaError(error) ? 'full' : 'unavailable');
    }
  }

  private saveFailed(problem: ProgressSaveProblem): void {
    const report = !this.saveProblemReported;
    this.saveProblemReported = true;
    this.snapshot = { ...this.snapshot, persistent: false, ...(report ? { saveProblem: problem } : {}) };
  }
}

/** `window.localStorage`, or null where reading it throws (some privacy modes). */
export function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
