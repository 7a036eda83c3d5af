import type { Mermaid } from 'mermaid';

let pending: Promise<Mermaid> | null = null;

/**
 * Loads mermaid on first use and hands back the same module afterwards.
 * A failed load is forgotten so the next diagram can retry (e.g. after a flaky network).
 *
 * @example const mermaid = await loadMermaid();
 */
export function loadMermaid(): Promise<Mermaid> {
  if (!pending) {
    pending = import('mermaid').then(
      (module) => module.default,
      (reason: unknown) => {
        pending = null;
        throw reason;
      },
    );
  }
  return pending;
}
