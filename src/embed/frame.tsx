/**
 * The iframe page: `frame.html#/embed/<scenario>?<options>` renders just the lab, reports its
 * height to the parent and obeys its commands (docs/embedding.md has the protocol).
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { carriesRun, decodeLinkFields, parseEmbedHashWith, type EmbedRoute } from '../share/link-fields.ts';
import { connectParent } from './bridge.ts';
import { watchLabEvents } from './events.ts';
import { EmbeddedLab, openLab, readLink, runCommand, whenRestored, type ReadLink, type OpenedLab } from './mount.tsx';
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

/** The route's fields without its action list: enough for a plain link, and for the query of any. */
const readRoute = (hash: string): EmbedRoute => parseEmbedHashWith(decodeLinkFields, hash);

// The parent's origin is fixed for the life of the page: later hash changes cannot widen it.
const first = readRoute(window.location.hash);
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

/** Counts opens, so a route whose code arrives after a newer hash is dropped. */
let opening = 0;

function open() {
  const version = ++opening;
  const hash = window.location.hash;
  const route = readRoute(hash);
  const scenario = route.state.scenario;
  if (scenarioPrepared(scenario) && !carriesRun(route.query)) {
    show({ decoded: route, run: null });
    return;
  }
  // A link with actions or a moment loads its replay; lesson 15's scenario its code (a failed load
  // opens the lab, which says why it cannot start).
  void Promise.all([readLink(route.query, () => route, (run) => run.parseEmbedHash(hash)), prepareScenario(scenario, loadCommands).catch(() => undefined)]).then(([read]) => {
    if (version === opening) show(read);
  });
}

function show({ decoded: route, run }: ReadLink<EmbedRoute>) {
  applyTheme(route.query.get('theme'));
  stopEvents?.();
  stopRestoreWatch?.();
  lab?.restore.cancel();
  readyNotes = null;
  root?.unmount();
  lab = openLab({ decoded: route, run });
  lab = { ...lab, notes: [...originNote, ...lab.notes] };
  const opened = lab;
  stopEvents = watchLabEvents(opened.store, (event) => bridge.post(event));
  root = createRoot(rootElement);
  root.render(
    <StrictMode>
      <EmbeddedLab {...opened} embed={location} />
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
