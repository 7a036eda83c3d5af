import type { Reply } from '../reply.ts';
import { runCliLine } from './run.ts';

interface CommandTarget<S> {
  exec(argv: readonly string[], session: S): Reply;
}

/** The runner over a target and a session, with the session's database for the prompt. */
function runConsoleLine<S extends { db: number }>(target: CommandTarget<NoInfer<S>>, session: S, line: string) {
  const { replies: _replies, ...result } = runCliLine(line, (argv) => target.exec(argv, session));
  return { ...result, db: session.db };
}

/** A stand-in for the emulator: a few commands over one map, enough to exercise the console path. */
function fakeRedis(): CommandTarget<{ db: number }> & { seen: (readonly string[])[] } {
  const data = new Map<string, string>();
  const seen: (readonly string[])[] = [];
  return {
    seen,
    exec(argv, session): Reply {
      seen.push(argv);
      const [name, ...args] = argv;
      switch (name!.toUpperCase()) {
        case 'SET':
          data.set(args[0]!, args[1]!);
          return { type: 'status', value: 'OK' };
        case 'GET':
          return { type: 'bulk', value: data.get(args[0]!) ?? null };
        case 'INCR': {
          const next = Number(data.get(args[0]!) ?? '0') + 1;
          data.set(args[0]!, String(next));
          return { type: 'integer', value: next };
        }
        case 'KEYS':
          return { type: 'array', value: [...data.keys()].map((key) => ({ type: 'bulk', value: key }) as const) };
        case 'SELECT':
          session.db = Number(args[0]);
          return { type: 'status', value: 'OK' };
        default:
          return { type: 'error', message: `ERR unknown command '${name}', with args beginning with: ` };
      }
    },
  };
}

test('a command is parsed, executed and printed like redis-cli', () => {
  const redis = fakeRedis();
  const session = { db: 0 };
  expect(runConsoleLine(redis, session, 'SET greeting "hello world"')).toEqual({
    argv: ['SET', 'greeting', 'hello world'],
    output: 'OK',
    isError: false,
    db: 0,
  });
  expect(runConsoleLine(redis, session, 'GET greeting').output).toBe('"hello world"');
  expect(runConsoleLine(redis, session, 'GET missing').output).toBe('(nil)');
  expect(runConsoleLine(redis, session, 'KEYS *').output).toBe('1) "greeting"');
});

test('unbalanced quotes give redis-cli\'s message and send nothing', () => {
  const redis = fakeRedis();
  expect(runConsoleLine(redis, { db: 0 }, 'SET k "oops')).toEqual({ output: 'Invalid argument(s)', isError: true, db: 0 });
  expect(redis.seen).toEqual([]);
});

test('errors are flagged and printed with the (error) prefix', () => {
  const result = runConsoleLine(fakeRedis(), { db: 0 }, 'NOPE');
  expect(result.isError).toBe(true);
  expect(result.output).toMatch(/^\(error\) ERR unknown command 'NOPE'/);
});

test('a leading count repeats the command; a bad count sends nothing', () => {
  const redis = fakeRedis();
  expect(runConsoleLine(redis, { db: 0 }, '3 INCR hits').output).toBe('(integer) 1\n(integer) 2\n(integer) 3');
  expect(runConsoleLine(redis, { db: 0 }, '0 INCR hits')).toMatchObject({ output: 'Invalid redis-cli repeat command option value.', isError: true });
  expect(redis.seen).toHaveLength(3);
});

test('SELECT reports the new database for the prompt', () => {
  const session = { db: 0 };
  expect(runConsoleLine(fakeRedis(), session, 'SELECT 1').db).toBe(1);
});

test('an empty line sends nothing', () => {
  const redis = fakeRedis();
  expect(runConsoleLine(redis, { db: 0 }, '   ')).toEqual({ argv: [], output: '', isError: false, db: 0 });
  expect(redis.seen).toEqual([]);
});

test('UTF-8 typed text goes out as bytes and comes back escaped like redis-cli', () => {
  const redis = fakeRedis();
  runConsoleLine(redis, { db: 0 }, 'SET k café');
  expect(redis.seen[0]![2]).toBe('caf\xc3\xa9');
  runConsoleLine(redis, { db: 0 }, 'SET e 🔑');
  expect(redis.seen[1]![2]).toHaveLength(4);
  expect(runConsoleLine(redis, { db: 0 }, 'GET k').output).toBe('"caf\\xc3\\xa9"');
});

test('with the real emulator: SELECT, a TTL and a wrong-type error print as redis-cli prints them', async () => {
  const { RedisEmulator } = await import('../index.ts');
  const redis = new RedisEmulator({ now: () => 1_000 });
  const session = redis.createSession();
  expect(runConsoleLine(redis, session, 'SELECT 2')).toMatchObject({ output: 'OK', db: 2 });
  expect(runConsoleLine(redis, session, 'SET user:1 Ada EX 60').output).toBe('OK');
  expect(runConsoleLine(redis, session, 'TTL user:1').output).toBe('(integer) 60');
  expect(runConsoleLine(redis, session, 'HGET user:1 name')).toMatchObject({
    output: '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
    isError: true,
  });
});
