/**
 * Every predict check's situation, run from a clean lab, shows the check's stated outcome, whether
 * the lab was fresh or the learner had first taken Redis down, flushed the cache and changed an option.
 */
import { join } from 'node:path';
import { loadLessons } from '../../src/lessons/build/load.ts';
import type { CheckSpec } from '../../src/scenarios/checks.ts';
import { createLabStore, hasWorkload, type LabStore } from '../../src/store/index.ts';
import { defaultEngine } from '../../src/store/defaultEngine.ts';
import { revealEnd, revealOutcome, runReveal } from '../../src/components/lab/predict.ts';
import { MAX_FRAME_MS } from '../../src/player/player.ts';

const root = join(import.meta.dirname, '..', '..');
const lessons = await loadLessons(join(root, 'content'), root);
type Predict = Extract<CheckSpec, { kind: 'predict' }>;
const checks = lessons.flatMap(({ file, module }) =>
  module.blocks.flatMap((block) =>
    block.kind === 'lab' && block.lab.check?.kind === 'predict' && block.lab.check.reveal
      ? [{ name: `${file} ${block.id}`, lab: block.lab, check: block.lab.check as Predict }]
      : [],
  ),
);

/** What a learner might have done before committing: every action the scenario offers that changes the world. */
function meddle(store: LabStore) {
  const state = store.getState();
  const offered = new Set<string>(state.scenario?.actions ?? []);
  if (offered.has('redisDown')) state.act({ type: 'redisDown' });
  if (offered.has('flushCache')) store.getState().act({ type: 'flushCache' });
  store.getState().act({ type: 'read', key: 'user:1' });
  store.getState().advance(5000);
  const option = state.scenario?.fields.find((field) => field.type === 'number');
  if (option) store.getState().setOption(option.name, option.max ?? option.min);
  store.getState().advance(1000);
}

/**
 * Commits the check and plays it as paced playback can show it: the cursor stops at every moment
 * an event happens, so a verdict judged before the reveal's work is done (an app task between two
 * commands) shows up here.
 */
async function commitAndWatch(store: LabStore, check: Predict) {
  const reveal = await runReveal(check, store.getState);
  expect(reveal.from).toBeGreaterThanOrEqual(0);
  store.getState().play();
  for (let i = 0; i < 20_000 && revealEnd(store.getState(), reveal) === null; i++) {
    const { trace, cursor } = store.getState();
    const next = trace.events[cursor.index]?.at ?? cursor.time + 50;
    store.getState().advance(Math.max(1, next - cursor.time));
  }
  const end = revealEnd(store.getState(), reveal);
  expect(end).not.toBeNull();
  return revealOutcome(check, store.getState().trace.events, reveal.from, end!, hasWorkload(store.getState().options));
}

/**
 * The same at 64x on a slow machine: every frame the player's longest (MAX_FRAME_MS of real time,
 * 3.2 s of lab time), so the cursor lands far past the moment the reveal's work ended.
 */
async function commitAndPlayFast(store: LabStore, check: Predict) {
  return commitAndPlayFastFrom(store, check, await runReveal(check, store.getState));
}

function commitAndPlayFastFrom(store: LabStore, check: Predict, reveal: Awaited<ReturnType<typeof runReveal>>) {
  expect(reveal.from).toBeGreaterThanOrEqual(0);
  store.getState().setSpeed(64);
  store.getState().play();
  for (let i = 0; i < 2_000 && revealEnd(store.getState(), reveal) === null; i++) store.getState().tick(MAX_FRAME_MS);
  const end = revealEnd(store.getState(), reveal);
  expect(end).not.toBeNull();
  return revealOutcome(check, store.getState().trace.events, reveal.from, end!, hasWorkload(store.getState().options));
}

test('content has predict checks with a reveal, and each states what its run shows', () => {
  expect(checks.length).toBeGreaterThanOrEqual(6);
  for (const { name, check } of checks) expect(check.expect, name).toBeDefined();
});

describe.each(checks.map((c) => [c.name, c] as const))('%s', (_name, { lab, check }) => {
  const fresh = () => createLabStore({ scenario: lab.scenario, ...(lab.options ? { options: lab.options } : {}), ...(lab.seed !== undefined ? { seed: lab.seed } : {}), engine: defaultEngine });

  test('on a fresh lab the revealed run shows the expected outcome', async () => {
    const outcome = await commitAndWatch(fresh(), check);
    expect(outcome.words).not.toMatch(/expected/);
    expect(outcome.holds).toBe(true);
  });

  test('played at 64x in the slowest frames, the verdict still judges the run up to where its work ended', async () => {
    const outcome = await commitAndPlayFast(fresh(), check);
    expect(outcome.holds, outcome.words).toBe(true);
  });

  test('after the learner took Redis down, flushed the cache and changed an option, it still does', async () => {
    const store = fresh();
    meddle(store);
    const outcome = await commitAndWatch(store, check);
    expect(outcome.holds, outcome.words).toBe(true);
  });
});

test('in a lab whose workload keeps reading, the run is the reveal\'s own read: lesson 13\'s request for user:100', async () => {
  const { lab, check } = checks.find(({ name, check }) => name.includes('13-when-the-cache-is-full') && check.answer.startsWith('Evicts a key'))!;
  const store = createLabStore({ scenario: lab.scenario, ...(lab.options ? { options: lab.options } : {}), engine: defaultEngine });
  const reveal = await runReveal(check, store.getState);
  const action = store.getState().trace.events[reveal.from];
  expect(action?.type === 'action' ? action.action : null).toEqual({ type: 'read', key: 'user:100' });
  const outcome = await commitAndPlayFastFrom(store, check, reveal);
  expect(outcome.words).toMatch(/^The read was a miss, in \d+ ms: Redis evicted \d+ keys? to stay under its memory limit, the database read count went from \d+ to \d+\.$/);
  expect(outcome.holds).toBe(true);
});

test('a check committed while the lab still loads what its options need runs its reveal once that is there', async () => {
  // Fresh modules: write-behind's code and the list commands are not loaded, as on a page just opened.
  vi.resetModules();
  const { createLabStore: createFresh } = await import('../../src/store/index.ts');
  const { defaultEngine: engine } = await import('../../src/store/defaultEngine.ts');
  const fresh = await import('../../src/components/lab/predict.ts');
  const { lab, check } = checks.find(({ lab }) => lab.options?.['writeMode'] === 'write-behind')!;
  const store = createFresh({ scenario: lab.scenario, options: lab.options, engine });
  expect(store.getState().loading).not.toBeNull();
  const reveal = await fresh.runReveal(check, store.getState);
  expect(reveal.from).toBeGreaterThanOrEqual(0);
  store.getState().play();
  for (let i = 0; i < 2_000 && fresh.revealEnd(store.getState(), reveal) === null; i++) store.getState().tick(MAX_FRAME_MS);
  const end = fresh.revealEnd(store.getState(), reveal);
  expect(end).not.toBeNull();
  const outcome = fresh.revealOutcome(check, store.getState().trace.events, reveal.from, end!);
  expect(outcome.holds, outcome.words).toBe(true);
});

test('a jump in a lab whose workload keeps reading stops where it landed, where its verdict is judged: lesson 6', async () => {
  const { lab, check } = checks.find(({ name, check }) => name.includes('06-ttls') && check.reveal === 'fastForwardToExpiry')!;
  const store = createLabStore({ scenario: lab.scenario, ...(lab.options ? { options: lab.options } : {}), engine: defaultEngine });
  expect(hasWorkload(store.getState().options)).toBe(true);
  const reveal = await runReveal(check, store.getState);
  expect(reveal.settledAt).not.toBeNull();
  // The player moves only a playing lab: paused, it stays on the moment the jump landed on.
  expect(store.getState().playback.playing).toBe(false);
  expect(store.getState().cursor.index).toBe(reveal.settledAt);
  expect(revealEnd(store.getState(), reveal)).toBe(reveal.settledAt);
  expect(revealOutcome(check, store.getState().trace.events, reveal.from, reveal.settledAt!, true).holds).toBe(true);
});
