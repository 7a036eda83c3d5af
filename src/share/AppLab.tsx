/**
 * The tutorial's lab: D1's `Lab` plus share links. A lesson URL like
 * `#/lesson/10-stampede?lab=lab-1&scenario=stampede&strategy=lock&actions=…&event=40&time=1200`
 * reopens that lab exactly there; every lab gets Share and Embed buttons.
 */
import { Lab as BaseLab, type LabProps as BaseLabProps } from '../components/lab/index.ts';
export { preloadFirstPaint } from '../components/lab/index.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { createLabStore, type LabStore } from '../store/index.ts';
import { decodeShareQuery, lessonShareHash } from './link.ts';
import { linkedRoute, pageUrl, useOpenedLab } from './linked-lab.ts';
import { restoreShareState, shareConfig, type LinkRestore } from './restore.ts';
import { ShareControls } from './ShareControls.tsx';
import { LinkStatus } from './ShareNotes.tsx';
import { Prepared } from './Prepared.tsx';
import type { EmbedLocation } from './snippets.ts';

export interface LabProps extends BaseLabProps {
  /** The lesson block's id (`lab-1`): a share link names the lab it is for. */
  labId?: string;
}

/** The built tutorial ships the embed script in `embed/` beside its index.html. */
function embedLocation(): EmbedLocation {
  return {
    scriptUrl: new URL('embed/cache-aside-lab.js', document.baseURI).href,
    frameUrl: new URL('embed/frame.html', document.baseURI).href,
  };
}

interface Opened {
  store: LabStore;
  notes: readonly string[];
  lesson: string | undefined;
  /** The link's run being rebuilt, in slices (null when the lab did not come from a link). */
  restore: LinkRestore | null;
}

/** This lab's store: from the share link when the URL names this lab, else from the lesson's block. */
function open(props: LabProps): Opened {
  const engine = props.engine ?? defaultEngine;
  const { route, forThisLab } = linkedRoute(props.labId);
  if (!route || !forThisLab) {
    const store = createLabStore({ scenario: props.scenario, options: props.options, seed: props.seed, engine, initialCursor: props.initialCursor });
    return { store, notes: [], lesson: route?.lesson, restore: null };
  }
  const linked = route.query.get('scenario');
  const notes: string[] = [];
  if (linked !== null && linked !== props.scenario) {
    notes.push(`scenario: this lab runs "${props.scenario}", not ${JSON.stringify(linked.slice(0, 40))}; the link's state was ignored`);
    const store = createLabStore({ scenario: props.scenario, options: props.options, seed: props.seed, engine });
    return { store, notes, lesson: route.lesson, restore: null };
  }
  const query = new URLSearchParams(route.query);
  query.set('scenario', props.scenario);
  const decoded = decodeShareQuery(query);
  const store = createLabStore({ ...shareConfig(decoded.state), engine });
  notes.push(...decoded.notes);
  return { store, notes, lesson: route.lesson, restore: restoreShareState(store, decoded.state) };
}

/** The lab, once its scenario's on-demand code has loaded. */
export function Lab(props: LabProps) {
  return (
    <Prepared scenario={props.scenario}>
      <OpenedLab {...props} />
    </Prepared>
  );
}

function OpenedLab(props: LabProps) {
  const opened = useOpenedLab(() => open(props));
  const { labId } = props;
  const link = (state: Parameters<typeof lessonShareHash>[1]) => pageUrl(opened.lesson ? lessonShareHash(opened.lesson, state, labId) : '');
  return (
    <>
      <LinkStatus notes={opened.notes} restore={opened.restore} />
      <BaseLab
        {...props}
        store={opened.store}
        toolbar={<ShareControls link={link} embed={embedLocation()} {...(opened.lesson ? { lesson: opened.lesson } : {})} />} />
    </>
  );
}
