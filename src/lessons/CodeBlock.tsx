import { useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { CodeTab } from './types.ts';

const LANG_KEY = 'cal:code-lang';
const listeners = new Set<() => void>();
let preferred: string | null = readPreferred();

function readPreferred(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

/** Picking Python in one block picks it in every block, and is remembered. */
function setPreferred(label: string): void {
  preferred = label;
  try {
    localStorage.setItem(LANG_KEY, label);
  } catch {
    // Remembered for this visit only.
  }
  for (const listener of listeners) listener();
}

function usePreferredLanguage(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => preferred,
    () => null,
  );
}

function CopyButton({ code, label }: { code: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className="code-copy" onClick={copy} aria-label={`Copy ${label} code`}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}

/** A highlighted code sample; several languages become tabs (TypeScript / Python) sharing one copy button. */
export function CodeBlock({ tabs }: { tabs: CodeTab[] }) {
  const baseId = useId();
  const preferredLabel = usePreferredLanguage();
  const [localIndex, setLocalIndex] = useState(0);
  const preferredIndex = tabs.findIndex((tab) => tab.label === preferredLabel);
  const index = tabs.length > 1 && preferredIndex >= 0 ? preferredIndex : localIndex;
  const active = tabs[index] ?? tabs[0]!;
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (next: number) => {
    setLocalIndex(next);
    setPreferred(tabs[next]!.label);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    select(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="code-block code-tabs">
      <div className="code-bar">
        {tabs.length > 1 ? (
          <div role="tablist" aria-label="Code language" onKeyDown={onKeyDown}>
            {tabs.map((tab, i) => (
              <button
                key={tab.label}
                ref={(node) => {
                  tabRefs.current[i] = node;
                }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${i}`}
                aria-selected={i === index}
                aria-controls={`${baseId}-panel`}
                tabIndex={i === index ? 0 : -1}
                className="code-tab"
                onClick={() => select(i)}
              >
                {tab.label}
              </button>
            ))}
          </div>
        ) : (
          <span className="code-lang">{active.label}</span>
        )}
        <CopyButton code={active.code} label={active.label} />
      </div>
      <div
        id={`${baseId}-panel`}
        className="code-panel"
        {...(tabs.length > 1 ? { role: 'tabpanel', 'aria-labelledby': `${baseId}-tab-${index}` } : {})}
        // Build-time shiki output from our own lesson files; raw HTML in lessons is escaped by the pipeline.
        dangerouslySetInnerHTML={{ __html: active.html }}
      />
    </div>
  );
}
