import type { TraceEvent, TraceEventInput } from '../scenarios/events.ts';
import type { Reply } from '../redis/reply.ts';
import { loadMermaid } from './load';
import { commandLine, replySummary, text, toSequenceDiagram } from './sequence';

/** Stamps `seq` the way the trace does, so fixtures read like a trace. */
function trace(inputs: TraceEventInput[]): TraceEvent[] {
  return inputs.map((event, seq) => ({ ...event, seq }) as TraceEvent);
}

const nil = { type: 'bulk', value: null } as const;
const ok = { type: 'status', value: 'OK' } as const;

const missThenFill = trace([
  { type: 'request.arrived', at: 0, requestId: 7, instance: 0, key: 'user:42', kind: 'read' },
  { type: 'code.line', at: 0, requestId: 7, instance: 0, strategy: 'plain', lineId: 'get' },
  { type: 'redis.command', at: 0, commandId: 1, requestId: 7, actor: 0, argv: ['GET', 'user:42'], sentAt: 0, arrivesAt: 1 },
  // Another request's command, interleaved: it must not appear.
  { type: 'redis.command', at: 0, commandId: 2, requestId: 8, actor: 1, argv: ['GET', 'user:99'], sentAt: 0, arrivesAt: 1 },
  { type: 'redis.executed', at: 1, commandId: 1, requestId: 7, actor: 0, argv: ['GET', 'user:42'], reply: nil, outcome: 'miss', changes: [] },
  { type: 'redis.reply', at: 2, commandId: 1, requestId: 7, actor: 0, argv: ['GET', 'user:42'], reply: nil, outcome: 'miss', sentAt: 1, arrivesAt: 2 },
  { type: 'db.queued', at: 2, queryId: 1, requestId: 7, instance: 0, op: 'read', table: 'users', id: '42', queueLength: 2 },
  { type: 'db.started', at: 12, queryId: 1, requestId: 7, instance: 0, op: 'read', table: 'users', id: '42', waitMs: 10, finishesAt: 62, active: 1 },
  { type: 'db.finished', at: 62, queryId: 1, requestId: 7, instance: 0, op: 'read', table: 'users', id: '42', version: 3, waitMs: 10, latencyMs: 50, ok: true, active: 0 },
  { type: 'redis.command', at: 62, commandId: 3, requestId: 7, actor: 0, argv: ['SET', 'user:42', '{"name":"Ada"}', 'EX', '60'], sentAt: 62, arrivesAt: 63 },
  { type: 'redis.executed', at: 63, commandId: 3, requestId: 7, actor: 0, argv: ['SET', 'user:42', '{"name":"Ada"}', 'EX', '60'], reply: ok, outcome: null, changes: [] },
  { type: 'redis.reply', at: 64, commandId: 3, requestId: 7, actor: 0, argv: ['SET', 'user:42', '{"name":"Ada"}', 'EX', '60'], reply: ok, outcome: null, sentAt: 63, arrivesAt: 64 },
  { type: 'request.served', at: 64, requestId: 7, instance: 0, key: 'user:42', kind: 'read', version: 3, stale: false, hit: false, from: 'database', latencyMs: 64 },
]);

describe('toSequenceDiagram', () => {
  test('draws a miss, the database read and the cache fill of one request', () => {
    expect(toSequenceDiagram(missThenFill)).toBe(
      [
        'sequenceDiagram',
        '  participant App as App (app-1)',
        '  participant Redis as Redis',
        '  participant DB as Database',
        '  Note over App: read user:42',
        '  App->>Redis: GET user:42',
        '  Redis-->>App: (nil)',
        '  Note over App,Redis: cache miss',
        '  App->>DB: SELECT * FROM users WHERE id = 42',
        '  Note over DB: queued, 2 waiting',
        '  Note over DB: waited 10 ms for a connection',
        '  DB-->>App: row v3 (50 ms)',
        '  App->>Redis: SET user:42 "{\\"name\\":\\"Ada\\"}" EX 60',
        '  Redis-->>App: OK',
        '  Note over App: served from the database v3 in 64 ms',
      ].join('\n'),
    );
  });

  test('notes a hit and a lock wait', () => {
    const events = trace([
      { type: 'redis.command', at: 0, commandId: 1, requestId: 3, actor: 1, argv: ['SET', 'lock:user:1', 't1', 'NX', 'PX', '500'], sentAt: 0, arrivesAt: 1 },
      { type: 'redis.reply', at: 2, commandId: 1, requestId: 3, actor: 1, argv: ['SET', 'lock:user:1', 't1', 'NX', 'PX', '500'], reply: nil, outcome: null, sentAt: 1, arrivesAt: 2 },
      { type: 'lock.waiting', at: 2, requestId: 3, instance: 1, key: 'lock:user:1', token: 't1', retryAt: 52 },
      { type: 'redis.command', at: 52, commandId: 2, requestId: 3, actor: 1, argv: ['GET', 'user:1'], sentAt: 52, arrivesAt: 53 },
      { type: 'redis.reply', at: 54, commandId: 2, requestId: 3, actor: 1, argv: ['GET', 'user:1'], reply: { type: 'bulk', value: 'Ada' }, outcome: 'hit', sentAt: 53, arrivesAt: 54 },
    ]);
    const diagram = toSequenceDiagram(events);
    expect(diagram).toContain('participant App as App (app-2)');
    expect(diagram).toContain('Note over App,Redis: lock lock:user:1 held by another request, retry at 52 ms');
    expect(diagram).toContain('Redis-->>App: "Ada"\n  Note over App,Redis: cache hit');
  });

  test('folds identical lock polls into one note, keeping the first poll in full', () => {
    const inputs: TraceEventInput[] = [];
    let commandId = 0;
    const roundTrip = (at: number, argv: string[], reply: Reply, outcome: 'hit' | 'miss' | null) => {
      commandId += 1;
      inputs.push({ type: 'redis.command', at, commandId, requestId: 5, actor: 0, argv, sentAt: at, arrivesAt: at + 1 });
      inputs.push({ type: 'redis.reply', at: at + 2, commandId, requestId: 5, actor: 0, argv, reply, outcome, sentAt: at + 1, arrivesAt: at + 2 });
    };
    // The first attempt and four polls all find the lock taken; the fifth GET hits.
    for (let round = 0; round < 5; round += 1) {
      const at = round * 50;
      roundTrip(at, ['GET', 'user:1'], nil, 'miss');
      roundTrip(at + 3, ['SET', 'lock:user:1', 't5', 'NX', 'PX', '2000'], nil, null);
      inputs.push({ type: 'lock.waiting', at: at + 5, requestId: 5, instance: 0, key: 'lock:user:1', token: 't5', retryAt: at + 50 });
    }
    roundTrip(250, ['GET', 'user:1'], { type: 'bulk', value: 'Ada' }, 'hit');
    const diagram = toSequenceDiagram(trace(inputs));
    expect(diagram.match(/SET lock:user:1/g)).toHaveLength(2);
    expect(diagram).toContain('Note over App,Redis: lock lock:user:1 held by another request, retry at 50 ms');
    expect(diagram).toContain('Note over App,Redis: lock lock:user:1 still held: the same poll ran 4 times, retry at 250 ms');
    expect(diagram.endsWith('Redis-->>App: "Ada"\n  Note over App,Redis: cache hit')).toBe(true);
  });

  test('draws a Redis timeout as a lost message', () => {
    const events = trace([
      { type: 'redis.error', at: 100, commandId: 1, requestId: 1, actor: 0, argv: ['GET', 'k'], error: 'timeout', message: 'Command timed out', attempt: 0, retryAt: null },
    ]);
    expect(toSequenceDiagram(events)).toContain('Redis--xApp: timeout: Command timed out\n  Note over App: gives up on Redis');
  });

  test('several requests get one lifeline each, beside the shared Redis and Database', () => {
    const race = trace([
      { type: 'request.arrived', at: 0, requestId: 1, instance: 0, key: 'user:3', kind: 'read' },
      { type: 'redis.command', at: 0, commandId: 1, requestId: 1, actor: 0, argv: ['GET', 'user:3'], sentAt: 0, arrivesAt: 1 },
      { type: 'redis.reply', at: 2, commandId: 1, requestId: 1, actor: 0, argv: ['GET', 'user:3'], reply: nil, outcome: 'miss', sentAt: 1, arrivesAt: 2 },
      { type: 'request.arrived', at: 3, requestId: 2, instance: 1, key: 'user:3', kind: 'write' },
      { type: 'db.started', at: 3, queryId: 1, requestId: 2, instance: 1, op: 'write', table: 'users', id: '3', waitMs: 0, finishesAt: 40, active: 1 },
      { type: 'request.arrived', at: 4, requestId: 5, instance: 0, key: 'user:9', kind: 'read' },
      { type: 'db.finished', at: 40, queryId: 1, requestId: 2, instance: 1, op: 'write', table: 'users', id: '3', version: 2, waitMs: 0, latencyMs: 37, ok: true, active: 0 },
    ]);
    expect(toSequenceDiagram(race, [1, 2])).toBe(
      [
        'sequenceDiagram',
        '  participant R1 as read #35;1 (app-1)',
        '  participant R2 as write #35;2 (app-2)',
        '  participant Redis as Redis',
        '  participant DB as Database',
        '  Note over R1: read user:3',
        '  R1->>Redis: GET user:3',
        '  Redis-->>R1: (nil)',
        '  Note over R1,Redis: cache miss',
        '  Note over R2: write user:3',
        '  R2->>DB: UPDATE users SET … WHERE id = 3',
        '  DB-->>R2: updated to v2 (37 ms)',
      ].join('\n'),
    );
    // One id is the single-request drawing.
    expect(toSequenceDiagram(race, [2])).toContain('participant App as App (app-2)');
    // In a lab that draws a Writer, the write is the writer's, as the flow and the Log name it.
    expect(toSequenceDiagram(race, [1, 2], true)).toContain('  participant R1 as read #35;1 (app-1)\n  participant R2 as write #35;2 (writer)\n');
    expect(toSequenceDiagram(race, [2], true)).toContain('participant App as Writer\n');
    expect(toSequenceDiagram(race, [1], true)).toContain('participant App as App (app-1)\n');
  });

  test('the generated text parses as a mermaid sequence diagram', async () => {
    const mermaid = await loadMermaid();
    await expect(mermaid.parse(toSequenceDiagram(missThenFill))).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  test('labels with ; # < > are escaped and still parse', async () => {
    const events = trace([
      { type: 'redis.command', at: 0, commandId: 1, requestId: 1, actor: 0, argv: ['SET', 'k', 'a;b#c<d>'], sentAt: 0, arrivesAt: 1 },
    ]);
    const diagram = toSequenceDiagram(events);
    expect(diagram).toContain('App->>Redis: SET k a#59;b#35;c#60;d#62;');
    const mermaid = await loadMermaid();
    await expect(mermaid.parse(diagram)).resolves.toBeTruthy();
  });
});

describe('mermaid directives in labels', () => {
  test('a key holding %%{init…}%% or %% keeps its label: the diagram as mermaid reads it has every message whole', async () => {
    const keys = ['%%{init:{"theme":"dark"}}%%', 'a%%b', '%%{wrap}%%'];
    const events = trace(keys.map((key, i) => ({ type: 'redis.command', at: 0, commandId: i + 1, requestId: 1, actor: 0, argv: ['GET', key], sentAt: 0, arrivesAt: 1 })));
    const diagram = toSequenceDiagram(events);
    expect(diagram).not.toContain('%');
    const mermaid = await loadMermaid();
    const parsed = (await (mermaid as unknown as { mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: { getMessages(): { message: string }[] } }> } }).mermaidAPI.getDiagramFromText(diagram));
    // Mermaid keeps entity codes as placeholders (`ﬂ°°37¶ß`) until it draws; decode them as it would.
    const messages = parsed.db.getMessages().map(({ message }) => message.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code))));
    expect(messages).toEqual(keys.map((key) => commandLine(['GET', key])));
  });
});

describe('labels', () => {
  test.each([
    [['get', 'user:1'], 'GET user:1'],
    [['SET', 'k', 'hello world'], 'SET k "hello world"'],
    [['SET', 'k', 'x'.repeat(40)], `SET k ${'x'.repeat(27)}…`],
    [['SET', 'k', ''], 'SET k ""'],
  ])('commandLine(%j) = %s', (argv, expected) => {
    expect(commandLine(argv)).toBe(expected);
  });

  test.each([
    [{ type: 'status', value: 'OK' }, 'OK'],
    [{ type: 'bulk', value: null }, '(nil)'],
    [{ type: 'integer', value: 2 }, '(integer) 2'],
    [{ type: 'error', message: 'WRONGTYPE bad' }, '(error) WRONGTYPE bad'],
    [{ type: 'array', value: [] }, '(empty array)'],
    [{ type: 'array', value: [{ type: 'bulk', value: 'a' }] }, '["a"]'],
    // A SCAN reply shows its cursor and keys; an array too long for a line is counted.
    [{ type: 'array', value: [{ type: 'bulk', value: '14' }, { type: 'array', value: [{ type: 'bulk', value: 'user:42:a' }] }] }, '["14", ["user:42:a"]]'],
    [{ type: 'array', value: Array.from({ length: 20 }, (_, i) => ({ type: 'bulk', value: `user:${i}` }) as const) }, '[20 items]'],
    [{ type: 'bulk', value: 'two words' }, '"two words"'],
  ] as const)('replySummary(%j) = %s', (reply, expected) => {
    expect(replySummary(reply)).toBe(expected);
  });

  test('text() flattens newlines', () => {
    expect(text('a\nb')).toBe('a b');
  });
});

describe('on real simulation traces', () => {
  test.each(['plain', 'lock', 'coalesce', 'xfetch', 'swr'] as const)('every request of a %s burst makes a diagram that parses', async (strategy) => {
    const { createSimulation } = await import('../scenarios/simulation.ts');
    const sim = createSimulation({ scenario: 'stampede', options: { strategy, instances: 2 }, seed: 3 });
    sim.apply({ type: 'read', key: 'user:1' });
    sim.runUntilIdle();
    sim.apply({ type: 'write', key: 'user:1' });
    sim.runUntilIdle();
    sim.apply({ type: 'burst', key: 'user:1', count: 6 });
    sim.runUntilIdle();
    const ids = new Set(sim.trace.flatMap((event) => ('requestId' in event && typeof event.requestId === 'number' ? [event.requestId] : [])));
    expect(ids.size).toBeGreaterThan(3);
    const mermaid = await loadMermaid();
    for (const id of ids) {
      const diagram = toSequenceDiagram(sim.trace.filter((event) => 'requestId' in event && event.requestId === id));
      expect(diagram).toMatch(/App->>Redis: /);
      await expect(mermaid.parse(diagram), diagram).resolves.toMatchObject({ diagramType: 'sequence' });
    }
  });
});
