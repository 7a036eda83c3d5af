// MULTI/EXEC/DISCARD/WATCH/UNWATCH against a real redis-server 7.0, with several clients: every
// reply of every client must match, in RESP2 and RESP3, including expiry and FLUSHALL under WATCH.
import {
  bigintSafe,
  onTheWire,
  RealConnection,
  sameReply,
  startRealRedis,
  type RealRedis,
} from './differential-harness.ts';
import { line } from './differential-scripts.ts';
import { clientFieldsOnly, randomSteps, TRANSACTIONS, type Step } from './differential-transaction-scripts.ts';
import { RedisEmulator } from '../../src/redis/emulator.ts';
import type { Session } from '../../src/redis/session.ts';
import type { RespValue } from '../../src/redis/resp.ts';

/** The same three clients on both sides; steps run one at a time so clients interleave exactly. */
class Clients {
  readonly emulator = new RedisEmulator({ now: () => Date.now() });
  readonly sessions: Session[] = [];
  compared = 0;

  private constructor(readonly real: RealConnection[]) {
    for (let i = 0; i < real.length; i++) this.sessions.push(this.emulator.createSession());
  }

  static async open(port: number, count = 3): Promise<Clients> {
    const real: RealConnection[] = [];
    for (let i = 0; i < count; i++) real.push(await RealConnection.open(port));
    await real[0]!.send([['DEBUG', 'SET-ACTIVE-EXPIRE', '0']]);
    const clients = new Clients(real);
    await clients.emulator.loadScripting();
    return clients;
  }

  async run(steps: readonly Step[]): Promise<string[]> {
    const differences: string[] = [];
    for (const step of steps) {
      if (step.startsWith('sleep ')) {
        await new Promise((resolve) => setTimeout(resolve, Number(step.slice(6))));
        continue;
      }
      const client = step.charCodeAt(0) - 65;
      const argv = line(step.slice(2));
      const session = this.sessions[client]!;
      let emulated: RespValue = onTheWire(this.emulator.exec(argv, session), session.protocol);
      const [sent] = await this.real[client]!.send([argv]);
      const real = clientFieldsOnly(sent!);
      emulated = clientFieldsOnly(emulated);
      this.compared++;
      if (!sameReply(argv, real, emulated)) {
        differences.push(`${step}\n  real:     ${JSON.stringify(real, bigintSafe)}\n  emulated: ${JSON.stringify(emulated, bigintSafe)}`);
      }
    }
    return differences;
  }

  close(): void {
    for (const connection of this.real) connection.close();
  }
}

let redis: RealRedis;

beforeAll(async () => {
  redis = await startRealRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe.each([2, 3] as const)('transactions reply exactly like redis-server 7.0 (RESP%i)', (protocol) => {
  let clients: Clients;

  beforeAll(async () => {
    clients = await Clients.open(redis.port);
    if (protocol === 3) await clients.run(['A HELLO 3', 'B HELLO 3', 'C HELLO 3']);
  });

  afterAll(() => {
    console.log(`differential (transactions, RESP${protocol}): ${clients?.compared ?? 0} replies compared`);
    clients?.close();
  });

  test.each([1, 2, 3])('seeded random transactions, seed %i (1,500 steps)', async (seed) => {
    await clients.run(['A DISCARD', 'B DISCARD', 'C DISCARD', 'A SELECT 0', 'B SELECT 0', 'C SELECT 0', 'A FLUSHALL']);
    await clients.run(['A UNWATCH', 'B UNWATCH', 'C UNWATCH']);
    expect(await clients.run(randomSteps(seed * 7919 + protocol, 1500))).toEqual([]);
  });

  test.each(Object.entries(TRANSACTIONS))('%s', async (_name, steps) => {
    await clients.run(['A DISCARD', 'B DISCARD', 'A SELECT 0', 'B SELECT 0', 'A FLUSHALL', 'A UNWATCH', 'B UNWATCH']);
    expect(await clients.run(steps)).toEqual([]);
  });
});
