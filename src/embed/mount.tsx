/** What the custom element and the iframe page share: a lab store opened from a link, its view, and commands. */
import { Lab } from '../components/lab/index.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { createLabStore, type LabStore } from '../store/index.ts';
import type { DecodedShare, ShareState } from '../share/link.ts';
import { restoreShareState, shareConfig } from '../share/restore.ts';
import { ShareControls } from '../share/ShareControls.tsx';
import { ShareNotes } from '../share/ShareNotes.tsx';
import type { EmbedLocation } from '../share/snippets.ts';
import type { LabCommand } from './protocol.ts';

export interface OpenedLab {
  readonly store: LabStore;
  /** What the link asked for that the lab does not use. */
  readonly notes: readonly string[];
}

/** A fresh store in the state a (validated) link describes. */
export function openLab(decoded: DecodedShare): OpenedLab {
  const store = createLabStore({ ...shareConfig(decoded.state), engine: defaultEngine });
  const notes = [...decoded.notes, ...restoreShareState(store, decoded.state), ...store.getState().optionMessages];
  return { store, notes };
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
      return lab.setOption(command.name, command.value);
    case 'hello':
      return null;
  }
}

export interface EmbeddedLabProps extends OpenedLab {
  link(state: ShareState): string;
  embed: EmbedLocation | null;
}

export function EmbeddedLab({ store, notes, link, embed }: EmbeddedLabProps) {
  return (
    <>
      <ShareNotes notes={notes} />
      <Lab scenario={store.getState().scenarioId} store={store} toolbar={<ShareControls link={link} embed={embed} />} />
    </>
  );
}
