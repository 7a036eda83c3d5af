/** What the custom element and the iframe page share: a lab store opened from a link, its view, and commands. */
// From their own modules, not the folder's index: the index also exports LabCompare, whose imports
// (the check judging code) would then be bundled into every embed's first load.
import { Lab } from '../components/lab/Lab.tsx';
import { lazyPanel } from '../components/lab/lazyPanel.tsx';
import { useLabEngaged } from '../components/lab/engagement.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { createLabStore, type LabStore } from '../store/index.ts';
import { carriesRun, type DecodedShare } from '../share/link-fields.ts';
import { openAsIs, shareConfig, type LinkRestore } from '../share/restore-status.ts';
import { LinkStatus } from '../share/ShareNotes.tsx';
import type { EmbedLocation } from '../share/snippets.ts';
import type { LabCommand } from './protocol.ts';
import { isOptionName } from '../scenarios/options.ts';

export interface OpenedLab {
  readonly store: LabStore;
  /** What the link asked for that the lab does not use (more come from `restore` when it ends). */
  readonly notes: readonly string[];
  /** The link's run being rebuilt in slices. */
  readonly restore: LinkRestore;
}

/** The code a link that carries a run needs: the action codec and the replay (`link-run.ts`). */
export type LinkRun = typeof import('./link-run.ts');

let linkRun: Promise<LinkRun> | null = null;
function loadLinkRun(): Promise<LinkRun> {
  return (linkRun ??= import('./link-run.ts').catch((error: unknown) => {
    // Offline for a moment: the next link tries again.
    linkRun = null;
    throw error;
  }));
}

/** A link read for opening: its fields, and the replay code when it carries a run (else null). */
export interface ReadLink<T extends DecodedShare = DecodedShare> {
  readonly decoded: T;
  readonly run: LinkRun | null;
}

/**
 * Reads a link: a plain one (scenario and options) at once with `plain`, one that carries a run
 * (actions, a moment) with `full` once the replay code has loaded. If that code cannot load, the
 * lab opens at the start and a note says so.
 */
export async function readLink<T extends DecodedShare>(query: URLSearchParams, plain: () => T, full: (run: LinkRun) => T): Promise<ReadLink<T>> {
  if (!carriesRun(query)) return { decoded: plain(), run: null };
  try {
    const run = await loadLinkRun();
    return { decoded: full(run), run };
  } catch (error) {
    const decoded = plain();
    const note = `actions/event/time: the code that replays a link could not be loaded (${error instanceof Error ? error.message : String(error)}); the lab opens at the start`;
    return { decoded: { ...decoded, notes: [...decoded.notes, note] }, run: null };
  }
}

/** A fresh store in the state a (validated) link describes, its run being rebuilt when it carries one. */
export function openLab({ decoded, run }: ReadLink): OpenedLab {
  const store = createLabStore({ ...shareConfig(decoded.state), engine: defaultEngine });
  const notes = [...decoded.notes, ...store.getState().optionMessages];
  return { store, notes, restore: run ? run.restoreShareState(store, decoded.state) : openAsIs(store) };
}

/** Calls `done` with every note once the link's run is rebuilt (at once when it already is). */
export function whenRestored(lab: OpenedLab, done: (notes: readonly string[]) => void): () => void {
  const check = () => {
    const status = lab.restore.getStatus();
    if (status.phase === 'running') return false;
    done([...lab.notes, ...status.notes]);
    return true;
  };
  if (check()) return () => {};
  const stop = lab.restore.subscribe(() => {
    if (check()) stop();
  });
  return stop;
}

/** Runs one command on a lab; a message when it could not be done. */
export function runCommand(store: LabStore, command: LabCommand): string | null {
  const lab = store.getState();
  switch (command.type) {
    case 'play':
      lab.play();
      return null;
    case 'pause':
      lab.pause();
      return null;
    case 'step':
      lab.step(command.direction);
      return null;
    case 'reset':
      lab.reset();
      return null;
    case 'setOption':
      // The name comes from another window: only a known option reaches the lab.
      return isOptionName(command.name) ? lab.setOption(command.name, command.value) : `${command.name}: unknown option; ignored`;
    case 'hello':
      return null;
  }
}

export interface EmbeddedLabProps extends OpenedLab {
  /** Where the embed script and the iframe page live: Share links to the iframe page, Embed shows snippets for both. */
  embed: EmbedLocation;
  /** The lab's heading (and accessible name); the scenario's title when absent. */
  label?: string | null;
}

/** The Share and Embed buttons as they look before their code has loaded (both: every embed has an embed location). */
function ShareButtonsPlaceholder() {
  return (
    <div className="cal-share" data-no-shortcuts>
      <div className="cal-share-buttons">
        <button type="button" className="cal-button">
          Share
        </button>
        <button type="button" className="cal-button">
          Embed
        </button>
      </div>
    </div>
  );
}

// A link is the iframe page with the lab's state in its hash; writing it (the action codec) loads with the controls.
const ShareControls = lazyPanel<{ embed: EmbedLocation }>(
  () =>
    Promise.all([import('../share/ShareControls.tsx'), import('../share/link.ts')]).then(
      ([{ ShareControls: Controls }, { embedHash }]) =>
        ({ embed }: { embed: EmbedLocation }) => <Controls link={(state) => `${embed.frameUrl}${embedHash(state)}`} embed={embed} />,
    ),
  <ShareButtonsPlaceholder />,
);

// Share and Embed are used after a learner has tried the lab, so their code waits for engagement.
function ShareToolbar({ embed }: { embed: EmbedLocation }) {
  const engaged = useLabEngaged();
  return engaged ? <ShareControls embed={embed} /> : <ShareButtonsPlaceholder />;
}

export function EmbeddedLab({ store, notes, restore, embed, label }: EmbeddedLabProps) {
  return (
    <>
      <LinkStatus notes={notes} restore={restore} />
      <Lab scenario={store.getState().scenarioId} store={store} {...(label ? { title: label } : {})} toolbar={<ShareToolbar embed={embed} />} deferUntilEngaged />
    </>
  );
}
