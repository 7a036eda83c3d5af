import { useId, useState } from 'react';
import type { LearnerAction } from '../../scenarios/types.ts';
import { MAX_BURST, MAX_QUERY_MS, actionSpec, actionSpecs } from '../../scenarios/actions.ts';
import { selectOptionsAtCursor, useLabStore } from '../../store/index.ts';
import { useSnapshot } from './hooks.ts';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';

// Lesson 14's controls: only its lab offers them, so they stay out of every other lab's first load.
const DataTypeActions = lazyPanel(() => import('./DataTypeActions.tsx').then((m) => m.DataTypeActions), <PanelPlaceholder label="the product and tag actions" minHeight={96} />);

/** Loads lesson 14's controls now (a lesson page loads a lab whole: see preloadFirstPaint in Lab.tsx). */
export const preloadActionParts = (): Promise<void> => DataTypeActions.preload();

const BURST_MIN = 1;
const BURST_MAX = MAX_BURST;
/** What a control is called: the registry's label (src/scenarios/actions.ts). */
const label = (type: keyof typeof actionSpecs): string => actionSpecs[type].label;
/** A button that shows its action's fields, in the registry's words (the same text a challenge's hint names). */
const button = (action: LearnerAction): string => actionSpec(action.type).button?.(action as never) ?? label(action.type);
/** The query time of the "Slow read" button. */
const SLOW_READ_MS = 300;

export interface ActionsPanelProps {
  /** Only these actions (in a side-by-side pair: those both sides take at once); no scripts then. */
  only?: readonly string[];
  /** Where an action goes instead of this lab's store (a pair sends it to both sides). */
  onAct?: (action: LearnerAction) => void;
  title?: string;
}

/** Buttons for the actions this scenario offers. */
export function ActionsPanel({ only, onAct, title = 'Actions' }: ActionsPanelProps = {}) {
  const id = useId();
  const scenario = useLabStore((s) => s.scenario);
  const act = useLabStore((s) => s.act);
  const disabled = useLabStore((s) => !s.running);
  const burstDefault = Number(useLabStore((s) => selectOptionsAtCursor(s).burstSize ?? 50));
  const snapshot = useSnapshot();
  const [key, setKey] = useState(scenario?.defaultKey ?? 'user:1');
  // The field follows the Burst size option until the learner types their own number; a new
  // option value replaces what was typed, so the option always drives the button.
  const [typed, setTyped] = useState<{ text: string; option: number } | null>(null);
  const burst = typed !== null && typed.option === burstDefault ? typed.text : String(burstDefault);
  const setBurst = (text: string) => setTyped({ text, option: burstDefault });
  const [slowMs, setSlowMs] = useState('500');
  const [pattern, setPattern] = useState(() => (scenario?.defaultKey ?? 'user:1').replace(/:[^:]*$/, ':*'));
  const runScript = useLabStore((s) => s.runScript);
  if (!scenario) return null;

  const offered = new Set<string>(only ? scenario.actions.filter((action) => only.includes(action)) : scenario.actions);
  const burstCount = Number(burst);
  const burstError =
    burst.trim() === '' || !Number.isInteger(burstCount) || burstCount < BURST_MIN || burstCount > BURST_MAX ? `Enter a whole number from ${BURST_MIN} to ${BURST_MAX}.` : null;
  const slow = Number(slowMs);
  const slowError = !Number.isInteger(slow) || slow < 1 || slow > MAX_QUERY_MS ? `Enter 1 to ${MAX_QUERY_MS} ms.` : null;
  const redisUp = snapshot?.redisUp ?? true;
  const run = (action: LearnerAction) => (onAct ?? act)(action);
  const keyValid = key.trim() !== '';

  return (
    <section role="group" className="cal-panel cal-actions" aria-labelledby={`${id}-title`}>
      <header className="cal-panel-head">
        <h3 id={`${id}-title`} className="cal-panel-title">
          {title}
        </h3>
      </header>
      {(offered.has('read') || offered.has('write') || offered.has('burst')) && (
        <div className="cal-field-row">
          <label className="cal-field">
            <span className="cal-field-label">Key</span>
            <input className="cal-input cal-mono" value={key} onChange={(event) => setKey(event.currentTarget.value)} spellCheck={false} autoComplete="off" />
          </label>
        </div>
      )}
      <div className="cal-action-grid">
        {offered.has('read') && (
          <button type="button" className="cal-button cal-button-primary" disabled={disabled || !keyValid} onClick={() => run({ type: 'read', key: key.trim() })}>
            {key.trim() ? button({ type: 'read', key: key.trim() }) : label('read')}
          </button>
        )}
        {offered.has('readMissing') && (
          <button type="button" className="cal-button" disabled={disabled} onClick={() => run({ type: 'readMissing' })}>
            {label('readMissing')}
          </button>
        )}
        {offered.has('write') && (
          <button type="button" className="cal-button" disabled={disabled || !keyValid} onClick={() => run({ type: 'write', key: key.trim() })}>
            {label('write')}
          </button>
        )}
        {offered.has('flushCache') && (
          <button type="button" className="cal-button" disabled={disabled} onClick={() => run({ type: 'flushCache' })}>
            {label('flushCache')}
          </button>
        )}
        {offered.has('slowRead') && (
          <button type="button" className="cal-button" disabled={disabled || !keyValid} onClick={() => run({ type: 'slowRead', key: key.trim(), dbLatencyMs: SLOW_READ_MS })}>
            {button({ type: 'slowRead', key: key.trim() || 'a key', dbLatencyMs: SLOW_READ_MS })}
          </button>
        )}
        {Object.entries(only ? {} : (scenario.scripts ?? {})).map(([name, script]) => (
          <button key={name} type="button" className="cal-button" disabled={disabled} onClick={() => runScript(script)}>
            Run the {name.replace(/-/g, ' ')}
          </button>
        ))}
        {(offered.has('redisDown') || offered.has('redisUp')) &&
          (redisUp ? (
            <button type="button" className="cal-button cal-button-danger" disabled={disabled} onClick={() => run({ type: 'redisDown' })}>
              {label('redisDown')}
            </button>
          ) : (
            <button type="button" className="cal-button" disabled={disabled} onClick={() => run({ type: 'redisUp' })}>
              {label('redisUp')}
            </button>
          ))}
      </div>
      {offered.has('viewProduct') && <DataTypeActions />}
      {offered.has('scanStep') && (
        <div className="cal-field-row">
          <label className="cal-field">
            <span className="cal-field-label">Pattern</span>
            <input className="cal-input cal-mono" value={pattern} onChange={(event) => setPattern(event.currentTarget.value)} spellCheck={false} autoComplete="off" />
          </label>
          <button type="button" className="cal-button cal-button-primary" disabled={disabled || pattern.trim() === ''} onClick={() => run({ type: 'scanStep', pattern: pattern.trim(), count: 3, deleteMatches: true })}>
            SCAN step (COUNT 3) and delete
          </button>
        </div>
      )}
      {offered.has('burst') && (
        <div className="cal-field-row">
          <label className="cal-field cal-field-narrow">
            <span className="cal-field-label">Readers</span>
            <input
              className="cal-input"
              type="number"
              inputMode="numeric"
              min={BURST_MIN}
              max={BURST_MAX}
              value={burst}
              aria-invalid={burstError !== null}
              aria-describedby={burstError ? `${id}-burst-error` : undefined}
              onChange={(event) => setBurst(event.currentTarget.value)}
            />
          </label>
          <button type="button" className="cal-button cal-button-primary" disabled={disabled || burstError !== null || !keyValid} onClick={() => run({ type: 'burst', key: key.trim(), count: burstCount })}>
            {burstError ? 'Burst of N' : button({ type: 'burst', key: key.trim(), count: burstCount })}
          </button>
          {burstError && (
            <p id={`${id}-burst-error`} className="cal-field-error">
              {burstError}
            </p>
          )}
        </div>
      )}
      {(offered.has('dbSlow') || offered.has('dbNormal')) && (
        <div className="cal-field-row">
          <label className="cal-field cal-field-narrow">
            <span className="cal-field-label">Slowed query time (ms)</span>
            <input
              className="cal-input"
              type="number"
              min={1}
              max={MAX_QUERY_MS}
              value={slowMs}
              aria-invalid={slowError !== null}
              aria-describedby={slowError ? `${id}-slow-error` : undefined}
              onChange={(event) => setSlowMs(event.currentTarget.value)}
            />
          </label>
          <button type="button" className="cal-button" disabled={disabled || slowError !== null} onClick={() => run({ type: 'dbSlow', latencyMs: slow })}>
            {label('dbSlow')}
          </button>
          <button type="button" className="cal-button cal-button-quiet" disabled={disabled} onClick={() => run({ type: 'dbNormal' })}>
            {label('dbNormal')}
          </button>
          {slowError && (
            <p id={`${id}-slow-error`} className="cal-field-error">
              {slowError}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
