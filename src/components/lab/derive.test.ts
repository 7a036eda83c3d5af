import { createSimulation } from '../../scenarios/simulation.ts';
import type { TraceEvent } from '../../scenarios/events.ts';
import { stateAt } from '../../scenarios/views.ts';
import { keyRole, keyRows, replyPreview } from './derive.ts';
import { describeEvent, narrationAt } from './narration.ts';
import { flowLayout, lanePoint, progress } from './flowGeometry.ts';
import { scanSteps } from './scan-view.ts';

function run(scenario: Parameters<typeof createSimulation>[0]['scenario'], options: Record<string, unknown>, actions: [number, Parameters<ReturnType<typeof createSimulation>['apply']>[0]][], until: number) {
  const sim = createSimulation({ scenario, options, seed: 7 });
  for (const [at, action] of actions) sim.apply(action, at);
  sim.runUntil(until);
  return sim.trace;
}

const sentence = (trace: readonly TraceEvent[], type: string, predicate: (e: any) => boolean = () => true) => describeEvent(trace.find((e) => e.type === type && predicate(e))!);

describe('narration sentences', () => {
  const trace = run('basics', {}, [[0, { type: 'read', key: 'user:1' }], [100, { type: 'read', key: 'user:1' }], [200, { type: 'write', key: 'user:1' }]], 1_000);

  test.each([
    ['a miss', 'redis.reply', (e: any) => e.outcome === 'miss', /^GET user:1 → \(nil\): a miss, so the app asks the database…$/],
    ['a hit', 'redis.reply', (e: any) => e.outcome === 'hit', /^GET user:1 → ".*": a hit, so the app answers without touching the database\.$/],
    ['a SET with its TTL', 'redis.reply', (e: any) => e.argv[0] === 'SET', /^SET user:1 → OK: the value is cached for 10 s\.$/],
    ['an invalidation', 'redis.reply', (e: any) => e.argv[0] === 'DEL', /^DEL user:1 → \(integer\) 1: the cached copy is gone\.$/],
    ['a database read', 'db.finished', (e: any) => e.op === 'read', /^The database returns users\/1, version 1, after 50 ms\.$/],
    ['a served miss', 'request.served', (e: any) => !e.hit && e.kind === 'read', /^App 1 answers user:1 from the database in \d+ ms\.$/],
  ])('%s', (_name, type, predicate, expected) => {
    expect(sentence(trace, type, predicate)).toMatch(expected);
  });

  test('bookkeeping events have no sentence, and the narration falls back to the last one that has', () => {
    const codeLine = trace.findIndex((e) => e.type === 'code.line');
    expect(describeEvent(trace[codeLine]!)).toBeNull();
    const narration = narrationAt(trace, codeLine + 1, trace[codeLine]!.at);
    expect(narration?.seq).toBeLessThan(codeLine);
  });

  test('an outage reads as a fallback', () => {
    const outage = run('outage', {}, [[0, { type: 'redisDown' }], [10, { type: 'read', key: 'user:1' }]], 2_000);
    expect(sentence(outage, 'request.served')).toMatch(/^Redis failed, so app 1 answered user:1 straight from the database/);
    expect(sentence(outage, 'redis.error')).toMatch(/^GET user:1 failed: no reply before the timeout/);
  });
});

describe('keyspace rows', () => {
  test('roles: lock keys and null sentinels are told apart from data', () => {
    expect(keyRole('lock:user:1', 'token')).toBe('lock');
    expect(keyRole('user:404', '__null__')).toBe('null');
    expect(keyRole('user:1', '{"id":1}')).toBe('data');
  });

  test('the TTL bar empties as virtual time passes, and a deleted key lingers briefly as a ghost', () => {
    const trace = run('basics', { ttlMs: 1_000 }, [[0, { type: 'read', key: 'user:1' }], [600, { type: 'write', key: 'user:1' }]], 2_000);
    const afterSet = trace.findIndex((e) => e.type === 'request.served') + 1;
    const at = (time: number) => keyRows(trace, stateAt(trace, afterSet).keyspace, afterSet, time)[0]!;
    expect(at(54).ttlShare).toBeCloseTo(1, 1);
    expect(at(554).ttlShare).toBeCloseTo(0.5, 1);
    const afterDelete = trace.findIndex((e) => e.type === 'redis.executed' && e.argv[0] === 'DEL') + 1;
    const rows = keyRows(trace, stateAt(trace, afterDelete).keyspace, afterDelete, trace[afterDelete - 1]!.at);
    expect(rows).toEqual([expect.objectContaining({ key: 'user:1', gone: true, touch: expect.objectContaining({ kind: 'delete' }) })]);
  });
});

describe('flow geometry', () => {
  test('position derives from time: 0 at sentAt, 1 at arrivesAt, clamped outside', () => {
    expect(progress(5, 10, 20)).toBe(0);
    expect(progress(15, 10, 20)).toBe(0.5);
    expect(progress(25, 10, 20)).toBe(1);
    const layout = flowLayout(1);
    const from = layout.nodes.get('app:0')!;
    const to = layout.nodes.get('redis')!;
    expect(lanePoint(from, to, 1, 0)).toEqual(to);
  });

  test('instances beyond what fits share the last row; the phone layout stacks apps on top', () => {
    expect(flowLayout(20).instances).toBe(8);
    const compact = flowLayout(2, true);
    expect(compact.nodes.get('app:0')!.y).toBeLessThan(compact.nodes.get('redis')!.y);
  });

  test.each([1, 2, 4, 5, 8])('%i app boxes (104 × 40) never overlap in the wide layout', (instances) => {
    const apps = [...flowLayout(instances).nodes].filter(([id]) => id.startsWith('app:')).map(([, p]) => p);
    for (let i = 0; i < apps.length; i++) {
      for (let j = i + 1; j < apps.length; j++) {
        const overlaps = Math.abs(apps[i]!.x - apps[j]!.x) < 104 && Math.abs(apps[i]!.y - apps[j]!.y) < 40;
        expect(overlaps, `app ${i} and app ${j}`).toBe(false);
      }
    }
  });
});

describe('the Writer node beside many app instances', () => {
  test.each([
    [1, false, 104],
    [3, false, 104],
    [8, false, 104],
    [1, true, 104],
    [3, true, 64],
    [8, true, 64],
  ])('%i instances (compact: %s): the writer has a box of its own that touches no app box', (instances, compact, width) => {
    const layout = flowLayout(instances, compact, true);
    expect(layout.nodes.has('writer')).toBe(true);
    const boxes = [...layout.nodes].filter(([id]) => id.startsWith('app:') || id === 'writer').map(([, p]) => p);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(Math.abs(boxes[i]!.x - boxes[j]!.x) < width && Math.abs(boxes[i]!.y - boxes[j]!.y) < 40, `box ${i} and box ${j}`).toBe(false);
      }
    }
  });
});

describe('the writer in the narration', () => {
  test('where the flow draws a Writer node, every sentence of a write names the writer, not its app', () => {
    const events = run('invalidation', { invalidateOnWrite: 'delete' }, [[0, { type: 'write', key: 'user:1' }], [500, { type: 'read', key: 'user:2' }]], 5_000) as readonly TraceEvent[];
    const sentences = (writer: boolean) =>
      events.flatMap((event, i) => {
        const narration = narrationAt(events, i + 1, event.at, events.length, writer);
        return narration && narration.seq === i ? [narration.text] : [];
      });
    const withWriter = sentences(true);
    expect(withWriter).toContain('A write to user:1 comes from the writer.');
    expect(withWriter).toContain('The writer sends DEL user:1 to Redis.');
    expect(withWriter.some((text) => /^The writer finished the write to user:1/.test(text))).toBe(true);
    // The read that follows is still an app's.
    expect(withWriter.some((text) => /^App 1 answers user:2/.test(text))).toBe(true);
    expect(sentences(false)).toContain('A write to user:1 reaches app 1.');
  });
});

test('a double reply reads as the bulk string RESP2 sends (ZINCRBY top:viewed → "1"), not as its type', () => {
  expect(replyPreview({ type: 'double', value: 1 })).toBe('"1"');
  expect(replyPreview({ type: 'double', value: 2.5 })).toBe('"2.5"');
});

describe('a SCAN reply names the next cursor and the keys it returned (lesson 5)', () => {
  test('each step of the lab says what its bucket panel shows', () => {
    const sim = createSimulation({ scenario: 'pattern-invalidation' });
    for (let i = 0; i < 12; i++) sim.apply({ type: 'scanStep', pattern: 'user:42:*', count: 2, deleteMatches: false });
    sim.runUntilIdle();
    const steps = scanSteps(sim.trace, sim.trace.length);
    const sentences = sim.trace.filter((e) => e.type === 'redis.reply' && e.argv[0] === 'SCAN').map((e) => describeEvent(e));
    expect(sentences).toHaveLength(steps.length);
    expect(steps.some((step) => step.returned.length >= 2)).toBe(true);
    for (const [i, step] of steps.entries()) {
      const keys = step.returned.length === 0 ? '0 keys' : `${step.returned.length} key${step.returned.length === 1 ? '' : 's'}: ${step.returned.join(', ')}`;
      expect(sentences[i]).toBe(`SCAN ${step.cursor} → next cursor ${step.nextCursor}, ${keys}.`);
    }
  });

  test('a long list of keys is cut with "and N more"', () => {
    const bulk = (value: string) => ({ type: 'bulk', value }) as const;
    const keys = Array.from({ length: 8 }, (_, i) => bulk(`user:42:k${i}`));
    const event = { type: 'redis.reply', at: 0, seq: 0, commandId: 1, requestId: null, actor: 'console', argv: ['SCAN', '12', 'MATCH', 'user:42:*'], reply: { type: 'array', value: [bulk('3'), { type: 'array', value: keys }] }, outcome: null, sentAt: 0, arrivesAt: 0 } as unknown as TraceEvent;
    expect(describeEvent(event)).toBe('SCAN 12 → next cursor 3, 8 keys: user:42:k0, user:42:k1, user:42:k2, user:42:k3, user:42:k4 and 3 more.');
  });

  test('an UNLINK of two keys names both, so its reply of 2 reads as two keys gone', () => {
    const event = { type: 'redis.reply', at: 0, seq: 0, commandId: 1, requestId: null, actor: 'console', argv: ['UNLINK', 'user:42:settings', 'user:42:profile'], reply: { type: 'integer', value: 2 }, outcome: null, sentAt: 0, arrivesAt: 0 } as unknown as TraceEvent;
    expect(describeEvent(event)).toBe('UNLINK user:42:settings user:42:profile → (integer) 2.');
  });
});

describe('narration of "Fast-forward to expiry"', () => {
  /** The sentence where the lab lands after the jump: just after the expiry, as the store's cursor does. */
  function landing(actions: Parameters<typeof run>[2]) {
    const sim = createSimulation({ scenario: 'best-practices', options: {}, seed: 7 });
    for (const [at, action] of actions) sim.apply(action, at);
    const trace = sim.trace;
    const jump = trace.findLast((e) => e.type === 'action' && e.action.type === 'fastForwardToExpiry')!;
    const lands = sim.now;
    const index = trace.findIndex((e) => e.at > lands);
    return { text: narrationAt(trace, index < 0 ? trace.length : index, lands)?.text ?? '', jumpedMs: lands - jump.at, trace };
  }

  test('with Redis up, it names every key the jump expired, not only the last', () => {
    // Lesson 9's lab caches user:1, user:2 and product:1 together, each for 1 h.
    const { text, trace } = landing([[0, { type: 'fastForwardToExpiry' }]]);
    expect(trace.filter((e) => e.type === 'key.expired')).toHaveLength(3);
    expect(text).toBe("Time jumped 1 h ahead. The TTLs of product:1, user:1 and user:2 ran out: Redis removes them, and the next read of each will miss.");
  });

  test('with Redis down, it says the clock jumped and why nothing was removed', () => {
    const { text, trace } = landing([[0, { type: 'redisDown' }], [10, { type: 'fastForwardToExpiry' }]]);
    expect(trace.filter((e) => e.type === 'key.expired')).toHaveLength(0);
    expect(text).toBe("Time jumped 1 h ahead, to where the TTLs of product:1, user:1 and user:2 ran out. Redis is down, so it removes nothing now: once it is back, a read of any of them will miss.");
  });
});
