import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { tokenize, type CodeLanguage } from './tokenize';
import './code.css';
import '../console/visually-hidden.css';

/** One line of a rendering; `id` matches the `lineId` of the trace's `code.line` events. */
export interface CodeLine {
  readonly text: string;
  readonly id?: string;
}

/** The same code in both languages (the shape of the scenarios' `StrategySource`). */
export interface CodeSources {
  readonly ts: readonly CodeLine[];
  readonly python: readonly CodeLine[];
}

export interface CodePanelProps {
  sources: CodeSources;
  /** The line the running request is on, or null between requests. */
  activeLineId?: string | null;
  /** Lines the same step ran just before the active one (marked lighter). */
  ranLineIds?: readonly string[];
  /** Controlled language; leave out to let the panel keep it. */
  language?: CodeLanguage;
  defaultLanguage?: CodeLanguage;
  onLanguageChange?: (language: CodeLanguage) => void;
  /** Accessible name, e.g. the strategy's name. */
  label?: string;
  className?: string;
}

const LANGUAGES: ReadonlyArray<{ id: CodeLanguage; name: string }> = [
  { id: 'ts', name: 'TypeScript' },
  { id: 'python', name: 'Python' },
];

/** The running strategy's source in TypeScript and Python, with the active line highlighted. */
export function CodePanel({
  sources,
  activeLineId = null,
  ranLineIds,
  language: controlled,
  defaultLanguage = 'ts',
  onLanguageChange,
  label = 'Strategy code',
  className,
}: CodePanelProps) {
  const baseId = useId();
  const [own, setOwn] = useState<CodeLanguage>(defaultLanguage);
  const language = controlled ?? own;
  const tabRefs = useRef(new Map<CodeLanguage, HTMLButtonElement>());
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const lines = sources[language];

  const choose = (next: CodeLanguage, focus: boolean) => {
    if (controlled === undefined) setOwn(next);
    onLanguageChange?.(next);
    if (focus) tabRefs.current.get(next)?.focus();
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = LANGUAGES.findIndex((entry) => entry.id === language);
    const last = LANGUAGES.length - 1;
    const target =
      event.key === 'ArrowRight' ? (index + 1) % LANGUAGES.length
      : event.key === 'ArrowLeft' ? (index + last) % LANGUAGES.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (target === null) return;
    event.preventDefault();
    choose(LANGUAGES[target]!.id, true);
  };

  // Bring the active line into view inside the panel only: scrollIntoView would also scroll the
  // page and can yank the learner away from what they are reading or typing.
  // Keeps the active line in view. Its position comes from an IntersectionObserver, computed after the
  // browser's own layout: reading offsetTop here forced a second layout of the page on every new line,
  // which in a busy run is every frame (the largest cost per frame at 200 requests in flight).
  useEffect(() => {
    const scroller = scrollerRef.current;
    const line = scroller?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!scroller || !line || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        observer.disconnect();
        const view = entry?.rootBounds;
        if (!entry || !view) return;
        const box = entry.boundingClientRect;
        // A line of margin above or below, as a reader's eye needs the line before or after.
        if (box.top < view.top) scroller.scrollBy({ top: box.top - view.top - box.height });
        else if (box.bottom > view.bottom) scroller.scrollBy({ top: box.bottom - view.bottom + box.height });
      },
      { root: scroller, threshold: 1 },
    );
    observer.observe(line);
    return () => observer.disconnect();
  }, [activeLineId, language]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(lines.map((line) => line.text).join('\n') + '\n');
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  let firstActive = true;
  return (
    <section role="group" className={['cal-code', className].filter(Boolean).join(' ')} aria-label={label}>
      <div className="cal-code__bar">
        <div role="tablist" aria-label="Language" className="cal-code__tabs">
          {LANGUAGES.map((entry) => (
            <button
              key={entry.id}
              ref={(element) => {
                if (element) tabRefs.current.set(entry.id, element);
                else tabRefs.current.delete(entry.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${entry.id}`}
              aria-selected={entry.id === language}
              aria-controls={`${baseId}-panel`}
              tabIndex={entry.id === language ? 0 : -1}
              className="cal-code__tab"
              onClick={() => choose(entry.id, false)}
              onKeyDown={onTabKeyDown}
            >
              {entry.name}
            </button>
          ))}
        </div>
        <button type="button" className="cal-code__copy" onClick={copy} onBlur={() => setCopyState('idle')}>
          {copyState === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <span className="cal-visually-hidden" role="status">
          {copyState === 'copied' ? 'Code copied to the clipboard' : copyState === 'failed' ? 'Could not copy the code' : ''}
        </span>
      </div>
      <div
        ref={scrollerRef}
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${language}`}
        tabIndex={0}
        className="cal-code__scroller"
      >
        <pre className="cal-code__pre">
          <code>
            {lines.map((line, index) => {
              const active = activeLineId !== null && line.id === activeLineId;
              const current = active && firstActive;
              if (current) firstActive = false;
              const ran = !active && line.id !== undefined && ranLineIds?.includes(line.id) === true;
              return (
                <span
                  key={index}
                  className={active ? 'cal-code__line cal-code__line--active' : ran ? 'cal-code__line cal-code__line--ran' : 'cal-code__line'}
                  data-line-id={line.id}
                  aria-current={current ? 'step' : undefined}
                >
                  {tokenize(line.text, language).map((token, at) =>
                    token.kind === 'plain' ? token.text : (
                      <span key={at} className={`cal-tok-${token.kind}`}>
                        {token.text}
                      </span>
                    ),
                  )}
                  {'\n'}
                </span>
              );
            })}
          </code>
        </pre>
      </div>
    </section>
  );
}
