import type { TraceEvent, TraceEventInput } from '../../scenarios/events.ts';

/** Stamps `seq` as the trace does. */
export function stamp(inputs: TraceEventInput[]): TraceEvent[] {
  return inputs.map((event, seq) => ({ ...event, seq }) as TraceEvent);
}

/** `n` reads, alternating miss and hit, each GET executed by Redis. */
export function manyGets(n: number): TraceEvent[] {
  const inputs: TraceEventInput[] = [];
  for (let i = 0; i < n; i += 1) {
    const hit = i % 2 === 1;
    inputs.push({
      type: 'redis.executed',
      at: i * 10,
      commandId: i,
      requestId: i,
      actor: i % 3,
      argv: ['GET', `user:${i}`],
      reply: hit ? { type: 'bulk', value: `{"id":${i}}` } : { type: 'bulk', value: null },
      outcome: hit ? 'hit' : 'miss',
      changes: [],
    });
  }
  return stamp(inputs);
}
