/** The Console tab: redis-cli against the lab's Redis at the cursor's moment. Loaded on first open. */
import { printReplies } from '../../../redis/cli/run.ts';
import type { Reply } from '../../../redis/reply.ts';
import type { TraceEvent } from '../../../scenarios/events.ts';
import { RedisConsole, type ConsoleResult } from '../../console/RedisConsole.tsx';
import { useLabStore, useLabStoreApi } from '../../../store/index.ts';
import { loadScripting } from '../../../redis/index.ts';

// Lines that need the Lua VM (a lazily loaded chunk); redis-cli's `3 EVAL …` repeat prefix included.
const SCRIPT_LINE = /^\s*(\d+\s+)?(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;

/** What the console prints for the last console line: its replies (one per repeat), as redis-cli would. */
export function consoleResult(trace: readonly TraceEvent[], line: string): ConsoleResult {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type !== 'console' || event.line !== line) continue;
    if (event.error) return { output: `(error) ${event.error}`, isError: true };
    // The line's commands run at once, before anything else the console sends.
    let argv: readonly string[] = [];
    const replies: Reply[] = [];
    for (let j = i + 1; j < trace.length && trace[j]!.type !== 'console'; j++) {
      const reply = trace[j]!;
      if (reply.type === 'redis.reply' && reply.actor === 'console') {
        argv = reply.argv;
        replies.push(reply.reply);
      } else if (reply.type === 'redis.error' && reply.actor === 'console') {
        argv = reply.argv;
        replies.push({ type: 'error', message: reply.message });
      }
    }
    if (replies.length > 0) return printReplies(argv, replies);
    break;
  }
  return { output: '(no reply)', isError: true };
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
