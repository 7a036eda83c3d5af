/**
 * The sizes of what the request flow draws, in diagram units: boxes, badges, captions and pills.
 * Shared by the diagram (first paint) and the pills' placement (flowLabels.ts, loaded once pills are drawn).
 */
import { COMPACT_WIDTH, type FlowLayout, type FlowNodeId } from './flowGeometry.ts';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A store box (Redis, the database), its caption below, and the badges' geometry, in diagram units. */
export const STORE_BOX = { width: 124, height: 48 } as const;
export const APP_BOX_HEIGHT = 40;
/** The "stale" badge, centred on Redis's top-right corner. */
export const STALE_BADGE = { width: 48, height: 18 } as const;
/** An app's in-flight count badge, centred `appWidth / 2 - 6` right of and 18 above its centre. */
export const APP_BADGE = { width: 26, height: 18 } as const;
export const CAPTION = { width: 150, height: 16, below: 40 } as const;

export const PILL_HEIGHT = 20;
/** A rate pill's width for its text ("147/s"); a count pill's for its digits. */
export const rateWidth = (text: string) => 14 + text.length * 7.5;
export const countWidth = (text: string) => 16 + text.length * 8;
/** An app box's width: narrower on a phone's row as more boxes share it, so neighbours keep a gap. */
export function appBoxWidth(layout: FlowLayout, compact: boolean): number {
  return compact && layout.nodes.size > 5 ? 64 : compact && layout.instances > 2 ? 72 : 104;
}


/** Every node's box (apps, the writer, the worker, Redis, the database), in diagram units. */
export function nodeBoxes(layout: FlowLayout): Rect[] {
  const appWidth = appBoxWidth(layout, layout.compact);
  return [...layout.nodes].map(([id, at]) => {
    const [width, height] = id === 'redis' || id === 'db' ? [STORE_BOX.width, STORE_BOX.height] : [appWidth, APP_BOX_HEIGHT];
    return { left: at.x - width / 2, top: at.y - height / 2, right: at.x + width / 2, bottom: at.y + height / 2 };
  });
}

/** A sender's in-flight count badge (apps, the writer, the worker), whether drawn now or not; stores have none. */
export function badgeBox(layout: FlowLayout, id: FlowNodeId, at: { x: number; y: number }): Rect | null {
  if (id === 'redis' || id === 'db') return null;
  const x = at.x + appBoxWidth(layout, layout.compact) / 2 - 6;
  const y = at.y - 18;
  return { left: x - APP_BADGE.width / 2, top: y - APP_BADGE.height / 2, right: x + APP_BADGE.width / 2, bottom: y + APP_BADGE.height / 2 };
}

/**
 * Half the width and height of a node's box, an app's with the in-flight badge on its corner: dots
 * travel between the boxes' edges and their labels keep clear of them, so nothing is drawn under a box.
 */
export function boxHalf(layout: FlowLayout, id: FlowNodeId): { x: number; y: number } {
  if (id === 'redis' || id === 'db') return { x: STORE_BOX.width / 2, y: STORE_BOX.height / 2 };
  // The badge is centred `width / 2 - 6` right of the centre, so it reaches `APP_BADGE.width / 2 - 6` past the box.
  return { x: appBoxWidth(layout, layout.width === COMPACT_WIDTH) / 2 + APP_BADGE.width / 2 - 6, y: APP_BOX_HEIGHT / 2 };
}

/** What a cluster's count ("×3", placeMarks) keeps off: every node box and every sender's in-flight badge (drawn or not, so counts do not jump when one appears). */
export function markObstacles(layout: FlowLayout): Rect[] {
  const rects = nodeBoxes(layout);
  for (const [id, at] of layout.nodes) {
    const badge = badgeBox(layout, id, at);
    if (badge) rects.push(badge);
  }
  return rects;
}
