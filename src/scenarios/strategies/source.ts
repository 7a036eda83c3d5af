/**
 * Code renderings for the code panel. Each rendering has a TypeScript and a Python version of the
 * same code; lines carry the ids the app reports in `code.line` trace events, so the panel
 * highlights the same step in either language. `sources.ts` finds the rendering for an event.
 */
import type { SyncMethod } from '../types.ts';

/**
 * When a line shows: `null` caching on, TTL `jitter` on (or off: `plain-ttl`), or the lesson 15
 * sync method in force (`pubsub`, `keyspace`, `tracking`, `bcast`).
 */
export type LineFeature = 'null' | 'jitter' | 'plain-ttl' | SyncMethod;

export interface SourceLine {
  readonly text: string;
  /** The id the app emits when it runs this line. */
  readonly id?: string;
  /** Shown only when one of these is in force. */
  readonly features?: readonly LineFeature[];
}

export interface StrategySource {
  readonly ts: readonly SourceLine[];
  readonly python: readonly SourceLine[];
  /** The panel's name for it; a strategy's rendering takes the strategy's title. */
  readonly title?: string;
}

/** A rendering of a scenario's own app code, which has no strategy to take a title from. */
export interface CodeRendering extends StrategySource {
  readonly title: string;
}

/**
 * Parse a rendering written with a trailing `@@id`, `@@id:feature` or `@@id:a|b` marker per line.
 * @example parseSource('const v = await redis.get(key); @@get') // [{ text: 'const v = await redis.get(key);', id: 'get' }]
 */
export function parseSource(text: string): SourceLine[] {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  return lines.map((raw) => {
    const cut = raw.lastIndexOf(' @@');
    if (cut < 0) return { text: raw };
    const [id, features] = raw.slice(cut + 3).split(':');
    const line: { text: string; id?: string; features?: LineFeature[] } = { text: raw.slice(0, cut).trimEnd() };
    if (id) line.id = id;
    if (features) line.features = features.split('|') as LineFeature[];
    return line;
  });
}

/** The options a rendering's optional lines depend on. */
export interface LineOptions {
  readonly nullTtlMs: number;
  readonly jitterMs: number;
  readonly syncMethod?: string;
}

function shows(feature: LineFeature, options: LineOptions): boolean {
  switch (feature) {
    case 'null':
      return options.nullTtlMs > 0;
    case 'jitter':
      return options.jitterMs > 0;
    case 'plain-ttl':
      return options.jitterMs === 0;
    default:
      return options.syncMethod === feature;
  }
}

/** The lines to show for the options in force. */
export function visibleLines(lines: readonly SourceLine[], options: LineOptions): SourceLine[] {
  return lines.filter((line) => line.features === undefined || line.features.some((feature) => shows(feature, options)));
}
