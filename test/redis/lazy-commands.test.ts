// The command rows the labs never send load on demand (loadCommands). Every test here imports
// fresh modules, so they start with those rows not loaded, as a page does.
import type { ShareState } from '../../src/share/link.ts';
import type { Session } from '../../src/redis/session.ts';

beforeEach(() => {
  vi.resetModules();
});

test('before loading, a lazy command says how to load it, never "unknown command"; a real unknown name still is one', async () => {
  const { RedisEmulator, loadCommandsFor } = await import('../../src/redis/index.ts');
  const redis = new RedisEmulator({ now: () => 0 });
  for (const argv of [['LPUSH', 'q', 'a'], ['zadd', 'z', '1', 'm'], ['XADD', 's', '*', 'f', 'v'], ['PUBLISH', 'c', 'm'], ['CLIENT', 'TRACKING', 'on'], ['COMMAND', 'COUNT'], ['COMMAND'], ['CONFIG', 'GET', 'maxmemory'], ['INFO'], ['MEMORY', 'USAGE', 'k'], ['OBJECT', 'ENCODING', 'k'], ['CLIENT', 'LIST'], ['client', 'info'], ['MULTI'], ['WATCH', 'k'], ['TTL', 'k'], ['PING'], ['EXISTS', 'k']]) {
    const reply = redis.exec(argv);
    expect(reply).toMatchObject({ type: 'error', message: expect.stringContaining('loadCommands()') });
    expect(reply).not.toMatchObject({ message: expect.stringContaining('unknown') });
  }
  expect(redis.exec(['EVAL', 'return 1', '0'])).toMatchObject({ type: 'error', message: expect.stringContaining('loadScripting()') });
  expect(redis.exec(['NOSUCH', 'x'])).toMatchObject({ type: 'error', message: expect.stringContaining("unknown command 'NOSUCH'") });
  expect(redis.exec(['SET', 'k', 'v'])).toEqual({ type: 'status', value: 'OK' });

  await loadCommandsFor('LPUSH q a');
  expect(redis.exec(['LPUSH', 'q', 'a'])).toEqual({ type: 'integer', value: 1 });
  expect(redis.exec(['CLIENT', 'TRACKING', 'on'])).toEqual({ type: 'status', value: 'OK' });
  expect(redis.exec(['CLIENT', 'ID'])).toEqual({ type: 'integer', value: expect.any(Number) });
  // The transaction machinery arrives with the rows: a WATCHed key touched by SET aborts EXEC.
  expect(redis.exec(['WATCH', 'k'])).toEqual({ type: 'status', value: 'OK' });
  expect(redis.exec(['SET', 'k', 'v2'])).toEqual({ type: 'status', value: 'OK' });
  expect(redis.exec(['MULTI'])).toEqual({ type: 'status', value: 'OK' });
  expect(redis.exec(['GET', 'k'])).toEqual({ type: 'status', value: 'QUEUED' });
  expect(redis.exec(['EXEC'])).toEqual({ type: 'array', value: null });
  expect(redis.exec(['CONFIG', 'SET', 'maxmemory', '1mb'])).toEqual({ type: 'status', value: 'OK' });
  expect(JSON.stringify(redis.exec(['INFO', 'memory']))).toContain('maxmemory:1048576');
  expect(redis.exec(['OBJECT', 'ENCODING', 'k'])).toEqual({ type: 'bulk', value: 'embstr' });
  // COMMAND, COMMAND INFO and COMMAND DOCS need the command descriptions, a chunk of their own:
  // until a COMMAND line loads it they refuse rather than answer without key specs or arguments.
  const { commandsLoadedFor } = await import('../../src/redis/index.ts');
  expect(commandsLoadedFor('COMMAND DOCS get')).toBe(false);
  expect(commandsLoadedFor(' 3 command info get')).toBe(false);
  for (const argv of [['COMMAND'], ['COMMAND', 'INFO', 'get'], ['command', 'docs']]) {
    expect(redis.exec(argv)).toMatchObject({ type: 'error', message: expect.stringContaining('loadCommandDocs()') });
  }
  expect(redis.exec(['COMMAND', 'COUNT'])).toMatchObject({ type: 'integer' });
  await loadCommandsFor('COMMAND DOCS del client|id');
  expect(commandsLoadedFor('COMMAND DOCS get')).toBe(true);
  // COMMAND DOCS gets the first-load rows' summary and complexity with the lazy chunk.
  const docs = JSON.stringify(redis.exec(['COMMAND', 'DOCS', 'del', 'client|id']));
  expect(docs).toContain('"arguments"');
  expect(JSON.stringify(redis.exec(['COMMAND', 'INFO', 'del']))).toContain('begin_search');
  expect(docs).toContain('O(N) where N is the number of keys that will be removed');
  expect(docs).toContain('Delete a key');
  expect(docs).toContain('Returns the client ID for the current connection');
});

test('a share link whose console typed LPUSH replays it with a real reply, not "not loaded"', async () => {
  const { createLabStore } = await import('../../src/store/index.ts');
  const { defaultEngine } = await import('../../src/store/defaultEngine.ts');
  const { captureShareState, restoreShareState } = await import('../../src/share/restore.ts');
  const { commandsLoadedFor } = await import('../../src/redis/index.ts');
  const original = createLabStore({ scenario: 'stampede', options: { strategy: 'plain' }, seed: 7, engine: defaultEngine });
  original.getState().advance(100);
  // Typed before any load: the original answers "not loaded"; the point is the replay below.
  original.getState().console('LPUSH q a');
  expect(JSON.stringify(original.getState().trace)).toContain('not loaded');
  const state: ShareState = captureShareState(original.getState(), '10-stampede');
  expect(commandsLoadedFor('LPUSH q a')).toBe(false);

  const store = createLabStore({ scenario: 'stampede', options: { strategy: 'plain' }, seed: 7, engine: defaultEngine });
  const restore = restoreShareState(store, state, { schedule: (next) => setTimeout(next, 0) });
  await new Promise<void>((resolve) => {
    const check = () => (restore.getStatus().phase === 'running' ? setTimeout(check, 5) : resolve());
    check();
  });
  expect(restore.getStatus()).toMatchObject({ phase: 'done', notes: [] });
  const text = JSON.stringify(store.getState().trace);
  expect(text).toContain('LPUSH');
  expect(text).not.toContain('not loaded');
  expect(text).not.toContain('unknown command');
});

test('the RESP server loads every command before it listens', async () => {
  const { RedisEmulator } = await import('../../src/redis/index.ts');
  const { startRespServer } = await import('../../src/server/server.ts');
  const { createConnection } = await import('node:net');
  const redis = new RedisEmulator({ now: () => 0 });
  const server = await startRespServer<Session>(redis, { port: 0, log: () => {} });
  try {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(server.port, server.host);
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
        if (data.endsWith('\r\n')) {
          socket.end();
          resolve(data);
        }
      });
      socket.on('error', reject);
      socket.write('*3\r\n$5\r\nLPUSH\r\n$1\r\nq\r\n$1\r\na\r\n');
    });
    expect(reply).toBe(':1\r\n');
  } finally {
    await server.close();
  }
});

test('LAZY_COMMANDS names exactly the rows, containers and subcommands that table-types.ts installs', async () => {
  const { LAZY_COMMANDS } = await import('../../src/redis/commands/table.ts');
  const lazy = await import('../../src/redis/commands/table-types.ts');
  const installed = [
    ...Object.keys(lazy.TYPE_ROWS),
    ...Object.keys(lazy.BASIC_ROWS),
    ...Object.keys(lazy.MULTI_SCRIPT_ROWS),
    ...Object.keys(lazy.PUBSUB_ROWS),
    ...Object.keys(lazy.SERVER_ROWS),
    ...lazy.TYPE_CONTAINERS.map((container) => container.name),
    ...Object.entries(lazy.TYPE_SUBCOMMANDS).flatMap(([container, rows]) => Object.keys(rows).map((sub) => `${container}|${sub}`)),
  ];
  expect([...LAZY_COMMANDS].sort()).toEqual(installed.sort());
});
