/**
 * The iframe page: `frame.html#/embed/<scenario>?<options>` renders just the lab, reports its
 * height to the parent and obeys its commands (docs/embedding.md has the protocol).
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { embedHash, parseEmbedHash } from '../share/link.ts';
import { connectParent } from './bridge.ts';
import { watchLabEvents } from './events.ts';
import { EmbeddedLab, openLab, runCommand, whenRestored, type OpenedLab } from './mount.tsx';
import { OriginGate, parseOriginOption } from './protocol.ts';
import { adoptEmbedCss } from './styles.ts';
import { prepareScenario, scenarioPrepared } from '../scenarios/registry.ts';
import { loadCommands } from '../redis/index.ts';

const FRAME_CSS = `
html, body { margin: 0; background: transparent; }
body { padding: 1px; }
`;

const here = new URL('./', document.baseURI);
const location = { scriptUrl: new URL('cache-aside-lab.js', here).href, frameUrl: new URL('frame.html', here).href };

adoptEmbedCss(document, FRAME_CSS);

const rootElement = document.getElementById('root')!;
let root: Root | null = null;
let lab: OpenedLab | null = null;
let stopEvents: (() => void) | null = null;
let stopRestoreWatch: (() => void) | null = null;
/** All notes once the link's run is rebuilt; until then the parent hears `ready` later. */
let readyNotes: readonly string[] | null = null;

// The parent's origin is fixed for the life of the page: later hash changes cannot widen it.
const first = parseEmbedHash(window.location.hash);
const originText = first.query.get('parentOrigin');
const allowed = parseOriginOption(originText);
const gate = new OriginGate(allowed);
const originNote = originText !== null && allowed === null ? [`parentOrigin: ${JSON.stringify(originText.slice(0, 60))} is not an origin like https://example.com; only the first page that talks to this lab is heard`] : [];

const bridge = connectParent(window, gate, (command) => {
  if (!lab) return;
  if (command.type === 'hello') {
    if (readyNotes) bridge.post({ type: 'ready', scenario: lab.store.getState().scenarioId, notes: readyNotes });
    lastHeight = -1;
    postHeight();
    return;
  }
  const problem = runCommand(lab.store, command);
  if (problem) bridge.post({ type: 'error', command: command.type, message: problem });
});

function applyTheme(theme: string | null) {
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  else document.documentElement.removeAttribute('data-theme');
}

function open(prepared = false) {
  const route = parseEmbedHash(window.location.hash);
  const scenario = route.state.scenario;
  if (!prepared && !scenarioPrepared(scenario)) {
    // Lesson 15's scenario loads its code first; a failed load opens the lab, which says why it cannot start.
    const retry = () => open(true);
    prepareScenario(scenario, loadCommands).then(retry, retry);
    return;
  }
  applyTheme(route.query.get('theme'));
  stopEvents?.();
  stopRestoreWatch?.();
  lab?.restore.cancel();
  readyNotes = null;
  root?.unmount();
  lab = openLab(route);
  lab = { ...lab, notes: [...originNote, ...lab.notes] };
  const opened = lab;
  stopEvents = watchLabEvents(opened.store, (event) => bridge.post(event));
  root = createRoot(rootElement);
  root.render(
    <StrictMode>
      <EmbeddedLab {...opened} link={(state) => `${location.frameUrl}${embedHash(state)}`} embed={location} />
    </StrictMode>,
  );
  document.title = `${opened.store.getState().scenario?.title ?? 'Lab'} · Cache-Aside Lab`;
  stopRestoreWatch = whenRestored(opened, (notes) => {
    readyNotes = notes;
    bridge.post({ type: 'ready', scenario: opened.store.getState().scenarioId, notes });
  });
}

let lastHeight = -1;
function postHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  bridge.post({ type: 'resize', height });
}
new ResizeObserver(postHeight).observe(document.documentElement);

window.addEventListener('hashchange', () => open());
open();
