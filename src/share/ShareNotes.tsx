import './share.css';

/** The visible note for a link whose fields were partly ignored (text only: nothing from a URL is parsed as HTML). */
export function ShareNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="cal-share-notes" role="note" data-share-notes>
      <p>Parts of this link were ignored, so the lab uses its defaults for them:</p>
      <ul>
        {notes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
