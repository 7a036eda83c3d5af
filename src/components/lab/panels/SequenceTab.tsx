/**
 * The Sequence tab: any request as a sequence diagram, alone or with the requests on its key that
 * overlapped it (the stale-set race drawn as a whole). Mermaid loads when it draws; this tab's code
 * loads on first open.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { SequenceDiagram } from '../../../diagrams/index.ts';
import type { TraceEvent } from '../../../scenarios/events.ts';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import { requestActorName } from '../../../store/flow.ts';
import { drawsWriter } from '../flowGeometry.ts';
import { raceOf, recentRaces, recentRequests, type RequestSummary } from './requests.ts';
import './panels.css';

const label = (r: RequestSummary, writer: boolean) => `#${r.requestId} ${r.kind} ${r.key} (${requestActorName(r.kind, r.instance, writer)})`;

function raceLabel(ids: readonly number[], recent: readonly RequestSummary[]): string {
  const parts = ids.map((id) => recent.find((r) => r.requestId === id)).filter((r): r is RequestSummary => r !== undefined);
  return `${parts.map((r) => `#${r.requestId} ${r.kind}`).join(', ')} of ${parts[0]?.key ?? 'one key'}`;
}

export function LabSequence() {
  const id = useId();
  const store = useLabStoreApi();
  const { trace, index, selected } = useLabStore((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.trace.length), selected: s.selectedRequest }));
  // Named as the flow and the logs name them: a lab that draws a Writer shows its writes as the writer's.
  const writer = useLabStore((s) => drawsWriter(s.scenario?.actions));
  // Which requests to list changes only when one arrives, not on every event.
  const recent = recentRequests(trace.events, trace.length, index);
  const races = recentRaces(trace.events, trace.length, index);
  const [raceChoice, setRaceChoice] = useState<number | null>(null);
  const pickedRace = raceChoice === null ? undefined : races.find((race) => race.includes(raceChoice));
  const requestId = pickedRace ? raceChoice : (selected ?? recent[0]?.requestId ?? null);
  const race = pickedRace ?? (requestId === null ? [] : raceOf(trace.events, trace.length, index, requestId));
  const [together, setTogether] = useState<boolean | null>(null);
  // By default a request that raced with a write (or a write that raced with reads) is drawn with them.
  const kinds = new Set(race.map((r) => recent.find((x) => x.requestId === r)?.kind));
  const raceLike = race.length > 1 && kinds.has('write') && kinds.has('read');
  const showRace = race.length > 1 && (pickedRace !== undefined || (together ?? raceLike));
  const requests = showRace ? race : requestId === null ? [] : [requestId];

  const previous = useRef<{ ids: string; events: readonly TraceEvent[] }>({ ids: '', events: [] });
  const ids = requests.join(',');
  const events = useMemo(() => {
    const wanted = new Set(requests);
    const mine = trace.events.slice(0, index).filter((event) => 'requestId' in event && wanted.has(event.requestId as number));
    // Same events as last time: keep the array, so the diagram is not drawn again.
    if (previous.current.ids === ids && mine.length === previous.current.events.length) return previous.current.events;
    previous.current = { ids, events: mine };
    return mine;
    // `ids` stands for `requests`.
  }, [trace, index, ids]);

  if (requestId === null || recent.length === 0) return <p className="cal-muted">No request yet. Run one, or choose a command in the log.</p>;
  const chosen = recent.find((r) => r.requestId === requestId);
  return (
    <div className="cal-sequence">
      <div className="cal-field-row cal-sequence-controls">
        <label className="cal-field">
          <span className="cal-field-label">Request</span>
          <select
            id={`${id}-request`}
            className="cal-input"
            value={pickedRace ? `race:${raceChoice}` : selected === null ? 'latest' : String(selected)}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setTogether(null);
              if (value.startsWith('race:')) {
                setRaceChoice(Number(value.slice(5)));
                return;
              }
              setRaceChoice(null);
              store.getState().selectRequest(value === 'latest' ? null : Number(value));
            }}
          >
            <option value="latest">The latest{recent[0] ? `: ${label(recent[0], writer)}` : ''}</option>
            {races.length > 0 && (
              <optgroup label="Races: a write and the reads that overlapped it">
                {races.map((ids) => (
                  <option key={ids[0]} value={`race:${ids[0]}`}>
                    {raceLabel(ids, recent)}
                  </option>
                ))}
              </optgroup>
            )}
            {selected !== null && !recent.some((r) => r.requestId === selected) && <option value={String(selected)}>#{selected}</option>}
            <optgroup label="Requests, newest first">
            {recent.map((r) => (
              <option key={r.requestId} value={String(r.requestId)}>
                {label(r, writer)}
              </option>
            ))}
            </optgroup>
          </select>
        </label>
        <label className="cal-check-field">
          <input type="checkbox" checked={showRace} disabled={race.length < 2} onChange={(event) => setTogether(event.currentTarget.checked)} />
          {race.length < 2
            ? ' No other request on this key overlapped it'
            : ` With the ${race.length - 1} ${race.length === 2 ? 'request' : 'requests'} on ${chosen?.key ?? 'its key'} that overlapped it${raceLike ? ' (a race)' : ''}`}
        </label>
      </div>
      {/* Drawn at a readable size: on a phone it scrolls sideways instead of shrinking. */}
      <p className="cal-sequence-hint" aria-hidden="true">
        Scroll sideways to see the whole diagram →
      </p>
      <div className="cal-sequence-scroll" role="region" aria-label="Sequence diagram (scrolls sideways on a narrow screen)" tabIndex={0}>
        <SequenceDiagram
          events={events}
          requests={requests}
          writer={writer}
          title={showRace ? `Requests ${race.map((r) => `#${r}`).join(', ')} on ${chosen?.key ?? 'one key'}, drawn together` : `Sequence of request ${requestId}`}
        />
      </div>
    </div>
  );
}
