import { useEffect, useState } from 'react';
import { isBusy, playedTo, useLabStore, useLabStoreThrottled } from '../../store/index.ts';
import { beatAt } from '../../store/flow.ts';
import { useLabEngaged } from './engagement.ts';
import { drawsWriter } from './flowGeometry.ts';

type NarrationCode = typeof import('./narration.ts');

// The sentences' code loads once there is something to narrate, or when the learner engages with
// the lab (before their first action): a fresh lab's first paint has nothing to say but its prompt.
let code: NarrationCode | null = null;
let loading: Promise<NarrationCode> | null = null;

/** Loads the narration's code now (engagement, tests). */
export function preloadNarration(): Promise<NarrationCode> {
  return (loading ??= import('./narration.ts').then(
    (module) => (code = module),
    (error: unknown) => {
      // A failed fetch (offline) is tried again at the next step.
      loading = null;
      throw error;
    },
  ));
}

/** The narration's code once loaded, and whether the last load failed; loading starts when `needed` (again at each new `step` after a failure). */
function useNarrationCode(needed: boolean, step: number): { code: NarrationCode | null; failed: boolean } {
  const [state, setState] = useState<{ code: NarrationCode | null; failed: boolean }>({ code, failed: false });
  const loaded = state.code ?? code;
  useEffect(() => {
    if (!needed || loaded) return;
    let live = true;
    preloadNarration().then(
      (module) => live && setState({ code: module, failed: false }),
      () => live && setState({ code: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [needed, loaded, step]);
  return { code: loaded, failed: state.failed };
}

/** Said once, politely, when a playing lab gets too busy to read out moment by moment. */
const BUSY_NOTE = 'Too many requests at once to read out each moment while playing: pause, or step, to hear them one at a time.';

/**
 * One sentence for the current moment: the text alternative to the animation. `speaker` (a side of
 * a pair) is read out before it. It refreshes in the clock's and the code line's slot (1), so the
 * three tell one moment. A polite live region that changes once per moment; while a busy lab plays
 * (moments every frame) it stops announcing and a note says so once instead of flooding.
 */
export function Narration({ speaker }: { speaker?: string } = {}) {
  const { trace, index, time, played, busy, failure } = useLabStoreThrottled(
    (s) => ({
      trace: s.trace,
      index: Math.min(s.cursor.index, s.trace.length),
      time: s.cursor.time,
      played: playedTo(s),
      busy: s.playback.playing && isBusy(s.trace.events, s.cursor.time, s.playback.speed),
      failure: s.failure,
    }),
    1,
  );
  const writer = useLabStore((s) => drawsWriter(s.scenario?.actions));
  const engaged = useLabEngaged();
  // Once the code is there, its sentence says whether anything has happened; before, the beat does.
  const loadedCode = code;
  // A busy lab tells its latest event only: moments change every frame there (nobody reads a joined
  // one), and a joined sentence a line longer moved the playback bar and tabs under the pointer.
  const sentence = loadedCode ? (loadedCode.narrationAt(trace.events, index, time, trace.length, writer, played, !busy)?.text ?? null) : null;
  const happened = loadedCode ? sentence !== null : beatAt(trace.events, trace.length, index, time) !== null;
  const { code: narration, failed } = useNarrationCode(happened || engaged, index);
  const text = !happened
    ? 'Nothing has happened yet. Pick an action below, then watch each step.'
    : (sentence ?? (failed ? 'The narration could not be loaded; it tries again at the next step.' : 'Loading the narration…'));
  return (
    <div className="cal-narration">
      <p className="cal-narration-text" aria-live={busy ? 'off' : 'polite'} aria-atomic="true" aria-busy={happened && !narration && !failed} data-testid="narration">
        {speaker && <span className="cal-visually-hidden">{speaker}: </span>}
        {text}
      </p>
      <p className="cal-visually-hidden" aria-live="polite" data-testid="narration-busy">
        {busy ? `${speaker ? `${speaker}: ` : ''}${BUSY_NOTE}` : ''}
      </p>
      {failure && (
        <p className="cal-note cal-note-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
