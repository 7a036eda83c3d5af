/**
 * What an embed opened from a link that carries a run (actions, or a moment to open at) loads
 * before it mounts: the action codec and the replay. A plain embed never fetches this chunk.
 */
export { decodeShareQuery, parseEmbedHash } from '../share/link.ts';
export { restoreShareState } from '../share/restore.ts';
