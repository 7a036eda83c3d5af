/** The strategies by name (their code renderings are in sources.ts, loaded with the code panel). */
import type { StrategyName } from '../types.ts';
import { serveAsIs, type CacheRule, type RequestContext, type Step, type ReadResult } from './steps.ts';
import { plainRead } from './plain.ts';
import { lockRead } from './lock.ts';
import { coalesceRead } from './coalesce.ts';
import { xfetchRead, xfetchFromCache } from './xfetch.ts';
import { swrRead, swrFromCache } from './swr.ts';

export interface Strategy {
  readonly name: StrategyName;
  readonly title: string;
  read(ctx: RequestContext, key: string): Step<ReadResult>;
  /** Its rule for a cached value, shared by `read` and the world's untraced fast path. */
  readonly fromCache: CacheRule;
}

export const strategies: { readonly [K in StrategyName]: Strategy } = {
  plain: { name: 'plain', title: 'Plain cache-aside', read: plainRead, fromCache: serveAsIs },
  lock: { name: 'lock', title: 'Rebuild under a lock', read: lockRead, fromCache: serveAsIs },
  coalesce: { name: 'coalesce', title: 'Single-flight per instance', read: coalesceRead, fromCache: serveAsIs },
  xfetch: { name: 'xfetch', title: 'Probabilistic early expiration (XFetch)', read: xfetchRead, fromCache: xfetchFromCache },
  swr: { name: 'swr', title: 'Stale-while-revalidate', read: swrRead, fromCache: swrFromCache },
};

export { visibleLines, type SourceLine, type StrategySource } from './source.ts';
