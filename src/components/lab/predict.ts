/**
 * A predict check's run: the situation its prompt describes, staged from a clean state, then its
 * reveal; and what that run showed, judged against the check's `expect` and put in words.
 */
import type { TraceEvent } from '../../scenarios/events.ts';
import { compare, describeCondition, metricLabel, type CheckSpec } from '../../scenarios/checks.ts';
import type { ScheduledAction } from '../../scenarios/types.ts';
import { ownEvents, requestsOf, startedBy, workDoneBy } from '../../scenarios/work-done.ts';
import { formatDuration, plural } from '../../scenarios/format.ts';
import { hasWorkload, type LabState, type ScenarioInfo, type Situation } from '../../store/index.ts';
import { actionFromName, windowMetrics } from './check.ts';

type PredictCheck = Extract<CheckSpec, { kind: 'predict' }>;

/** The store situation for a check: its actions by name turned into the lab's actions with these options. */
export function situationOf(check: PredictCheck, scenario: ScenarioInfo | undefined, options: Record<string, unknown>): Situation {
  const merged = { ...options, ...check.situation?.options };
  const actions: ScheduledAction[] = [];
  for (const entry of check.situation?.actions ?? []) {
    const action = actionFromName(entry.do, scenario, merged);
    if (action) actions.push({ at: entry.at, action });
  }
  return { ...(check.situation?.options ? { options: check.situation.options } : {}), actions, at: check.situation?.revealAt ?? 0 };
}

/**
 * Stages the check's situation and runs its reveal, visibly: the lab starts over in the situation
 * and plays the reveal. While the lab still loads a part of Redis the situation needs (a lab just
 * opened), the store stages it once that is there: the reveal follows then, so it comes as a promise.
 */
export function runReveal(check: PredictCheck, get: () => LabState): Reveal | Promise<Reveal> {
  if (!check.reveal) return NO_REVEAL;
  const before = get();
  before.stage(situationOf(check, before.scenario, before.options));
  return get().loading !== null ? get().whenReady().then(() => playReveal(check, get)) : playReveal(check, get);
}

const NO_REVEAL: Reveal = { from: -1, settledAt: null };

/** Runs the reveal in the staged situation. */
function playReveal(check: PredictCheck, get: () => LabState): Reveal {
  const staged = get();
  if (!staged.running || staged.loading !== null) return NO_REVEAL;
  const action = actionFromName(check.reveal!, staged.scenario, { ...staged.options }, check.revealKey);
  if (!action) return NO_REVEAL;
  const from = staged.trace.length;
  staged.act(action);
  if (action.type !== 'fastForwardToExpiry') return { from, settledAt: null };
  // A jump has happened once it lands, and is judged there. A lab without a workload then plays on
  // so the learner sees what follows (it stops by itself); one whose workload keeps reading stays
  // where it landed, as other reveals stop where their run ended, so the panels show what was judged.
  const settledAt = get().cursor.index;
  if (!hasWorkload(get().options)) get().play();
  return { from, settledAt };
}

/** Where a reveal's events start (-1: no reveal), and for a jump the index at which it has happened. */
export interface Reveal {
  from: number;
  settledAt: number | null;
}

/**
 * Where the reveal's run ends, once the cursor has passed that moment: the verdict judges events
 * [from, end). The run ends at the first moment after `from` at which the work it started is done
 * (`workDoneBy`: requests, app tasks, messages), wherever the cursor went on to: one frame at a high
 * speed carries the clock seconds on, past what happened later (a write-behind worker waking). A
 * jump ends where it landed. Null while the run plays (a learner's pause mid-reveal waits for Play),
 * unless playback stopped at the end of what has run.
 */
export function revealEnd(state: LabState, { from, settledAt }: Reveal): number | null {
  if (from < 0) return 0;
  const { cursor, trace } = state;
  if (settledAt !== null) return cursor.index >= settledAt ? settledAt : null;
  if (cursor.index <= from) return null;
  // A workload's reads never stop, so the lab is never idle: the run ends when the reveal's own requests are answered.
  const end = hasWorkload(state.options) ? ownRequestsDoneBy(trace.events, from, cursor.index) : workDoneBy(trace.events, from, cursor.index);
  if (end !== null) return end;
  return !state.playback.playing && cursor.index >= trace.length ? cursor.index : null;
}

export interface RevealOutcome {
  /** Whether the run showed what the check expects. */
  holds: boolean;
  /** What the run showed, in a sentence a learner reads. */
  words: string;
}


/** The end of the moment at which the last request the reveal started was answered, looking no further than `to`; null before. */
function ownRequestsDoneBy(trace: readonly TraceEvent[], from: number, to: number): number | null {
  const start = trace[from];
  if (start?.type !== 'action') return null;
  // One pass: a request opens when it arrives and closes when served.
  const open = new Set<number>();
  let started = false;
  for (let i = from + 1; i < Math.min(to, trace.length); i++) {
    const event = trace[i]!;
    if (startedBy(start, event, open)) {
      open.add(event.requestId);
      started = true;
    } else if (event.type === 'request.served') open.delete(event.requestId);
    // The action's requests all arrive at its moment: none by then, and it started none.
    if (!started && event.at > start.at) return workDoneBy(trace, from, to);
    if (!started || open.size > 0) continue;
    let end = i + 1;
    while (end < trace.length && trace[end]!.at === event.at) end++;
    return end <= to ? end : null;
  }
  return null;
}

/**
 * What the events in [from, to) showed, against the check's expectation. With `workload` (the lab
 * keeps reading on its own), only the reveal's own events count (`ownEvents`) when it started requests.
 */
export function revealOutcome(check: PredictCheck, fullTrace: readonly TraceEvent[], from: number, to: number, workload = false): RevealOutcome {
  // A reveal that started no request (a jump) has no workload reads to leave out: its run is the moment it lands on.
  if (workload && from >= 0 && requestsOf(fullTrace, from, to).size > 0) {
    const own = ownEvents(fullTrace, from, to);
    return judgeRun(check, [...fullTrace.slice(0, from), ...own], from, from + own.length);
  }
  return judgeRun(check, fullTrace, from, to);
}

function judgeRun(check: PredictCheck, trace: readonly TraceEvent[], from: number, to: number): RevealOutcome {
  const count = (m: Record<string, number>, name: string) => m[name] ?? 0;
  const all = windowMetrics(trace, from, to);
  const run = { reads: all.reads, hits: count(all, 'hits'), fallbacks: count(all, 'fallbacks'), staleReads: count(all, 'staleReads'), dbReads: count(all, 'dbReads'), keysExpired: all.keysExpired, keysEvicted: all.keysEvicted, p50: count(all, 'latencyMs.p50') };
  const before = { dbReads: count(windowMetrics(trace, 0, from), 'dbReads') };
  const parts: string[] = [];
  // A jump's run is the moment it lands on: say how far time jumped and what expired, not the reads it skipped over.
  const start = trace[from];
  const landed = start?.type === 'action' && start.action.type === 'fastForwardToExpiry' ? trace.slice(from, to).find((event) => event.type === 'key.expired') : undefined;
  if (landed) {
    parts.push(`Time jumped ${formatDuration(landed.at - start!.at)} ahead`);
    run.reads = 0;
  } else if (run.reads === 1) {
    const kind = run.fallbacks > 0 ? 'could not use Redis and went to the database' : count(all, 'localHits') === 1 ? "was answered from the instance's local cache" : run.hits === 1 ? 'was a hit' : 'was a miss';
    parts.push(`The read ${kind}${run.staleReads > 0 ? ' and returned a stale copy' : ''}, in ${Math.round(run.p50)} ms`);
  } else if (run.reads > 1) {
    parts.push(`${plural(run.hits, 'hit')} of ${plural(run.reads, 'read')}${run.staleReads > 0 ? `, ${plural(run.staleReads, 'stale read')}` : ''}`);
  }
  const write = run.reads === 0 && !landed ? onlyWrite(trace, from, to) : null;
  if (write) parts.push(`The write was answered${write.from === 'cache' ? ' from Redis alone' : ''} in ${write.latencyMs} ms`);
  if (run.keysExpired > 0) parts.push(`${plural(run.keysExpired, 'key')} expired at that moment`);
  if (run.keysEvicted > 0) parts.push(`Redis evicted ${plural(run.keysEvicted, 'key')} to stay under its memory limit`);
  if (refusedWrites(trace, from, to) > 0) parts.push(`Redis refused ${plural(refusedWrites(trace, from, to), 'write')} with an out-of-memory error`);
  const total = before.dbReads + run.dbReads;
  if (run.reads > 0) parts.push(run.dbReads === 0 ? `the database read count stayed at ${total}` : `the database read count went from ${before.dbReads} to ${total}`);
  const actual = check.expect ? (all[check.expect.metric] ?? 0) : 0;
  // The verdict always states the number the check is about, in words, when the sentence above does not.
  if (check.expect && !statedAbove(check.expect.metric, run)) parts.push(`${metricLabel(check.expect.metric).replace(/ \(ms\)$/, '')}: ${formatMetric(check.expect.metric, actual)}`);
  const sentence = parts.length === 0 ? 'Nothing was served.' : `${parts[0]}${parts.length > 1 ? `: ${parts.slice(1).join(', ')}` : ''}.`;
  if (!check.expect) return { holds: true, words: sentence };
  const holds = compare(actual, check.expect.op, check.expect.value);
  // A run that contradicts its own check is a lesson bug; say so rather than pretend.
  return { holds, words: holds ? sentence : `${sentence} (The lesson expected ${describeCondition(check.expect)}; the run showed ${actual}.)` };
}

/** The one write answered in [from, to), if exactly one was. */
function onlyWrite(trace: readonly TraceEvent[], from: number, to: number): { from: string; latencyMs: number } | null {
  let found: { from: string; latencyMs: number } | null = null;
  for (let i = Math.max(0, from); i < Math.min(to, trace.length); i++) {
    const event = trace[i]!;
    if (event.type !== 'request.served' || event.kind !== 'write') continue;
    if (found) return null;
    found = { from: event.from, latencyMs: event.latencyMs };
  }
  return found;
}

/** The app's commands in [from, to) that Redis refused for lack of memory (noeviction). */
function refusedWrites(trace: readonly TraceEvent[], from: number, to: number): number {
  let count = 0;
  for (let i = Math.max(0, from); i < Math.min(to, trace.length); i++) {
    const event = trace[i]!;
    if (event.type === 'redis.executed' && event.actor !== 'console' && event.reply.type === 'error' && event.reply.message.startsWith('OOM')) count++;
  }
  return count;
}

/** Whether the run's sentence already states this metric's value for a run like this one. */
function statedAbove(metric: string, run: { reads: number; keysExpired: number; keysEvicted: number; staleReads: number }): boolean {
  switch (metric) {
    case 'dbReads':
    case 'hits':
    case 'reads':
      return run.reads > 0;
    case 'latencyMs.p50':
      return run.reads === 1;
    case 'keysExpired':
      return run.keysExpired > 0;
    case 'keysEvicted':
      return run.keysEvicted > 0;
    case 'staleReads':
      return run.staleReads > 0;
    default:
      return false;
  }
}

/** A metric's value as the verdict writes it: "75%", "120 ms", "3". */
function formatMetric(metric: string, value: number): string {
  if (metric === 'hitRatio') return `${Math.round(value * 1000) / 10}%`;
  if (metric.startsWith('latencyMs.')) return `${Math.round(value)} ms`;
  return String(Math.round(value * 100) / 100);
}
