/**
 * The learner's redis-cli in the lab: each typed line is parsed and sent as redis-cli does
 * (`src/redis/cli/parse.ts`: UTF-8 to bytes, the `N CMD` repeat), with no network latency, and every
 * command it sends is recorded like the app's (console commands are not app traffic in metrics).
 * Printing the replies is the console view's job (from the trace), so the printer stays lazy.
 */
import { binaryToUtf8, utf8ToBinary } from '../../redis/bytes.ts';
import { parseCliLine, sendParsedLine } from '../../redis/cli/parse.ts';
import { error as errorReply, type Reply } from '../../redis/reply.ts';
import type { World } from '../world.ts';
import type { LinkClient } from './redis-link.ts';

/** What one typed line came to: its replies (one per repeat), or why it sent nothing. */
export interface ConsoleLineResult {
  readonly replies: readonly Reply[];
  /** The parse error, or null. */
  readonly error: string | null;
}

/** What the console says when Redis is down (redis-cli cannot connect). */
export const REDIS_DOWN_MESSAGE = 'Could not connect to Redis: the server is down';

export class WorldConsole implements LinkClient {
  readonly actor = 'console';
  /** As a line runner (the SCAN step's code lines), the console stands where an app instance would. */
  readonly instance = 'console';
  readonly requestId = null;
  /** What the last line came to (for the session's consoleExec). */
  last: ConsoleLineResult | null = null;
  private readonly scanCursor = new Map<string, string>();
  /** Pushes Redis sends after the running command's reply (the console's own tracking invalidations). */
  private trailer: Reply[] = [];

  constructor(
    private readonly world: World,
    session: unknown,
  ) {
    // Only a recorded run shows pushes; listening costs nothing otherwise.
    if (world.recorder.recording) {
      world.redis.onPush(session, (reply, afterReply) => {
        if (afterReply) this.trailer.push(reply);
        else world.recorder.consolePush(reply);
      });
    }
  }

  resume(): void {} // console commands answer at once

  /** Run a typed line now; its commands and replies go to the trace. */
  run(line: string): ConsoleLineResult {
    const world = this.world;
    // Every line takes a command id, even one that does not parse.
    let commandId: number | null = world.link.newCommandId();
    const parsed = parseCliLine(line);
    if (!parsed.ok) {
      world.recorder.console(line, { error: parsed.error });
    } else if (parsed.argv.length > 0) {
      world.recorder.console(line, { commandId });
    }
    const replies = sendParsedLine(parsed, (argv) => {
      const id = commandId ?? world.link.newCommandId();
      commandId = null;
      return this.send(id, argv);
    });
    this.last = { replies, error: parsed.ok ? null : parsed.error };
    return this.last;
  }

  /** Send typed argv (already bytes), recorded under `line`. */
  runArgv(line: string, argv: readonly string[]): Reply {
    const commandId = this.world.link.newCommandId();
    this.world.recorder.console(line, { commandId });
    return this.send(commandId, argv);
  }

  private send(commandId: number, argv: readonly string[]): Reply {
    const { recorder, link } = this.world;
    recorder.command(commandId, null, 'console', argv, this.world.now);
    if (!link.up) {
      recorder.failed({ commandId, requestId: null, actor: 'console', argv, error: 'down', message: REDIS_DOWN_MESSAGE, attempt: 0, retryAt: null });
      return errorReply(REDIS_DOWN_MESSAGE);
    }
    const reply = link.execute(this, commandId, argv);
    recorder.reply(commandId, null, 'console', argv, reply, this.world.now);
    for (const frame of this.trailer.splice(0)) recorder.consolePush(frame);
    return reply;
  }

  /** One SCAN step of a pattern invalidation, then UNLINK of what it returned (as the lesson teaches: freed off the main thread). */
  scanStep(pattern: string, count: number, deleteMatches: boolean): void {
    const cursor = this.scanCursor.get(pattern) ?? '0';
    // The code panel steps through lesson 5's loop (strategies/sources-pattern-invalidation.ts).
    this.world.recorder.line(this, 'scanStep', 'scan');
    const reply = this.runArgv(`SCAN ${cursor} MATCH ${pattern} COUNT ${count}`, ['SCAN', cursor, 'MATCH', utf8ToBinary(pattern), 'COUNT', String(count)]);
    if (reply.type !== 'array' || reply.value === null) return;
    const [next, found] = reply.value;
    this.scanCursor.set(pattern, next?.type === 'bulk' ? (next.value ?? '0') : '0');
    if (deleteMatches && found?.type === 'array' && found.value && found.value.length > 0) {
      const keys = found.value.flatMap((k) => (k.type === 'bulk' && k.value !== null ? [k.value] : []));
      const del = ['UNLINK', ...keys];
      this.world.recorder.line(this, 'scanStep', 'unlink');
      this.runArgv(del.map((arg) => quoteArg(binaryToUtf8(arg))).join(' '), del);
    }
  }
}

/** An argument as a typed line would show it: bare when it can be, else double-quoted. */
function quoteArg(arg: string): string {
  return /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg) ? arg : `"${arg.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
