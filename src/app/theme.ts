/** Light / dark / system theme: the choice is saved, the resolved theme is `data-theme` on <html>. */

export type ThemeChoice = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_KEY = 'cal:theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

export interface ThemeSnapshot {
  readonly choice: ThemeChoice;
  readonly resolved: ResolvedTheme;
}

export class ThemeStore {
  private snapshot: ThemeSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly media: MediaQueryList | null;

  constructor(
    private readonly storage: Storage | null,
    private readonly root: HTMLElement = document.documentElement,
  ) {
    this.media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    let saved: string | null = null;
    try {
      saved = storage?.getItem(THEME_KEY) ?? null;
    } catch {
      saved = null;
    }
    const choice = THEME_CHOICES.includes(saved as ThemeChoice) ? (saved as ThemeChoice) : 'system';
    this.snapshot = { choice, resolved: this.resolve(choice) };
    this.apply();
  }

  // The OS preference is watched only while someone subscribes, so a discarded store leaks nothing.
  readonly subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) this.media?.addEventListener?.('change', this.onSystemChange);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.media?.removeEventListener?.('change', this.onSystemChange);
    };
  };

  readonly getSnapshot = (): ThemeSnapshot => this.snapshot;

  setChoice(choice: ThemeChoice): void {
    try {
      this.storage?.setItem(THEME_KEY, choice);
    } catch {
      // Not saved, but still applied for this visit.
    }
    this.snapshot = { choice, resolved: this.resolve(choice) };
    this.apply();
    for (const listener of this.listeners) listener();
  }

  private readonly onSystemChange = () => {
    if (this.snapshot.choice === 'system') this.setChoice('system');
  };

  private resolve(choice: ThemeChoice): ResolvedTheme {
    if (choice !== 'system') return choice;
    return this.media?.matches ? 'dark' : 'light';
  }

  private apply(): void {
    this.root.dataset.theme = this.snapshot.resolved;
    this.root.style.colorScheme = this.snapshot.resolved;
  }
}
