import { useSyncExternalStore } from 'react';
import type { LinkRestore } from './restore.ts';
import './share.css';

/** The visible note for a link whose fields were partly ignored (text only: nothing from a URL is parsed as HTML). */
export function ShareNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="cal-share-notes" role="note" data-share-notes>
      <p>Parts of this link were not applied; each says what the lab does instead:</p>
      <ul>
        {notes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
    </div>
  );
}

const idle = () => () => {};

/**
 * While a link's run is being rebuilt: its progress and a Cancel; afterwards the notes about what
 * the link asked for that was not applied (with the notes from reading it).
 */
export function LinkStatus({ notes, restore }: { notes: readonly string[]; restore?: LinkRestore | null }) {
  const status = useSyncExternalStore(restore?.subscribe ?? idle, () => restore?.getStatus() ?? null, () => restore?.getStatus() ?? null);
  const running = status?.phase === 'running';
  return (
    <>
      {running && (
        // Laid over the lab's top edge, so the lab does not move when it comes and goes.
        <div className="cal-share-progress-anchor">
          <div className="cal-share-progress" role="status" data-link-progress>
            <span>Opening the shared moment…</span>
            <progress max={1} value={status.progress} aria-label="Opening the shared moment" />
            <button type="button" className="cal-button" onClick={() => restore?.cancel()}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ShareNotes notes={[...notes, ...(status?.notes ?? [])]} />
    </>
  );
}
