/** The Console tab: redis-cli against the lab's Redis at the cursor's moment. Loaded on first open. */
import { formatReply } from '../../../redis/cli/format.ts';
import { replyAsSeenBy, type RespValue } from '../../../redis/resp.ts';
import type { TraceEvent } from '../../../engine/trace.ts';
import { RedisConsole, type ConsoleResult } from '../../console/RedisConsole.tsx';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import { loadScripting } from '../../../redis/index.ts';

// Lines that need the Lua VM (a lazily loaded chunk); redis-cli's `3 EVAL …` repeat prefix included.
const SCRIPT_LINE = /^\s*(\d+\s+)?(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;

/** What the console prints for the last console line: its reply, as redis-cli would. */
export function consoleResult(trace: readonly TraceEvent[], line: string): ConsoleResult {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type !== 'console' || event.line !== line) continue;
    if (event.error) return { output: `(error) ${event.error}`, isError: true };
    for (let j = i + 1; j < trace.length; j++) {
      const reply = trace[j]!;
      if ((reply.type === 'redis.reply' || reply.type === 'redis.executed') && reply.commandId === event.commandId) {
        const seen = replyAsSeenBy(reply.reply as RespValue, consoleProtocol(trace, i));
        return { output: formatReply(seen).replace(/\n$/, ''), isError: reply.reply.type === 'error' };
      }
      if (reply.type === 'redis.error' && reply.commandId === event.commandId) return { output: `(error) ${reply.message}`, isError: true };
    }
    break;
  }
  return { output: '(no reply)', isError: true };
}

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

export function LabConsole() {
  const store = useLabStoreApi();
  const available = useLabStore((s) => s.sim !== null);
  if (!available) return <p className="cal-muted">The console needs a running simulation.</p>;
  return (
    <RedisConsole
      label="Redis console for this lab"
      greeting="Type a command, e.g. GET user:1 or TTL user:1. It runs at the cursor's moment."
      onSubmit={async (line) => {
        if (SCRIPT_LINE.test(line)) await loadScripting();
        store.getState().console(line);
        return consoleResult(store.getState().trace, line);
      }}
    />
  );
}
