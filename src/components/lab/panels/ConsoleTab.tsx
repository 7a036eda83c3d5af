/** The Console tab: redis-cli against the lab's Redis at the cursor's moment. Loaded on first open. */
import { useCallback, useRef } from 'react';
import { printReplies } from '../../../redis/cli/run.ts';
import type { Reply } from '../../../redis/reply.ts';
import type { TraceEvent } from '../../../scenarios/events.ts';
import { RedisConsole, type ConsoleResult } from '../../console/RedisConsole.tsx';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import { commandsLoadedFor, loadCommandsFor } from '../../../redis/index.ts';

// Lines that need the Lua VM (a lazily loaded chunk); redis-cli's `3 EVAL …` repeat prefix included.

const READING = 'Reading messages... (press Ctrl-C to quit)';

// As redis-cli shows it on the console's connection, decoded from bytes for display.
const printed = (reply: Reply, protocol: 2 | 3): string => printReplies([], [reply], protocol).output;

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

// redis-cli switches to reading messages once a (P|S)SUBSCRIBE is answered.
function startsReading(reply: Reply): boolean {
  const kind = reply.type === 'push' || reply.type === 'array' ? reply.value?.[0] : undefined;
  return kind?.type === 'bulk' && (kind.value === 'subscribe' || kind.value === 'psubscribe' || kind.value === 'ssubscribe');
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
    // The line's commands (one per repeat) run at once: every frame the console got at this
    // instant before the next line is its output, pushes included.
    const frames: Reply[] = [];
    let argv: readonly string[] = [];
    let seq = -1;
    // "Could not connect to Redis" is the lab's own note (Redis never answered), not a reply.
    let down = true;
    for (let j = i + 1; j < trace.length && trace[j]!.at === event.at && trace[j]!.type !== 'console'; j++) {
      const next = trace[j]!;
      if (next.type === 'console.push') frames.push(next.reply);
      else if (next.type === 'redis.reply' && next.actor === 'console') {
        argv = next.argv;
        frames.push(next.reply);
      } else if (next.type === 'redis.error' && next.actor === 'console') frames.push({ type: 'error', message: next.message });
      else continue;
      if (next.type !== 'redis.error' || next.error !== 'down') down = false;
      seq = next.seq;
    }
    if (seq < 0) break;
    const reading = startsReading(frames[0]!) ? READING + '\n' : '';
    const { output, isError } = printReplies(argv, frames, consoleProtocol(trace, i));
    return { output: reading + output, isError, seq, ...(down ? { note: true } : {}) };
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
  const available = useLabStore((s) => s.running);
  // The trace index up to which pushes have been shown (with a typed line's reply, or as they came).
  const shown = useRef(0);
  const watchPushes = useCallback(
    (append: (text: string) => void) => {
      const state = store.getState();
      shown.current = consolePushes(state.trace.events, shown.current, state.cursor.time).next;
      return store.subscribe(({ trace, cursor }) => {
        const { texts, next } = consolePushes(trace.events, shown.current, cursor.time);
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
        // Separate chunks, fetched the first time the console is used (and the first script line).
        if (!commandsLoadedFor(line)) await loadCommandsFor(line);
        store.getState().console(line);
        const { seq, ...result } = consoleOutput(store.getState().trace.events, line);
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
