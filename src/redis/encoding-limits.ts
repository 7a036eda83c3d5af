// The encoding thresholds apart from the value classes (values.ts), which load lazily with the
// commands that create them: the emulator holds its limits from the start.

/**
 * The configuration that decides encodings, one object per emulator (`engine.encodingLimits`):
 * values keep a reference, so a CONFIG SET that changes a field applies to the next write, as in
 * Redis (existing values keep their encoding until a write converts them).
 */
export interface EncodingLimits {
  /** hash-max-listpack-entries */
  hashEntries: number;
  /** hash-max-listpack-value: bytes of one field or value */
  hashValue: number;
  /** zset-max-listpack-entries */
  zsetEntries: number;
  /** zset-max-listpack-value: bytes of one member */
  zsetValue: number;
  /** set-max-intset-entries */
  intsetEntries: number;
  /** stream-node-max-entries: entries (live and deleted) per radix-tree node; 0 = no limit */
  streamNodeEntries: number;
  /** stream-node-max-bytes: a node's listpack bytes; 0 = no limit (but 1 GB) */
  streamNodeBytes: number;
  /** list-max-listpack-size: a quicklist node's entries (> 0) or size class (-1..-5: 4..64 KB) */
  listSize: number;
}

/** Redis 7.0's defaults. */
export function defaultEncodingLimits(): EncodingLimits {
  return {
    hashEntries: 512, hashValue: 64, zsetEntries: 128, zsetValue: 64, intsetEntries: 512, streamNodeEntries: 100,
    streamNodeBytes: 4096, listSize: -2,
  };
}
