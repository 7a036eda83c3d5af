import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { hasWorkload, selectOptionsAtCursor, useLabStore, useLabStoreApi } from '../../store/index.ts';
import { challengeMetrics } from './check.ts';
import { revealEnd, revealOutcome, runReveal, type Reveal, type RevealOutcome } from './predict.ts';
import { buttonText, describeOptionValue, judgedSince, optionLabel } from '../../scenarios/actions.ts';
import { formatCount, formatPercent } from '../../scenarios/format.ts';
import { FRACTION_METRICS, compare, conditionsOf, describeCondition, joinAnd, metricLabel, movedOptions, type CheckCondition, type CheckSpec } from '../../scenarios/checks.ts';
import { useSnapshot } from './hooks.ts';
import { workInFlight } from '../../scenarios/views.ts';
import './check.css';

export function CheckPanel({ check, onCheckPassed }: { check: CheckSpec; onCheckPassed?: () => void }) {
  return check.kind === 'predict' ? <PredictCheck check={check} onCheckPassed={onCheckPassed} /> : <ChallengeCheck check={check} onCheckPassed={onCheckPassed} />;
}

/** Calls `onPassed` once, the first time `passed` becomes true. */
function usePassedOnce(passed: boolean, onPassed?: () => void) {
  const fired = useRef(false);
  useEffect(() => {
    if (passed && !fired.current) {
      fired.current = true;
      onPassed?.();
    }
  }, [passed, onPassed]);
}

function PredictCheck({ check, onCheckPassed }: { check: Extract<CheckSpec, { kind: 'predict' }>; onCheckPassed?: () => void }) {
  const id = useId();
  const store = useLabStoreApi();
  const [choice, setChoice] = useState<string | null>(null);
  // reveal is null while the lab loads what the situation needs (runReveal's promise).
  const [committed, setCommitted] = useState<{ choice: string; reveal: Reveal | null } | null>(null);
  // Judged once, at the moment the reveal has played out: later play does not rewrite the verdict.
  const [outcome, setOutcome] = useState<RevealOutcome | null>(null);
  const end = useLabStore((s) => (committed?.reveal == null || outcome !== null ? null : revealEnd(s, committed.reveal)));
  const trace = useLabStore((s) => s.trace);
  const playing = useLabStore((s) => s.playback.playing);
  useEffect(() => {
    if (committed?.reveal && end !== null && outcome === null) {
      const workload = hasWorkload(store.getState().options);
      setOutcome(committed.reveal.from < 0 ? { holds: true, words: '' } : revealOutcome(check, trace.events, committed.reveal.from, end, workload));
      // A lab whose workload keeps reading never runs out of events: stop it where the reveal's run
      // ended, so the panels beside the verdict show that run (a lab without one stops there by itself).
      if (workload && committed.reveal.from >= 0) {
        store.getState().pause();
        store.getState().seekIndex(end);
      }
    }
  }, [committed, end, outcome, check, trace, store]);
  const revealed = committed !== null && outcome !== null;
  const right = committed !== null && committed.choice === check.answer;
  usePassedOnce(revealed && right, onCheckPassed);

  const commit = () => {
    if (choice === null) return;
    setOutcome(null);
    const reveal = runReveal(check, store.getState);
    if (!(reveal instanceof Promise)) {
      setCommitted({ choice, reveal });
      return;
    }
    setCommitted({ choice, reveal: null });
    void reveal.then((ready) => setCommitted({ choice, reveal: ready }));
  };

  return (
    <section role="group" className="cal-panel cal-check" aria-labelledby={`${id}-title`}>
      <header className="cal-panel-head">
        <h3 id={`${id}-title`} className="cal-panel-title">
          Predict
        </h3>
        <span className="cal-muted cal-small">{check.reveal ? 'Choose an answer; the lab then starts over in this situation and runs it.' : 'Choose an answer.'}</span>
      </header>
      <fieldset className="cal-choices" disabled={committed !== null}>
        <legend className="cal-check-prompt">{check.prompt}</legend>
        {check.choices.map((option) => (
          <label key={option} className={`cal-choice${committed && option === check.answer && revealed ? ' is-answer' : ''}`}>
            <input type="radio" name={`${id}-choice`} value={option} checked={choice === option} onChange={() => setChoice(option)} />
            <span>{option}</span>
          </label>
        ))}
      </fieldset>
      {committed === null ? (
        <button type="button" className="cal-button cal-button-primary" disabled={choice === null} onClick={commit}>
          {check.reveal ? 'Commit and run' : 'Commit'}
        </button>
      ) : !revealed ? (
        <p className="cal-muted" role="status">
          {committed.reveal === null ? 'Loading what this run needs…' : playing ? 'Watch what happens…' : 'Paused before the run finished: press Play to see the rest.'}
        </p>
      ) : (
        <div className={`cal-verdict ${right ? 'is-right' : 'is-wrong'}`} role="status">
          <p className="cal-verdict-title">{right ? 'Right.' : `Not quite: you chose “${committed.choice}”; the answer is “${check.answer}”.`}</p>
          {outcome.words && <p className="cal-verdict-run">{outcome.words}</p>}
          {check.explain && <p>{check.explain}</p>}
          <button type="button" className="cal-button cal-button-quiet" onClick={() => { setCommitted(null); setChoice(null); setOutcome(null); }}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Reads per second at 40, Keys at 20 and Zipf exponent at 0": the kept options (or those of `names`) as the Options tab labels them. */
function keptText(keep: Readonly<Record<string, unknown>>, names: readonly string[] = Object.keys(keep)): string {
  // "Reads per second at 40", not "… at 40 per second": the label already says per second.
  const value = (name: string) => (name.endsWith('PerSec') ? formatCount(Number(keep[name])) : describeOptionValue(name, keep[name]));
  return joinAnd(names.map((name) => `${optionLabel(name)} at ${value(name)}`));
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * What a challenge is judged on, then the conditions: "Checked on the requests your last “Burst of 50”
 * started, once they have all finished: database reads exactly 1 and reads at least 50." A `since`
 * action (changing an option, which has no button to quote) counts everything from the learner's last
 * change, as the metrics panel's "since your change" does.
 */
function checkedText(check: Extract<CheckSpec, { kind: 'challenge' }>, requiredLabel: string): string {
  const since = check.requires !== undefined && judgedSince(check.requires);
  const scope = !check.requires ? 'Checked' : since ? 'Checked on everything since your last change' : `Checked on the requests your last “${requiredLabel}” started`;
  const kept = check.keep ? `, with ${keptText(check.keep)}` : '';
  const finished = check.requires && !since ? 'once they have all finished' : 'once every request has finished';
  return `${scope}${kept}, ${finished}: ${describeCondition(conditionsOf(check.condition))}.`;
}

/** One condition of a challenge with the value the window came to (null before any read). */
interface Judged {
  condition: CheckCondition;
  actual: number | null;
  holds: boolean;
}

/** A metric's value as the panel states it: a hit ratio as a percentage that never rounds up to the goal. */
function valueText({ condition, actual }: Judged): string {
  if (actual === null) return '—';
  return FRACTION_METRICS.includes(condition.metric) ? formatPercent(actual) : formatCount(actual);
}

/**
 * The run before it is judged: a lab with a steady workload never finishes (Play starts more
 * reads), so paused with requests in flight it says so rather than promise a finish.
 */
function underWay(playing: boolean, steady: boolean): string {
  if (playing) return 'Running…';
  return steady ? 'Paused with requests in flight; press Play to go on.' : 'Paused; press Play to finish.';
}

/** "Hit ratio so far: 45%; stale reads so far: 3" while the run is under way. */
function soFar(results: readonly Judged[]): string {
  return cap(results.map((r) => `${metricLabel(r.condition.metric)} so far: ${valueText(r)}`).join('; '));
}

/**
 * What the values came to; with several conditions, the ones that held come first and "but" names
 * the ones that did not: "hit ratio came to 99.8% but stale reads came to 156".
 */
function cameTo(results: readonly Judged[]): string {
  const said = (r: Judged) => `${metricLabel(r.condition.metric)} came to ${valueText(r)}`;
  const held = results.filter((r) => r.holds);
  const failed = results.filter((r) => !r.holds);
  return held.length > 0 && failed.length > 0 ? `${joinAnd(held.map(said))} but ${joinAnd(failed.map(said))}` : joinAnd(results.map(said));
}

function ChallengeCheck({ check, onCheckPassed }: { check: Extract<CheckSpec, { kind: 'challenge' }>; onCheckPassed?: () => void }) {
  const id = useId();
  const snapshot = useSnapshot();
  const trace = useLabStore((s) => s.trace);
  const index = Math.min(useLabStore((s) => s.cursor.index), trace.length);
  const conditions = conditionsOf(check.condition);
  // The cursor's index moves only at events, so the window is recounted per event, not per frame.
  const result = useMemo(() => {
    const metrics = challengeMetrics(trace.events, check.requires, index);
    if (metrics === null) return { acted: false, served: false, judged: [] as Judged[] };
    const judged = conditionsOf(check.condition).map((condition): Judged => {
      const actual = metrics[condition.metric] ?? null;
      return { condition, actual, holds: actual !== null && compare(actual, condition.op, condition.value) };
    });
    return { acted: true, served: metrics.reads > 0 || metrics.dbWrites > 0, judged };
  }, [trace, index, check.requires, check.condition]);
  // Judged once the work the action started (requests, app tasks, messages) has all finished.
  const settled = (snapshot === null || workInFlight(snapshot) === 0) && result.served;
  // The required action's button as the lab shows it ("Burst of 50"), never its identifier.
  const options = useLabStore((s) => selectOptionsAtCursor(s));
  // An option the goal keeps, moved: the number is reached with another lever than the goal's.
  const moved = movedOptions(check.keep, options);
  // Every condition must hold: a perfect hit ratio with stale reads is not a pass.
  const holds = moved.length === 0 && result.judged.length === conditions.length && result.judged.every((r) => r.holds);
  const [passed, setPassed] = useState(false);
  useEffect(() => {
    if (result.acted && settled && holds) setPassed(true);
  }, [result.acted, settled, holds]);
  usePassedOnce(passed, onCheckPassed);
  const playing = useLabStore((s) => s.playback.playing);
  const defaultKey = useLabStore((s) => s.scenario?.defaultKey ?? 'user:1');
  const requiredLabel = check.requires ? buttonText(check.requires, { defaultKey, options }) : '';

  return (
    <section role="group" className="cal-panel cal-check" aria-labelledby={`${id}-title`}>
      <header className="cal-panel-head">
        <h3 id={`${id}-title`} className="cal-panel-title">
          Challenge
        </h3>
        {passed && <span className="cal-pass-badge">Passed</span>}
      </header>
      <p className="cal-check-prompt">{check.goal}</p>
      <p className="cal-small cal-muted">{checkedText(check, requiredLabel)}</p>
      <p className="cal-check-status" role="status">
        {/* The badge stays once earned; the sentence always describes the latest attempt. */}
        {!result.acted
          ? passed
            ? 'You did it.'
            : check.requires && judgedSince(check.requires)
              ? `Not yet: ${lowerFirst(requiredLabel)} first.`
              : `Not yet: use “${requiredLabel}” first.`
          : moved.length > 0
            ? `${passed ? 'You passed earlier; this time' : 'Not yet:'} the challenge counts with ${keptText(check.keep!, moved)}; set ${moved.length === 1 ? 'it' : 'them'} back (the goal is reached another way).`
          : !settled
            ? `${underWay(playing, hasWorkload(options))} ${soFar(result.judged)}.`
            : holds
              ? 'You did it.'
              : passed
                ? `You passed earlier; this time ${cameTo(result.judged)}.`
                : `Not yet: ${cameTo(result.judged)}.`}
      </p>
      {check.hint && (
        <details className="cal-disclosure">
          <summary>Hint</summary>
          <p>{check.hint}</p>
        </details>
      )}
      {check.solution && (
        <details className="cal-disclosure">
          <summary>Solution</summary>
          <p>{check.solution}</p>
        </details>
      )}
    </section>
  );
}
