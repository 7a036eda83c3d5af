/**
 * Code renderings for the code panel. Each strategy has a TypeScript and a Python rendering of
 * the same code; lines carry the ids the strategy reports in `code.line` trace events, so the
 * panel highlights the same step in either language.
 */
export interface SourceLine {
  readonly text: string;
  /** The id the strategy emits when it runs this line. */
  readonly id?: string;
  /** Shown only when the option is on: `null` caching, TTL `jitter`, the writer's `publish` (sync by pub/sub). */
  readonly feature?: 'null' | 'jitter' | 'plain-ttl' | 'publish';
}

export interface StrategySource {
  readonly ts: readonly SourceLine[];
  readonly python: readonly SourceLine[];
}

/**
 * Parse a rendering written with a trailing `@@id` or `@@id:feature` marker per line.
 * @example parseSource('const v = await redis.get(key); @@get') // [{ text: 'const v = await redis.get(key);', id: 'get' }]
 */
export function parseSource(text: string): SourceLine[] {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  return lines.map((raw) => {
    const cut = raw.lastIndexOf(' @@');
    if (cut < 0) return { text: raw };
    const [id, feature] = raw.slice(cut + 3).split(':');
    const line: { text: string; id?: string; feature?: SourceLine['feature'] } = { text: raw.slice(0, cut).trimEnd() };
    if (id) line.id = id;
    if (feature) line.feature = feature as SourceLine['feature'];
    return line;
  });
}

/** The lines to show for the options in force. */
export function visibleLines(lines: readonly SourceLine[], options: { nullTtlMs: number; jitterMs: number; syncMethod?: string }): SourceLine[] {
  return lines.filter(
    (line) =>
      line.feature === undefined ||
      (line.feature === 'publish' && options.syncMethod === 'pubsub') ||
      (line.feature === 'null' && options.nullTtlMs > 0) ||
      (line.feature === 'jitter' && options.jitterMs > 0) ||
      (line.feature === 'plain-ttl' && options.jitterMs === 0),
  );
}
