import { useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { formatReply } from '../../redis/cli/format.ts';
import type { RespValue } from '../../redis/resp.ts';
import { RedisConsole, type ConsoleResult } from '../console/RedisConsole.tsx';
import { CodePanel } from '../code/CodePanel.tsx';
import { visibleLines, strategies, writeSource } from '../../scenarios/strategies/index.ts';
import { selectOptionsAtCursor, useLabStore, useLabStoreApi, type LabPanel } from '../../store/index.ts';
import { OptionsForm } from './OptionsForm.tsx';
import { CommandLog, QueryLog } from '../logs/index.ts';
import { SequenceDiagram } from '../../diagrams/index.ts';
import type { TraceEvent } from '../../engine/trace.ts';

const TABS: { id: LabPanel; label: string }[] = [
  { id: 'console', label: 'Console' },
  { id: 'code', label: 'Code' },
  { id: 'logs', label: 'Log' },
  { id: 'sequence', label: 'Sequence' },
  { id: 'options', label: 'Options' },
];

/** The console, the running code, the command log and the options, as ARIA tabs. */
export function LabTabs() {
  const id = useId();
  const panel = useLabStore((s) => s.panel);
  const setPanel = useLabStore((s) => s.setPanel);
  const refs = useRef(new Map<LabPanel, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = TABS.findIndex((tab) => tab.id === panel);
    let next = -1;
    if (event.key === 'ArrowRight') next = (at + 1) % TABS.length;
    if (event.key === 'ArrowLeft') next = (at - 1 + TABS.length) % TABS.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    event.preventDefault();
    event.stopPropagation();
    setPanel(TABS[next]!.id);
    refs.current.get(TABS[next]!.id)?.focus();
  };

  return (
    <div className="cal-tabs">
      <div role="tablist" aria-label="Lab panels" className="cal-tablist">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(node) => {
              if (node) refs.current.set(tab.id, node);
            }}
            type="button"
            role="tab"
            id={`${id}-${tab.id}-tab`}
            aria-selected={panel === tab.id}
            aria-controls={`${id}-${tab.id}-panel`}
            tabIndex={panel === tab.id ? 0 : -1}
            className="cal-tab"
            onClick={() => setPanel(tab.id)}
            onKeyDown={onKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${panel}-panel`} aria-labelledby={`${id}-${panel}-tab`} className="cal-tabpanel" tabIndex={0}>
        {panel === 'console' && <LabConsole />}
        {panel === 'code' && <LabCode />}
        {panel === 'logs' && <LabLogs />}
        {panel === 'sequence' && <LabSequence />}
        {panel === 'options' && <OptionsForm />}
      </div>
    </div>
  );
}

/** What the console prints for the last console line: its reply, as redis-cli would. */
export function consoleResult(trace: readonly TraceEvent[], line: string): ConsoleResult {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type !== 'console' || event.line !== line) continue;
    if (event.error) return { output: `(error) ${event.error}`, isError: true };
    for (let j = i + 1; j < trace.length; j++) {
      const reply = trace[j]!;
      if ((reply.type === 'redis.reply' || reply.type === 'redis.executed') && reply.commandId === event.commandId) {
        return { output: formatReply(reply.reply as RespValue).replace(/\n$/, ''), isError: reply.reply.type === 'error' };
      }
      if (reply.type === 'redis.error' && reply.commandId === event.commandId) return { output: `(error) ${reply.message}`, isError: true };
    }
    break;
  }
  return { output: '(no reply)', isError: true };
}

function LabConsole() {
  const store = useLabStoreApi();
  const available = useLabStore((s) => s.sim !== null);
  if (!available) return <p className="cal-muted">The console needs a running simulation.</p>;
  return (
    <RedisConsole
      label="Redis console for this lab"
      greeting="Type a command, e.g. GET user:1 or TTL user:1. It runs at the cursor's moment."
      onSubmit={(line) => {
        store.getState().console(line);
        return consoleResult(store.getState().trace, line);
      }}
    />
  );
}

function LabCode() {
  const { strategy, nullTtlMs, jitterMs } = useLabStore((s) => {
    const options = selectOptionsAtCursor(s);
    return { strategy: String(options.strategy ?? 'plain'), nullTtlMs: Number(options.nullTtlMs ?? 0), jitterMs: Number(options.jitterMs ?? 0) };
  });
  const active = useLabStore((s) => {
    for (let i = Math.min(s.cursor.index, s.traceLength) - 1; i >= 0; i--) {
      const event = s.trace[i]!;
      if (event.type === 'code.line' && (s.selectedRequest === null || event.requestId === s.selectedRequest)) return { lineId: event.lineId, strategy: event.strategy };
    }
    return null;
  });
  const shown = active?.strategy ?? strategy;
  const source = shown === 'write' ? writeSource : (strategies[shown as keyof typeof strategies] ?? strategies.plain).source;
  const flags = { nullTtlMs, jitterMs };
  const sources = { ts: visibleLines(source.ts, flags), python: visibleLines(source.python, flags) };
  const title = shown === 'write' ? 'Write then invalidate' : (strategies[shown as keyof typeof strategies] ?? strategies.plain).title;
  return <CodePanel sources={sources} activeLineId={active?.lineId ?? null} label={title} />;
}

function LabLogs() {
  const { trace, index } = useLabStore((s) => ({ trace: s.trace, index: Math.min(s.cursor.index, s.traceLength) }));
  // The logs memoize on the trace array, which grows in place; a copy per length keeps them current.
  const traceLength = useLabStore((s) => s.traceLength);
  const snapshot = useMemo(() => trace.slice(0, traceLength), [trace, traceLength]);
  const store = useLabStoreApi();
  const select = (seq: number) => {
    const event = trace[seq];
    const requestId = event && 'requestId' in event ? (event.requestId ?? null) : null;
    store.getState().selectRequest(typeof requestId === 'number' ? requestId : null);
    store.getState().seekIndex(seq + 1);
  };
  return (
    <div className="cal-logs">
      <CommandLog trace={snapshot} cursorIndex={index} onSelect={select} height={220} />
      <QueryLog trace={snapshot} cursorIndex={index} onSelect={select} height={220} />
    </div>
  );
}

/** The request to draw: the one chosen in the log, else the latest that has started by the cursor. */
function LabSequence() {
  const { trace, traceLength, requestId } = useLabStore((s) => {
    let requestId = s.selectedRequest;
    if (requestId === null) {
      for (let i = Math.min(s.cursor.index, s.traceLength) - 1; i >= 0; i--) {
        const event = s.trace[i]!;
        if (event.type === 'request.arrived') {
          requestId = event.requestId;
          break;
        }
      }
    }
    return { trace: s.trace, traceLength: s.traceLength, requestId };
  });
  const previous = useRef<readonly TraceEvent[]>([]);
  const events = useMemo(() => {
    if (requestId === null) return [];
    const mine = trace.slice(0, traceLength).filter((event) => 'requestId' in event && event.requestId === requestId);
    // Same events as last time: keep the array, so the diagram is not drawn again.
    if (mine.length === previous.current.length && mine[0] === previous.current[0]) return previous.current;
    previous.current = mine;
    return mine;
  }, [trace, traceLength, requestId]);
  if (requestId === null || events.length === 0) return <p className="cal-muted">No request yet. Run one, or choose a command in the log.</p>;
  return <SequenceDiagram events={events} title={`Sequence of request ${requestId}`} />;
}
