import { useLabStore, useLabStoreThrottled } from '../../store/index.ts';
import { narrationAt } from './derive.ts';
import { drawsWriter } from './flowGeometry.ts';

/** One sentence for the current step: the text alternative to the animation. `speaker` (a side of a pair) is read out before it. */
export function Narration({ speaker }: { speaker?: string } = {}) {
  const { trace, index, time, failure } = useLabStoreThrottled(
    (s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.trace.length), time: s.cursor.time, failure: s.failure }),
    1,
  );
  const writer = useLabStore((s) => drawsWriter(s.scenario?.actions));
  const narration = narrationAt(trace.events, index, time, trace.length, writer);
  return (
    <div className="cal-narration">
      <p className="cal-narration-text" aria-live="polite" aria-atomic="true" data-testid="narration">
        {speaker && <span className="cal-visually-hidden">{speaker}: </span>}
        {narration?.text ?? 'Nothing has happened yet. Pick an action below, then watch each step.'}
      </p>
      {failure && (
        <p className="cal-note cal-note-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
