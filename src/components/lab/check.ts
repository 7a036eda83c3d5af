/** How the lab judges a lesson's check against its trace (the check's shape: src/scenarios/checks.ts). */
import type { TraceEvent } from '../../engine/trace.ts';
import type { LearnerAction } from '../../scenarios/types.ts';
import type { ScenarioInfo } from '../../store/index.ts';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The metrics of the events in [from, to): what happened since an action, not since the start. */
export function windowMetrics(trace: readonly TraceEvent[], from: number, to: number): Record<string, number> & { reads: number; dbWrites: number; keysExpired: number } {
  const m = { reads: 0, hits: 0, misses: 0, dbReads: 0, dbWrites: 0, dbPeakConcurrency: 0, staleReads: 0, redisCommands: 0, errors: 0, fallbacks: 0, keysExpired: 0 };
  const latencies: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, trace.length); i++) {
    const event = trace[i]!;
    switch (event.type) {
      case 'request.served':
        if (event.kind !== 'read') break;
        m.reads++;
        if (event.hit) m.hits++;
        else m.misses++;
        if (event.stale) m.staleReads++;
        if (event.from === 'fallback') m.fallbacks++;
        if (event.from === 'none') m.errors++;
        latencies.push(event.latencyMs);
        break;
      case 'db.started':
        // Counted when a query starts, as the core's metrics do.
        if (event.op === 'read') m.dbReads++;
        else m.dbWrites++;
        m.dbPeakConcurrency = Math.max(m.dbPeakConcurrency, event.active);
        break;
      case 'redis.executed':
        m.redisCommands++;
        break;
      case 'redis.error':
        m.errors++;
        break;
      case 'key.expired':
        m.keysExpired++;
        break;
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    ...m,
    hitRatio: m.reads > 0 ? m.hits / m.reads : 0,
    'latencyMs.p50': percentile(latencies, 50),
    'latencyMs.p95': percentile(latencies, 95),
    'latencyMs.p99': percentile(latencies, 99),
  };
}

/** The seq of the last `action` event of this type before `index`, or -1. */
export function lastActionSeq(trace: readonly TraceEvent[], type: string, index: number): number {
  for (let i = Math.min(index, trace.length) - 1; i >= 0; i--) {
    const event = trace[i]!;
    if (event.type === 'action' && event.action.type === type) return i;
  }
  return -1;
}

/** Turns an action name from a lab block into the action the lab runs, with this scenario's defaults. */
export function actionFromName(name: string, scenario: ScenarioInfo | undefined, options: Record<string, unknown>): LearnerAction | null {
  const key = scenario?.defaultKey ?? 'user:1';
  switch (name) {
    case 'read':
    case 'write':
      return { type: name, key };
    case 'burst':
      return { type: 'burst', key, count: Number(options.burstSize ?? 50) };
    case 'dbSlow':
      return { type: 'dbSlow', latencyMs: Math.max(500, Number(options.dbLatencyMs ?? 50) * 10) };
    case 'readMissing':
    case 'fastForwardToExpiry':
    case 'redisDown':
    case 'redisUp':
    case 'dbNormal':
    case 'flushCache':
      return { type: name };
    default:
      return null;
  }
}
