import { useId, useRef, type KeyboardEvent } from 'react';
import { formatReply } from '../../redis/cli/format.ts';
import type { RespValue } from '../../redis/resp.ts';
import { RedisConsole, type ConsoleResult } from '../console/RedisConsole.tsx';
import { useLabStore, useLabStoreApi, type LabPanel } from '../../store/index.ts';
import type { TraceEvent } from '../../engine/trace.ts';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';

// Panels hidden at first load on demand (the console, shown first, stays in the lab's chunk).
const LabCode = lazyPanel(() => import('./panels/CodeTab.tsx').then((m) => m.LabCode), <PanelPlaceholder label="the code" minHeight={320} />);
const LabLogs = lazyPanel(() => import('./panels/LogsTab.tsx').then((m) => m.LabLogs), <PanelPlaceholder label="the logs" minHeight={260} />);
const LabSequence = lazyPanel(() => import('./panels/SequenceTab.tsx').then((m) => m.LabSequence), <PanelPlaceholder label="the sequence diagram" minHeight={320} />);
const LabOptions = lazyPanel(() => import('./OptionsForm.tsx').then((m) => m.OptionsForm), <PanelPlaceholder label="the options" minHeight={260} />);

const LAZY_PANELS: Partial<Record<LabPanel, { preload(): Promise<void> }>> = { code: LabCode, logs: LabLogs, sequence: LabSequence, options: LabOptions };

/** Loads every tab's code now: for tests, and for a learner's first pointer or focus on the tab list. */
export function preloadLabTabs(): Promise<void> {
  return Promise.all(Object.values(LAZY_PANELS).map((panel) => panel.preload())).then(() => undefined);
}

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
            // Pointing at or focusing a tab is intent enough to fetch its code before the click.
            onPointerEnter={() => void LAZY_PANELS[tab.id]?.preload().catch(() => undefined)}
            onFocus={() => void LAZY_PANELS[tab.id]?.preload().catch(() => undefined)}
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
        {panel === 'options' && <LabOptions />}
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
