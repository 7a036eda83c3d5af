import { useEffect, useRef } from 'react';
import { useLabStore } from '../../store/index.ts';
import './shortcuts.css';

const SHORTCUTS: readonly [string, string][] = [
  ['Space', 'Play or pause'],
  ['←', 'Step back one event'],
  ['→', 'Step forward one event'],
  ['?', 'Show this list'],
  ['Esc', 'Close this list'],
];

/** The focused element as seen from `node`'s root: inside an embed's shadow root, document.activeElement is only the host. */
function activeIn(node: Node | null): HTMLElement | null {
  const root = node?.getRootNode() as Document | ShadowRoot | undefined;
  return ((root && 'activeElement' in root ? root.activeElement : null) ?? document.activeElement) as HTMLElement | null;
}

/** The keyboard shortcuts, in a modal dialog that keeps focus inside until closed. */
export function ShortcutsDialog() {
  const open = useLabStore((s) => s.shortcutsOpen);
  const setOpen = useLabStore((s) => s.setShortcutsOpen);
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const previous = activeIn(dialogRef.current);
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, [open]);

  if (!open) return null;

  const onKeyDown = (event: React.KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = dialogRef.current?.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])');
    if (!focusable || focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = activeIn(dialogRef.current);
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="cal-dialog-backdrop" onClick={() => setOpen(false)}>
      <div
        ref={dialogRef}
        className="cal-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cal-shortcuts-title"
        onKeyDown={onKeyDown}
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="cal-shortcuts-title" className="cal-dialog-title">
          Keyboard shortcuts
        </h2>
        <dl className="cal-shortcuts">
          {SHORTCUTS.map(([key, what]) => (
            <div key={key} className="cal-shortcut">
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="cal-muted cal-small">Shortcuts work when the lab has focus, and never while you type in a field.</p>
        <button ref={closeRef} type="button" className="cal-button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
