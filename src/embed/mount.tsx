/** What the custom element and the iframe page share: a lab store opened from a link, its view, and commands. */
// From their own modules, not the folder's index: the index also exports LabCompare, whose imports
// (the check judging code) would then be bundled into every embed's first load.
import { Lab } from '../components/lab/Lab.tsx';
import { lazyPanel } from '../components/lab/lazyPanel.tsx';
import { useLabEngaged } from '../components/lab/engagement.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { createLabStore, type LabStore } from '../store/index.ts';
import type { DecodedShare, ShareState } from '../share/link.ts';
import { restoreShareState, shareConfig, type LinkRestore } from '../share/restore.ts';
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

/** A fresh store in the state a (validated) link describes. */
export function openLab(decoded: DecodedShare): OpenedLab {
  const store = createLabStore({ ...shareConfig(decoded.state), engine: defaultEngine });
  const notes = [...decoded.notes, ...store.getState().optionMessages];
  return { store, notes, restore: restoreShareState(store, decoded.state) };
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
  link(state: ShareState): string;
  embed: EmbedLocation | null;
  /** The lab's heading (and accessible name); the scenario's title when absent. */
  label?: string | null;
}

/** The Share and Embed buttons as they look before their code has loaded. */
function ShareButtonsPlaceholder({ embed }: { embed: boolean }) {
  return (
    <div className="cal-share" data-no-shortcuts>
      <div className="cal-share-buttons">
        <button type="button" className="cal-button">
          Share
        </button>
        {embed && (
          <button type="button" className="cal-button">
            Embed
          </button>
        )}
      </div>
    </div>
  );
}

type ShareToolbarProps = Pick<EmbeddedLabProps, 'link' | 'embed'>;

// Both the element and the iframe page pass an embed location, so the placeholder shows both buttons.
const ShareControls = lazyPanel<ShareToolbarProps>(() => import('../share/ShareControls.tsx').then((m) => m.ShareControls), <ShareButtonsPlaceholder embed />);

// Share and Embed are used after a learner has tried the lab, so their code waits for engagement.
function ShareToolbar({ link, embed }: ShareToolbarProps) {
  const engaged = useLabEngaged();
  return engaged ? <ShareControls link={link} embed={embed} /> : <ShareButtonsPlaceholder embed={embed !== null} />;
}

export function EmbeddedLab({ store, notes, restore, link, embed, label }: EmbeddedLabProps) {
  return (
    <>
      <LinkStatus notes={notes} restore={restore} />
      <Lab scenario={store.getState().scenarioId} store={store} {...(label ? { title: label } : {})} toolbar={<ShareToolbar link={link} embed={embed} />} deferUntilEngaged />
    </>
  );
}
