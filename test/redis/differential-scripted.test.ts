// Hand-written scripts per command, including every error path, run on a real redis-server 7.0
// and on the emulator: every reply must match (KEYS/SCAN compared as sets, TTLs within clock skew).
import {
  COMPARED_STATS,
  DifferentialPair,
  formatDifference,
  infoFields,
  onTheWire,
  RealConnection,
  startRealRedis,
  type RealRedis,
} from './differential-harness.ts';
import type { RespValue } from '../../src/redis/resp.ts';

import { FAR, FAR_MS, LONG_ARGS, line, PAST_MS, SCRIPTS } from './differential-scripts.ts';

let redis: RealRedis;
let pair: DifferentialPair;
let casesRun = 0;

beforeAll(async () => {
  redis = await startRealRedis();
  pair = await DifferentialPair.open(redis.port);
});

afterAll(async () => {
  pair?.close();
  await redis?.stop();
  console.log(`differential (scripted): ${casesRun} scripts, ${pair?.compared ?? 0} replies compared`);
});

async function reset(): Promise<void> {
  await pair.run([['SELECT', '0'], ['FLUSHALL'], ['CLIENT', 'SETNAME', '']]);
}

describe('the emulator replies exactly like redis-server 7.0', () => {
  test.each(Object.entries(SCRIPTS))('%s', async (_name, script) => {
    await reset();
    const differences = await pair.run(script.map(line));
    casesRun++;
    expect(differences.map(formatDifference)).toEqual([]);
  });

  test('long and odd arguments in error messages', async () => {
    await reset();
    const differences = await pair.run(LONG_ARGS);
    casesRun++;
    expect(differences.map(formatDifference)).toEqual([]);
  });

  test('INFO stats count hits, misses, expired keys and commands the same way', async () => {
    await reset();
    await pair.run([['CONFIG', 'RESETSTAT']]);
    const script = [
      'SET a 1', 'GET a', 'GET b', 'EXISTS a b', 'TYPE a', 'TYPE b', 'TTL a', 'TTL b', 'PTTL a', 'TOUCH a b', 'MGET a b c', 'STRLEN a',
      'STRLEN b', 'GETRANGE a 0 1', 'GETRANGE b 0 1', 'INCR a', 'APPEND a x', 'SET a v GET', 'SET b v NX GET', 'GETSET a z', 'GETDEL a',
      'GETEX b', 'HSET h f v', 'HGET h f', 'HGET h g', 'HGET nope f', 'HEXISTS h f', 'HLEN h', 'HGETALL h', 'HMGET h f', 'HKEYS h',
      'HSTRLEN h f', 'HINCRBY h n 1', 'GET h', `SET x v PXAT ${PAST_MS}`, 'GET x', `SET x v PXAT ${PAST_MS}`, 'EXISTS x',
      `SET x v PXAT ${PAST_MS}`, 'DEL x', `SET x v PXAT ${PAST_MS}`, 'SET x w', `SET x v PXAT ${PAST_MS}`, 'EXPIRE x 10',
      `SET x v PXAT ${PAST_MS}`, 'KEYS *', 'SCAN 0 COUNT 100', `SET x v PXAT ${PAST_MS}`, 'SCAN 0 TYPE string COUNT 100', 'RENAME h h2',
      'RENAME nope n2', 'DBSIZE', 'PING', 'GET', 'nosuch', 'CLIENT FOO', 'EXPIRE b 100', 'PERSIST b', 'SETNX b 1', 'MSETNX b 1 c 2',
    ].map(line);
    const differences = await pair.run(script);
    expect(differences.map(formatDifference)).toEqual([]);
    const { real, emulated } = await pair.both(['INFO', 'stats']);
    const realFields = infoFields(real);
    const emulatedFields = infoFields(emulated);
    for (const field of COMPARED_STATS) expect([field, emulatedFields.get(field)]).toEqual([field, realFields.get(field)]);
    casesRun++;
  });

  test('INFO keyspace reports keys and expires per database', async () => {
    await reset();
    await pair.run(['SET a 1', 'SET b 2 EX 100', 'SELECT 3', 'HSET h f v', 'SELECT 0'].map(line));
    const { real, emulated } = await pair.both(['INFO', 'keyspace']);
    const strip = (fields: Map<string, string>) =>
      [...fields].map(([name, value]) => `${name}:${value.replace(/,avg_ttl=\d+/, '')}`).sort();
    expect(strip(infoFields(emulated))).toEqual(strip(infoFields(real)));
    casesRun++;
  });

  test('HELLO switches protocol and replies with the same map, RESP3 replies then match too', async () => {
    await reset();
    const hello = await pair.both(['HELLO', '3']);
    // The client id depends on how many connections each server has seen.
    const withoutId = (value: typeof hello.real) => {
      if (value.type === 'map') return value.value.filter(([key]) => !(key.type === 'bulk' && key.value === 'id'));
      if (value.type === 'array' && value.value !== null) {
        const items = value.value;
        const isIdKey = (item: RespValue | undefined) => item?.type === 'bulk' && item.value === 'id';
        return items.filter((_item, i) => !(i % 2 === 1 && isIdKey(items[i - 1])));
      }
      return value;
    };
    expect(withoutId(hello.emulated)).toEqual(withoutId(hello.real));
    const script = [
      'GET nope', 'SET k v', 'HSET h a 1 b 2', 'HGETALL h', 'HGETALL nope', 'MGET k nope', 'CONFIG GET maxmemory', 'SET k v GET', 'SET k v NX',
      'HMGET h a z', 'SCAN 0 COUNT 100', 'KEYS *', 'CLIENT GETNAME', 'INCRBYFLOAT f 1.5', 'HELLO', 'HELLO 2',
    ].map(line);
    const differences = await pair.run(script.slice(0, -2));
    expect(differences.map(formatDifference)).toEqual([]);
    const back = await pair.both(['HELLO', '2']);
    expect(withoutId(back.emulated)).toEqual(withoutId(back.real));
    expect(pair.session.protocol).toBe(2);
    casesRun++;
  });

  test('COMMAND INFO gives the same name, arity, flags, key positions and ACL categories', async () => {
    await reset();
    const names = [...new Set(pair.emulator.commandTable.values())].map((spec) => spec.name);
    const { real, emulated } = await pair.both(['COMMAND', 'INFO', ...names]);
    const head = (value: typeof real) =>
      value.type === 'array' && value.value !== null
        ? value.value.map((entry) => (entry.type === 'array' && entry.value !== null ? entry.value.slice(0, 7) : entry))
        : value;
    expect(head(emulated)).toEqual(head(real));
    casesRun++;
  });

  test('keys expire on time, lazily, with the same replies and counters', async () => {
    await reset();
    await pair.run([['CONFIG', 'RESETSTAT']]);
    const first = await pair.run(['SET a v PX 150', 'SET b v PX 150', 'SET c v PX 5000', 'SET d v EX 1', 'PTTL a'].map(line));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await pair.run(['DBSIZE', 'TTL a', 'DBSIZE', 'GET b', 'TTL c', 'DBSIZE', 'KEYS *'].map(line));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const third = await pair.run(['TTL d', 'EXISTS d', 'DBSIZE'].map(line));
    expect([...first, ...second, ...third].map(formatDifference)).toEqual([]);
    const { real, emulated } = await pair.both(['INFO', 'stats']);
    for (const field of COMPARED_STATS) expect([field, infoFields(emulated).get(field)]).toEqual([field, infoFields(real).get(field)]);
    casesRun++;
  });

  test('two connections keep their own database, name and protocol', async () => {
    await reset();
    const other = await RealConnection.open(redis.port);
    const otherSession = pair.emulator.createSession();
    const both = async (which: 'main' | 'other', argv: string[]) => {
      if (which === 'main') return pair.both(argv);
      const emulated = onTheWire(pair.emulator.exec(argv, otherSession), otherSession.protocol);
      const [real] = await other.send([argv]);
      return { real: real!, emulated };
    };
    const steps: Array<['main' | 'other', string]> = [
      ['other', 'SELECT 1'], ['other', 'SET k in-1'], ['main', 'GET k'], ['main', 'SET k in-0'], ['other', 'GET k'],
      ['other', 'CLIENT SETNAME bob'], ['main', 'CLIENT GETNAME'], ['other', 'CLIENT GETNAME'], ['other', 'DBSIZE'], ['main', 'DBSIZE'],
      ['other', 'FLUSHDB'], ['main', 'GET k'], ['other', 'GET k'], ['main', 'RANDOMKEY'], ['other', 'RANDOMKEY'],
    ];
    try {
      for (const [which, text] of steps) {
        const { real, emulated } = await both(which, line(text));
        expect([which, text, emulated]).toEqual([which, text, real]);
      }
    } finally {
      other.close();
      pair.emulator.closeSession(otherSession);
    }
    casesRun++;
  });

  test('INFO sections and CLIENT INFO use Redis field names, in Redis order', async () => {
    await reset();
    const { real, emulated } = await pair.both(['INFO', 'everything']);
    const sectionsOf = (value: typeof real) => {
      const text = value.type === 'bulk' || value.type === 'verbatim' ? (value.value ?? '') : '';
      return text.split('\r\n\r\n').map((block) => block.split('\r\n').filter(Boolean).map((row) => row.split(':')[0]!));
    };
    const realSections = new Map(sectionsOf(real).map((rows) => [rows[0], rows.slice(1)]));
    for (const [title, ...fields] of sectionsOf(emulated)) {
      const realFields = realSections.get(title);
      expect([title, realFields === undefined]).toEqual([title, false]);
      // Every field the emulator reports exists in Redis, in the same relative order (but the
      // per-command lines, which Redis lists in its command table's hash order: as sets).
      if (title === '# Commandstats' || title === '# Latencystats') {
        expect(new Set(fields)).toEqual(new Set(realFields));
        continue;
      }
      expect(fields).toEqual(realFields!.filter((field) => fields.includes(field)));
    }
    const client = await pair.both(['CLIENT', 'INFO']);
    const names = (value: typeof real) =>
      (value.type === 'bulk' || value.type === 'verbatim' ? (value.value ?? '') : '').trim().split(' ').map((pair) => pair.split('=')[0]);
    expect(names(client.emulated)).toEqual(names(client.real));
    casesRun++;
  });

  test('COMMAND DOCS gives the same summary, since, group and complexity (redis-cli reads it on connect)', async () => {
    await reset();
    const names = [...new Set(pair.emulator.commandTable.values())].map((spec) => spec.name);
    const { real, emulated } = await pair.both(['COMMAND', 'DOCS', ...names]);
    const docs = (value: typeof real) => {
      const entries = value.type === 'array' && value.value !== null ? value.value : [];
      const out: Record<string, Record<string, unknown>> = {};
      for (let i = 0; i + 1 < entries.length; i += 2) {
        const fields = entries[i + 1]!;
        const list = fields.type === 'array' && fields.value !== null ? fields.value : [];
        const row: Record<string, unknown> = {};
        for (let j = 0; j + 1 < list.length; j += 2) {
          const name = list[j]!.type === 'bulk' ? (list[j] as { value: string }).value : '';
          if (['summary', 'since', 'group', 'complexity'].includes(name)) row[name] = list[j + 1];
        }
        out[(entries[i] as { value: string }).value] = row;
      }
      return out;
    };
    expect(docs(emulated)).toEqual(docs(real));
    casesRun++;
  });

  test('every combination of up to three SET, GETEX and EXPIRE options', async () => {
    await reset();
    const setOptions = [['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['EX', '100'], ['PX', '100000'], ['EXAT', FAR], ['PXAT', FAR_MS], ['ex'], ['BAD']];
    const getexOptions = [['PERSIST'], ['EX', '100'], ['PX', '100000'], ['EXAT', FAR], ['PXAT', FAR_MS], ['KEEPTTL'], ['NX'], ['px']];
    const expireOptions = ['NX', 'XX', 'GT', 'LT', 'nx', 'BAD'];
    const commands: string[][] = [];
    for (const a of setOptions) {
      for (const b of setOptions) {
        for (const c of [[], ...setOptions]) {
          commands.push(['SET', 'k', 'v', ...a, ...b, ...c], ['TTL', 'k']);
          commands.push(['SET', 'missing', 'v', ...a, ...b, ...c], ['DEL', 'missing']);
        }
      }
    }
    for (const a of getexOptions) {
      for (const b of [[], ...getexOptions]) commands.push(['SET', 'g', 'v', 'EX', '50'], ['GETEX', 'g', ...a, ...b], ['TTL', 'g']);
    }
    for (const a of expireOptions) {
      for (const b of ['', ...expireOptions]) {
        for (const ttl of ['50', '200']) {
          commands.push(['SET', 'e', 'v', 'EX', '100'], ['EXPIRE', 'e', ttl, a, ...(b ? [b] : [])], ['TTL', 'e']);
          commands.push(['SET', 'p', 'v'], ['EXPIRE', 'p', ttl, a, ...(b ? [b] : [])], ['TTL', 'p']);
        }
      }
    }
    const differences = [];
    for (let i = 0; i < commands.length; i += 500) differences.push(...(await pair.run(commands.slice(i, i + 500))));
    expect(differences.slice(0, 5).map(formatDifference)).toEqual([]);
    casesRun++;
  });

  test('SCAN with a small COUNT visits every key that stays present, under inserts and deletes', async () => {
    await reset();
    const keys = Array.from({ length: 200 }, (_, i) => `key:${i}`);
    await pair.run([['MSET', ...keys.flatMap((k) => [k, 'v'])]]);
    const sides = { real: new Set<string>(), emulated: new Set<string>() };
    let cursors = { real: '0', emulated: '0' };
    let step = 0;
    do {
      const { real, emulated } = {
        real: (await pair.real.send([['SCAN', cursors.real, 'COUNT', '7']]))[0]!,
        emulated: pair.emulator.exec(['SCAN', cursors.emulated, 'COUNT', '7'], pair.session),
      };
      for (const [side, reply] of [['real', real], ['emulated', emulated]] as const) {
        if (reply.type !== 'array' || reply.value === null) throw new Error('SCAN replied ' + JSON.stringify(reply));
        const [cursor, batch] = reply.value as unknown as [{ value: string }, { value: { value: string }[] }];
        if (cursors[side] !== '0' || step === 0) cursors = { ...cursors, [side]: cursor.value };
        for (const key of batch.value) sides[side].add(key.value);
      }
      // Churn: delete late keys and add new ones while iterating (these may or may not be seen).
      step++;
      await pair.run([['DEL', `key:${199 - step}`], ['SET', `new:${step}`, 'v']]);
    } while ((cursors.real !== '0' || cursors.emulated !== '0') && step < 500);
    const stable = keys.slice(0, 199 - step);
    for (const key of stable) {
      expect(sides.real.has(key)).toBe(true);
      expect(sides.emulated.has(key)).toBe(true);
    }
    casesRun++;
  });
});
