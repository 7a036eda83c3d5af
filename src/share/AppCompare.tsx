/**
 * The tutorial's side-by-side lab: `LabCompare` plus share links. A link carries the actions and
 * the moment (as a single lab's link does, from the left side) and `side=<n>`, the right-hand side
 * the learner picked; both sides replay the same actions, and the right one then stands at the
 * left one's moment. Each side's options come from the lesson's block, never from the link.
 */
import { useState, useSyncExternalStore } from 'react';
import { createComparePair, LabCompare, type LabCompareProps } from '../components/lab/LabCompare.tsx';
import { LabStoreProvider, type CompareStore } from '../store/index.ts';
import { decodeShareQuery, lessonShareHash } from './link.ts';
import { linkedRoute, pageUrl, useOpenedLab } from './linked-lab.ts';
import { restoreShareState, type LinkRestore, type RestoreStatus } from './restore.ts';
import { ShareControls } from './ShareControls.tsx';
import { LinkStatus } from './ShareNotes.tsx';
import { Prepared } from './Prepared.tsx';

export interface CompareLabProps extends LabCompareProps {
  /** The lesson block's id (`lab-2`): a share link names the lab it is for. */
  labId?: string;
}

/** The query key of the right-hand side's index in a link. */
export const SIDE_KEY = 'side';

interface Opened {
  pair: CompareStore;
  choice: number;
  notes: readonly string[];
  lesson: string | undefined;
  restore: LinkRestore | null;
}

/** Both sides' replays as one: running while either runs; the left one's notes (the right one repeats them). */
function both(left: LinkRestore, right: LinkRestore, onDone: () => void): LinkRestore {
  let done = false;
  const status = (): RestoreStatus => {
    const [a, b] = [left.getStatus(), right.getStatus()];
    if (a.phase === 'running' || b.phase === 'running') return { phase: 'running', progress: Math.min(a.progress, b.progress), notes: [] };
    if (!done) {
      done = true;
      onDone();
    }
    return { ...a, phase: a.phase === 'cancelled' || b.phase === 'cancelled' ? 'cancelled' : 'done' };
  };
  let last = status();
  return {
    getStatus: () => last,
    subscribe(listener) {
      const update = () => {
        last = status();
        listener();
      };
      const stops = [left.subscribe(update), right.subscribe(update)];
      return () => stops.forEach((stop) => stop());
    },
    cancel() {
      left.cancel();
      right.cancel();
    },
    replaying: left.replaying || right.replaying,
  };
}

function open(props: CompareLabProps): Opened {
  const { route, forThisLab } = linkedRoute(props.labId);
  if (!route || !forThisLab) return { pair: createComparePair(props), choice: 0, notes: [], lesson: route?.lesson, restore: null };
  const notes: string[] = [];
  const sideText = route.query.get(SIDE_KEY);
  let choice = 0;
  if (sideText !== null) {
    const n = /^\d{1,3}$/.test(sideText) ? Number(sideText) : -1;
    if (n >= 0 && n < props.compare.right.length) choice = n;
    else notes.push(`${SIDE_KEY}: this lab has ${props.compare.right.length} right-hand side${props.compare.right.length === 1 ? '' : 's'} (0 to ${props.compare.right.length - 1}); showing ${props.compare.right[0]!.label}`);
  }
  const query = new URLSearchParams(route.query);
  query.set('scenario', props.scenario);
  const decoded = decodeShareQuery(query, { ignoreKeys: [SIDE_KEY] });
  notes.push(...decoded.notes.filter((note) => !/^scenario:/.test(note)));
  const pair = createComparePair(props, choice);
  const [left, right] = pair.getState().sides;
  // The block's options rule each side; the link brings what the learner did and when.
  const shared = { ...decoded.state, options: {} };
  const leftRestore = restoreShareState(left, shared);
  const rightRestore = restoreShareState(right, { ...shared, cursor: null });
  const restore = both(leftRestore, rightRestore, () => right.getState().seek(left.getState().cursor.time));
  return { pair, choice, notes, lesson: route.lesson, restore };
}

/** The pair, once its scenario's on-demand code has loaded (lesson 13's memory limit). */
export function CompareLab(props: CompareLabProps) {
  return (
    <Prepared scenario={props.scenario}>
      <OpenedCompareLab {...props} />
    </Prepared>
  );
}

function OpenedCompareLab(props: CompareLabProps) {
  const opened = useOpenedLab(() => open(props));
  const [choice, setChoice] = useState(opened.choice);
  // Reading the status runs the "both done" step, so the right side lines up even if no one watches.
  useSyncExternalStore(opened.restore?.subscribe ?? (() => () => {}), () => opened.restore?.getStatus() ?? null);
  const { labId } = props;
  const [left] = opened.pair.getState().sides;
  const link = (state: Parameters<typeof lessonShareHash>[1]) => {
    const hash = opened.lesson ? lessonShareHash(opened.lesson, { ...state, options: {} }, labId) : '';
    // `side` goes before the trailing #share-<id> anchor, inside the query.
    const withSide = choice === 0 ? hash : hash.replace(/(#share-[^#]*)?$/, `&${SIDE_KEY}=${choice}$1`);
    return pageUrl(withSide);
  };
  return (
    <>
      <LinkStatus notes={opened.notes} restore={opened.restore} />
      <LabCompare
        {...props}
        store={opened.pair}
        initialChoice={opened.choice}
        onChoose={setChoice}
        toolbar={
          <LabStoreProvider store={left}>
            <ShareControls link={link} embed={null} {...(opened.lesson ? { lesson: opened.lesson } : {})} />
          </LabStoreProvider>
        }
      />
    </>
  );
}
