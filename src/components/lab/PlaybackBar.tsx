import { useId } from 'react';
import { SPEEDS, hasWorkload, lastEventAt, lookaheadMs, useLabStore, useLabStoreThrottled } from '../../store/index.ts';
import { actionSpecs } from '../../scenarios/actions.ts';
import { formatMoment } from '../../scenarios/format.ts';
import { Icon } from './icons.tsx';

/** "Fast-forward to expiry" split where a narrow bar cuts it: "Fast-forward" + " to expiry". */
const fastForward = (() => {
  const label = actionSpecs.fastForwardToExpiry.label;
  const cut = label.indexOf(' to ');
  return { label, short: cut < 0 ? label : label.slice(0, cut), rest: cut < 0 ? '' : label.slice(cut) };
})();

const speedLabel = (speed: number) => (speed < 1 ? `1/${Math.round(1 / speed)}×` : `${speed}×`);

/** Play, step, speed, scrub, fast-forward to the next expiry (every lab's one jump control), reset. */
export function PlaybackBar() {
  const id = useId();
  const s = useLabStoreThrottled((state) => ({
    playing: state.playback.playing,
    speed: state.playback.speed,
    time: state.cursor.time,
    index: state.cursor.index,
    traceLength: state.trace.length,
    // A live workload's trace runs ahead of the cursor by the lookahead; that part is not "recorded" yet.
    end: state.playback.free || hasWorkload(state.options) ? lastEventAt(state.trace.events) - lookaheadMs(state.trace.options) : lastEventAt(state.trace.events),
    disabled: !state.running,
  }), 1);
  const actions = useLabStore((state) => ({
    togglePlay: state.togglePlay,
    step: state.step,
    seek: state.seek,
    setSpeed: state.setSpeed,
    act: state.act,
    reset: state.reset,
    setShortcutsOpen: state.setShortcutsOpen,
  }));
  const max = Math.max(s.end, s.time, 1);

  return (
    <div className="cal-playback" role="group" aria-label="Playback">
      <div className="cal-playback-buttons">
        <button type="button" className="cal-icon-button" onClick={() => actions.step(-1)} disabled={s.disabled || s.index === 0} aria-label="Step back one event" title="Step back (←)">
          <Icon name="back" />
        </button>
        <button type="button" className="cal-icon-button cal-play" onClick={actions.togglePlay} disabled={s.disabled} aria-label={s.playing ? 'Pause' : 'Play'} title="Play or pause (Space)">
          <Icon name={s.playing ? 'pause' : 'play'} />
        </button>
        <button type="button" className="cal-icon-button" onClick={() => actions.step(1)} disabled={s.disabled} aria-label="Step forward one event" title="Step forward (→)">
          <Icon name="forward" />
        </button>
      </div>
      <div className="cal-scrubber">
        <label htmlFor={`${id}-time`} className="cal-visually-hidden">
          Virtual time
        </label>
        <input
          id={`${id}-time`}
          type="range"
          min={0}
          max={max}
          step={1}
          value={Math.min(s.time, max)}
          disabled={s.disabled}
          aria-valuetext={`${formatMoment(s.time)} of ${formatMoment(max)}, event ${s.index} of ${s.traceLength}`}
          onChange={(event) => actions.seek(Number(event.currentTarget.value))}
        />
        <output className="cal-time" htmlFor={`${id}-time`} aria-label="Virtual time">
          {formatMoment(s.time)}
        </output>
      </div>
      <div className="cal-playback-tools">
        <label className="cal-speed">
          <span className="cal-visually-hidden">Speed</span>
          <select value={s.speed} onChange={(event) => actions.setSpeed(Number(event.currentTarget.value))} aria-label="Playback speed">
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speedLabel(speed)}
              </option>
            ))}
          </select>
        </label>
        {/* An action, so it is narrated, shared in links and forks the timeline like any other. */}
        {/* A phone shows "Fast-forward" only (so the bar keeps to two rows); the name stays whole for everyone. */}
        <button type="button" className="cal-button cal-button-quiet cal-fast-forward" onClick={() => actions.act({ type: 'fastForwardToExpiry' })} disabled={s.disabled} aria-label={fastForward.label} title="Jump to the moment the next key expires">
          <Icon name="expiry" /> {fastForward.short}
          <span className="cal-wide-only">{fastForward.rest}</span>
        </button>
        <button type="button" className="cal-icon-button" onClick={actions.reset} aria-label="Reset the lab" title="Reset">
          <Icon name="reset" />
        </button>
        <button type="button" className="cal-icon-button" onClick={() => actions.setShortcutsOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          <Icon name="keyboard" />
        </button>
      </div>
    </div>
  );
}
