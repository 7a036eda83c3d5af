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
 * the link asked for that was not applied (with the notes from reading it). A link that carries a
 * run (its notes come only when the replay ends) has all of that in one box of a fixed height, there
 * from the first paint, so the notes arriving never move the lab under them (they pushed a lesson's
 * lab down 90-140 px); more notes than fit scroll inside it. A link opened as it is shows no
 * progress: its only wait is the lab's own loading, which the lab says under its title.
 */
export function LinkStatus({ notes, restore }: { notes: readonly string[]; restore?: LinkRestore | null }) {
  const status = useSyncExternalStore(restore?.subscribe ?? idle, () => restore?.getStatus() ?? null, () => restore?.getStatus() ?? null);
  const reserve = restore?.replaying ?? false;
  const running = reserve && status?.phase === 'running';
  const all = [...notes, ...(status?.notes ?? [])];
  const progress = running && (
    <div className="cal-share-progress" role="status" data-link-progress>
      <span>Opening the shared moment…</span>
      <progress max={1} value={status.progress} aria-label="Opening the shared moment" />
      <button type="button" className="cal-button" onClick={() => restore?.cancel()}>
        Cancel
      </button>
    </div>
  );
  if (reserve) {
    return (
      // Focusable: when several notes overflow the box, a keyboard user scrolls it.
      <div className="cal-share-status" tabIndex={all.length > 0 ? 0 : undefined} aria-label={all.length > 0 ? 'Notes about this link' : undefined} role={all.length > 0 ? 'group' : undefined}>
        {progress || (all.length > 0 ? <ShareNotes notes={all} /> : <p className="cal-share-done">Opened the shared moment.</p>)}
      </div>
    );
  }
  return <ShareNotes notes={all} />;
}
