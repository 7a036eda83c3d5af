/** The strategies by name, with their code renderings. */
import type { StrategyName } from '../types.ts';
import type { RequestContext, Step, ReadResult } from './steps.ts';
import type { StrategySource } from './source.ts';
import { plainRead, plainSource } from './plain.ts';
import { lockRead, lockSource } from './lock.ts';
import { coalesceRead, coalesceSource } from './coalesce.ts';
import { xfetchRead, xfetchSource } from './xfetch.ts';
import { swrRead, swrSource } from './swr.ts';

export interface Strategy {
  readonly name: StrategyName;
  readonly title: string;
  read(ctx: RequestContext, key: string): Step<ReadResult>;
  readonly source: StrategySource;
}

export const strategies: { readonly [K in StrategyName]: Strategy } = {
  plain: { name: 'plain', title: 'Plain cache-aside', read: plainRead, source: plainSource },
  lock: { name: 'lock', title: 'Rebuild under a lock', read: lockRead, source: lockSource },
  coalesce: { name: 'coalesce', title: 'Single-flight per instance', read: coalesceRead, source: coalesceSource },
  xfetch: { name: 'xfetch', title: 'Probabilistic early expiration (XFetch)', read: xfetchRead, source: xfetchSource },
  swr: { name: 'swr', title: 'Stale-while-revalidate', read: swrRead, source: swrSource },
};

export { writeSource } from './write.ts';
export { visibleLines, type SourceLine, type StrategySource } from './source.ts';
