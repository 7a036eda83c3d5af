/** The heavy half of the custom element (React, the lab, the simulation), loaded when the first lab connects. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeLinkFields } from '../share/link-fields.ts';
import type { EmbedLocation } from '../share/snippets.ts';
import { watchLabEvents, type LabEvent } from './events.ts';
import { EmbeddedLab, openLab, readLink, runCommand, whenRestored, type ReadLink } from './mount.tsx';
import type { LabCommand } from './protocol.ts';
import type { LabStore } from '../store/index.ts';
import { prepareScenario } from '../scenarios/registry.ts';
import { loadCommands } from '../redis/index.ts';

/**
 * Reads the element's query (its attributes) and loads what opening it needs before `mountLab`:
 * the replay code for a link that carries a run, and what the scenario needs (lesson 13's memory
 * limit, lesson 15's local caches; nothing for most). The query's scenario, not the `scenario`
 * attribute: a share link names it too. A scenario whose code fails to load shows why in the lab.
 */
export async function prepareLab(query: URLSearchParams): Promise<ReadLink> {
  const plain = () => decodeLinkFields(query);
  const [link] = await Promise.all([
    readLink(query, plain, (run) => run.decodeShareQuery(query)),
    prepareScenario(plain().state.scenario, loadCommands).catch(() => undefined),
  ]);
  return link;
}

export interface MountedLab {
  readonly store: LabStore;
  /** What was ignored: the attributes' and link's notes, plus the replay's once it has ended. */
  readonly notes: readonly string[];
  /** Calls `ready` once the link's run is rebuilt (at once for a plain lab). */
  whenReady(ready: (notes: readonly string[]) => void): () => void;
  readonly scenario: string;
  command(command: LabCommand): string | null;
  unmount(): void;
}

/** Renders the lab a link read by `prepareLab` describes into `container`; `unmount` stops its player, listeners and React. */
export function mountLab(
  container: HTMLElement,
  link: ReadLink,
  attributeNotes: readonly string[],
  location: EmbedLocation,
  emit: (event: LabEvent) => void,
  label: string | null = null,
): MountedLab {
  const opened = openLab(link);
  const lab = { ...opened, notes: [...attributeNotes, ...opened.notes] };
  const stopEvents = watchLabEvents(lab.store, emit);
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <EmbeddedLab {...lab} label={label} embed={location} />
    </StrictMode>,
  );
  return {
    store: lab.store,
    get notes() {
      const status = lab.restore.getStatus();
      return status.phase === 'running' ? lab.notes : [...lab.notes, ...status.notes];
    },
    whenReady: (ready) => whenRestored(lab, ready),
    scenario: link.decoded.state.scenario,
    command: (command) => runCommand(lab.store, command),
    unmount() {
      lab.restore.cancel();
      stopEvents();
      lab.store.getState().pause();
      root.unmount();
    },
  };
}
