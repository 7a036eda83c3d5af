import { useId, useRef, type KeyboardEvent } from 'react';
import { useLabStore, type LabPanel } from '../../store/index.ts';
import { useLabEngaged } from './engagement.ts';
import { lazyPanel, PanelPlaceholder } from './lazyPanel.tsx';

/** What the console takes before it has loaded: its greeting, a few lines and the prompt. */
const CONSOLE_HEIGHT = 192;

// Every panel's code loads on demand; the console, shown first, as soon as the lab is engaged.
const LabConsole = lazyPanel(() => import('./panels/ConsoleTab.tsx').then((m) => m.LabConsole), <PanelPlaceholder label="the console" minHeight={CONSOLE_HEIGHT} />);
const LabLogs = lazyPanel(() => import('./panels/LogsTab.tsx').then((m) => m.LabLogs), <PanelPlaceholder label="the logs" minHeight={260} />);
const LabSequence = lazyPanel(() => import('./panels/SequenceTab.tsx').then((m) => m.LabSequence), <PanelPlaceholder label="the sequence diagram" minHeight={320} />);
const LabOptions = lazyPanel(() => import('./OptionsForm.tsx').then((m) => m.OptionsForm), <PanelPlaceholder label="the options" minHeight={260} />);

const LAZY_PANELS: Record<LabPanel, { preload(): Promise<void> }> = { console: LabConsole, logs: LabLogs, sequence: LabSequence, options: LabOptions };

/** Loads every tab's code now: for tests, and for a learner's first pointer or focus on the tab list. */
export function preloadLabTabs(): Promise<void> {
  return Promise.all(Object.values(LAZY_PANELS).map((panel) => panel.preload())).then(() => undefined);
}

const TABS: { id: LabPanel; label: string }[] = [
  { id: 'console', label: 'Console' },
  { id: 'logs', label: 'Log' },
  { id: 'sequence', label: 'Sequence' },
  { id: 'options', label: 'Options' },
];

/** The console, the command log, the sequence diagram and the options, as ARIA tabs (the code sits beside the flow). */
export function LabTabs() {
  const id = useId();
  const panel = useLabStore((s) => s.panel);
  const setPanel = useLabStore((s) => s.setPanel);
  const refs = useRef(new Map<LabPanel, HTMLButtonElement>());
  const engaged = useLabEngaged();

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
            onPointerEnter={() => void LAZY_PANELS[tab.id].preload().catch(() => undefined)}
            onFocus={() => void LAZY_PANELS[tab.id].preload().catch(() => undefined)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${panel}-panel`} aria-labelledby={`${id}-${panel}-tab`} className="cal-tabpanel" tabIndex={0}>
        {panel === 'console' &&
          (engaged ? <LabConsole /> : <PanelPlaceholder label="the console" minHeight={CONSOLE_HEIGHT} waiting="The Redis console loads when you point at or tab into this lab." />)}
        {panel === 'logs' && <LabLogs />}
        {panel === 'sequence' && <LabSequence />}
        {panel === 'options' && <LabOptions />}
      </div>
    </div>
  );
}
