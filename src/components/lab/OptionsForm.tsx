import { useId, useState } from 'react';
import { optionHelp } from '../../scenarios/option-help.ts';
import type { OptionName } from '../../scenarios/options.ts';
import type { OptionField } from '../../store/index.ts';
import { selectOptionsAtCursor, useLabStore } from '../../store/index.ts';
import { parseDecimal } from '../../scenarios/options.ts';
import './panels/panels.css';

/** The scenario's options as a form; a change applies at the cursor, out-of-range values are explained inline. */
export function OptionsForm() {
  const scenario = useLabStore((s) => s.scenario);
  const options = useLabStore(selectOptionsAtCursor);
  if (!scenario || scenario.fields.length === 0) return <p className="cal-muted">This lab has no options to change.</p>;
  return (
    <form className="cal-options" onSubmit={(event) => event.preventDefault()} aria-label="Options">
      {scenario.fields.map((field) => (
        <OptionInput key={field.name} field={field} value={options[field.name] ?? field.default} />
      ))}
    </form>
  );
}

function OptionInput({ field, value }: { field: OptionField; value: unknown }) {
  const id = useId();
  const setOption = useLabStore((s) => s.setOption);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = draft ?? String(value);

  const localError = (text: string): string | null => {
    if (field.type !== 'number') return null;
    const n = parseDecimal(text.trim());
    if (n === null || !Number.isFinite(n)) return `${field.label} must be a decimal number.`;
    if (field.min !== undefined && n < field.min) return `${field.label} must be at least ${field.min}${field.unit ? ` ${field.unit}` : ''}.`;
    if (field.max !== undefined && n > field.max) return `${field.label} must be at most ${field.max}${field.unit ? ` ${field.unit}` : ''}.`;
    return null;
  };

  const commit = (text: string) => {
    const problem = localError(text);
    if (problem) {
      setError(problem);
      return;
    }
    const next = field.type === 'number' ? parseDecimal(text.trim()) : text;
    if (next === value) {
      setDraft(null);
      setError(null);
      return;
    }
    const message = setOption(field.name, next);
    setError(message);
    if (!message) setDraft(null);
  };

  // The sentences load with this tab (option-help.ts); a fake engine may bring its own.
  const help = field.description ?? optionHelp[field.name as OptionName];
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className="cal-option">
      <label htmlFor={id} className="cal-field-label">
        {field.label}
        {field.unit ? <span className="cal-muted"> ({field.unit})</span> : null}
      </label>
      {field.type === 'select' ? (
        <select id={id} className="cal-input" value={shown} aria-describedby={describedBy} onChange={(event) => commit(event.currentTarget.value)}>
          {(field.choices ?? []).map((choice) => (
            <option key={choice} value={choice}>
              {field.choiceLabels?.[choice] ?? choice}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="cal-input"
          type="number"
          min={field.min}
          max={field.max}
          step={field.step ?? 'any'}
          value={shown}
          aria-invalid={error !== null}
          aria-describedby={describedBy}
          onChange={(event) => {
            const text = event.currentTarget.value;
            setDraft(text);
            setError(localError(text));
          }}
          onBlur={(event) => draft !== null && commit(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(event.currentTarget.value);
          }}
        />
      )}
      {help && (
        <p id={`${id}-help`} className="cal-field-help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="cal-field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
