/** The Console tab: redis-cli against the lab's Redis at the cursor's moment. Loaded on first open. */
import { useCallback, useRef } from 'react';
import { formatReply } from '../../../redis/cli/format.ts';
import type { Reply } from '../../../redis/reply.ts';
import { replyAsSeenBy, type RespValue } from '../../../redis/resp.ts';
import type { TraceEvent } from '../../../engine/trace.ts';
import { RedisConsole, type ConsoleResult } from '../../console/RedisConsole.tsx';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import { loadScripting } from '../../../redis/index.ts';

// Lines that need the Lua VM (a lazily loaded chunk); redis-cli's `3 EVAL …` repeat prefix included.
const SCRIPT_LINE = /^\s*(\d+\s+)?(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;

const READING = 'Reading messages... (press Ctrl-C to quit)';

// As redis-cli shows it on the console's connection: in RESP2 a double is a bulk string, a map flat.
const printed = (reply: Reply, protocol: 2 | 3): string => formatReply(replyAsSeenBy(reply as RespValue, protocol)).replace(/\n$/, '');

/** The console connection's protocol before trace event `before`: 2 until a HELLO 3 succeeded. */
function consoleProtocol(trace: readonly TraceEvent[], before: number): 2 | 3 {
  for (let i = before - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type !== 'console' || event.error || !/^\s*hello\s+[23]\b/i.test(event.line)) continue;
    for (let j = i + 1; j < before; j++) {
      const reply = trace[j]!;
      if ((reply.type === 'redis.reply' || reply.type === 'redis.executed') && reply.commandId === event.commandId) {
        if (reply.reply.type !== 'error') return /^\s*hello\s+3\b/i.test(event.line) ? 3 : 2;
        break;
      }
    }
  }
  return 2;
}

// redis-cli switches to reading messages once a (P)SUBSCRIBE is answered.
function startsReading(reply: Reply): boolean {
  const kind = reply.type === 'push' || reply.type === 'array' ? reply.value?.[0] : undefined;
  return kind?.type === 'bulk' && (kind.value === 'subscribe' || kind.value === 'psubscribe');
}

/**
 * What the console prints for the last console line, as redis-cli would: the frames Redis sent
 * for it ("Reading messages..." first when it subscribed; SUBSCRIBE a b answers twice) and its
 * reply. Later pushes come from `consolePushes`.
 */
export function consoleResult(trace: readonly TraceEvent[], line: string): ConsoleResult {
  const { seq: _seq, ...result } = consoleOutput(trace, line);
  return result;
}

// consoleResult plus `seq`, the last trace event the output covers.
function consoleOutput(trace: readonly TraceEvent[], line: string): ConsoleResult & { seq: number } {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type !== 'console' || event.line !== line) continue;
    if (event.error) return { output: `(error) ${event.error}`, isError: true, seq: event.seq };
    const frames: Reply[] = [];
    for (let j = i + 1; j < trace.length; j++) {
      const reply = trace[j]!;
      if (reply.type === 'console.push') frames.push(reply.reply);
      else if ((reply.type === 'redis.reply' || reply.type === 'redis.executed') && reply.commandId === event.commandId) {
        frames.push(reply.reply);
        let seq = reply.seq;
        // What Redis sends right after the reply (a tracking console's own invalidations).
        for (let k = j + 1; k < trace.length; k++) {
          const next = trace[k]!;
          if (next.type === 'redis.reply' && next.commandId === event.commandId) {
            seq = next.seq;
            continue;
          }
          if (next.type !== 'console.push' || next.at !== reply.at) break;
          frames.push(next.reply);
          seq = next.seq;
        }
        const reading = startsReading(frames[0]!) ? READING + '\n' : '';
        const protocol = consoleProtocol(trace, i);
        return { output: reading + frames.map((frame) => printed(frame, protocol)).join('\n'), isError: reply.reply.type === 'error', seq };
      } else if (reply.type === 'redis.error' && reply.commandId === event.commandId) {
        return { output: `(error) ${reply.message}`, isError: true, seq: reply.seq };
      }
    }
    break;
  }
  return { output: '(no reply)', isError: true, seq: -1 };
}

/**
 * Messages pushed to the console's connection from trace index `from` up to virtual time `until`,
 * each printed as redis-cli prints it, and the index to continue from.
 */
export function consolePushes(trace: readonly TraceEvent[], from: number, until: number): { texts: string[]; next: number } {
  const texts: string[] = [];
  let i = Math.min(from, trace.length);
  let protocol: 2 | 3 | null = null; // looked up once: a scan back through the trace
  for (; i < trace.length && trace[i]!.at <= until; i++) {
    const event = trace[i]!;
    if (event.type === 'console.push') texts.push(printed(event.reply, (protocol ??= consoleProtocol(trace, i))));
  }
  return { texts, next: i };
}

export function LabConsole() {
  const store = useLabStoreApi();
  const available = useLabStore((s) => s.sim !== null);
  // The trace index up to which pushes have been shown (with a typed line's reply, or as they came).
  const shown = useRef(0);
  const watchPushes = useCallback(
    (append: (text: string) => void) => {
      const state = store.getState();
      shown.current = consolePushes(state.trace, shown.current, state.cursor.time).next;
      return store.subscribe(({ trace, cursor }) => {
        const { texts, next } = consolePushes(trace, shown.current, cursor.time);
        shown.current = next;
        for (const text of texts) append(text);
      });
    },
    [store],
  );
  if (!available) return <p className="cal-muted">The console needs a running simulation.</p>;
  return (
    <RedisConsole
      label="Redis console for this lab"
      greeting="Type a command, e.g. GET user:1 or TTL user:1. It runs at the cursor's moment."
      onSubmit={async (line) => {
        if (SCRIPT_LINE.test(line)) await loadScripting();
        store.getState().console(line);
        const { seq, ...result } = consoleOutput(store.getState().trace, line);
        shown.current = Math.max(shown.current, seq + 1);
        return result;
      }}
      watchPushes={watchPushes}
      onInterrupt={() => {
        // Like quitting redis-cli and starting it again: a fresh connection state.
        store.getState().console('RESET');
        shown.current = Math.max(shown.current, store.getState().trace.length);
      }}
    />
  );
}
