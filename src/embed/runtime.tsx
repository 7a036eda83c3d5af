/** The heavy half of the custom element (React, the lab, the simulation), loaded when the first lab connects. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeShareQuery, embedHash } from '../share/link.ts';
import type { EmbedLocation } from '../share/snippets.ts';
import { watchLabEvents, type LabEvent } from './events.ts';
import { EmbeddedLab, openLab, runCommand, whenRestored } from './mount.tsx';
import type { LabCommand } from './protocol.ts';
import type { LabStore } from '../store/index.ts';
import type { AttributeQuery } from './attributes.ts';
import { prepareScenario } from '../scenarios/registry.ts';
import { loadCommands } from '../redis/index.ts';

/**
 * Loads what the query's scenario needs before `mountLab` (lesson 13's memory limit, lesson 15's
 * local caches; nothing for most). The query, not the `scenario` attribute: a share link names it too.
 */
export function prepareLab(query: URLSearchParams): Promise<void> {
  return prepareScenario(decodeShareQuery(query).state.scenario, loadCommands);
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

/** Renders a lab configured by the element's attributes into `container`; `unmount` stops its player, listeners and React. */
export function mountLab(
  container: HTMLElement,
  { query, notes: attributeNotes }: AttributeQuery,
  location: EmbedLocation,
  emit: (event: LabEvent) => void,
  label: string | null = null,
): MountedLab {
  const decoded = decodeShareQuery(query);
  const opened = openLab(decoded);
  const lab = { ...opened, notes: [...attributeNotes, ...opened.notes] };
  const stopEvents = watchLabEvents(lab.store, emit);
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <EmbeddedLab {...lab} label={label} link={(state) => `${location.frameUrl}${embedHash(state)}`} embed={location} />
    </StrictMode>,
  );
  return {
    store: lab.store,
    get notes() {
      const status = lab.restore.getStatus();
      return status.phase === 'running' ? lab.notes : [...lab.notes, ...status.notes];
    },
    whenReady: (ready) => whenRestored(lab, ready),
    scenario: decoded.state.scenario,
    command: (command) => runCommand(lab.store, command),
    unmount() {
      lab.restore.cancel();
      stopEvents();
      lab.store.getState().pause();
      root.unmount();
    },
  };
}
