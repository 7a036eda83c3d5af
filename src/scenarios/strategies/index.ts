/** The strategies by name, with their code renderings. */
import type { StrategyName } from '../types.ts';
import { serveAsIs, type CacheRule, type RequestContext, type Step, type ReadResult } from './steps.ts';
import type { StrategySource } from './source.ts';
import { plainRead, plainSource } from './plain.ts';
import { lockRead, lockSource } from './lock.ts';
import { coalesceRead, coalesceSource } from './coalesce.ts';
import { xfetchRead, xfetchSource, xfetchFromCache } from './xfetch.ts';
import { swrRead, swrSource, swrFromCache } from './swr.ts';

export interface Strategy {
  readonly name: StrategyName;
  readonly title: string;
  read(ctx: RequestContext, key: string): Step<ReadResult>;
  /** Its rule for a cached value, shared by `read` and the world's untraced fast path. */
  readonly fromCache: CacheRule;
  readonly source: StrategySource;
}

export const strategies: { readonly [K in StrategyName]: Strategy } = {
  plain: { name: 'plain', title: 'Plain cache-aside', read: plainRead, fromCache: serveAsIs, source: plainSource },
  lock: { name: 'lock', title: 'Rebuild under a lock', read: lockRead, fromCache: serveAsIs, source: lockSource },
  coalesce: { name: 'coalesce', title: 'Single-flight per instance', read: coalesceRead, fromCache: serveAsIs, source: coalesceSource },
  xfetch: { name: 'xfetch', title: 'Probabilistic early expiration (XFetch)', read: xfetchRead, fromCache: xfetchFromCache, source: xfetchSource },
  swr: { name: 'swr', title: 'Stale-while-revalidate', read: swrRead, fromCache: swrFromCache, source: swrSource },
};

export { writeSource } from './write.ts';
export { visibleLines, type SourceLine, type StrategySource } from './source.ts';
