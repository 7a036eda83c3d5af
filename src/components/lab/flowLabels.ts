/**
 * Where the request flow's pills sit: the two edge rates of a busy lab and the count on each
 * crowded lane. Spots are chosen once per layout, with room for the largest text expected, around
 * everything fixed in the picture (boxes, their badges whether shown or not, the captions), so a
 * pill never covers a badge (the "stale" one on Redis included) and never jumps while a run plays.
 */
import { edgeKey, lanePoint, type FlowLayout, type FlowNodeId, type Point } from './flowGeometry.ts';

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
const CAPTION = { width: 150, height: 16, below: 40 } as const;

export const PILL_HEIGHT = 20;
/** A rate pill's width for its text ("147/s"); a count pill's for its digits. */
export const rateWidth = (text: string) => 14 + text.length * 7.5;
export const countWidth = (text: string) => 16 + text.length * 8;
/** Placement reserves room for these; larger numbers grow their pill in place by a few units. */
const RESERVED_RATE = rateWidth('99999/s');
const RESERVED_COUNT = countWidth('999');
/** Pills keep this far from anything else. */
const MARGIN = 2;
/** Dots ride this far either side of an edge's centre line (flowScene's LANE) plus their radius. */
const LANE_CLEARANCE = 7 + 4;

/** An app box's width: narrower on a phone's row as more boxes share it, so neighbours keep a gap. */
export function appBoxWidth(layout: FlowLayout, compact: boolean): number {
  return compact && layout.nodes.size > 5 ? 64 : compact && layout.instances > 2 ? 72 : 104;
}

const around = (at: Point, width: number, height: number): Rect => ({ left: at.x - width / 2, top: at.y - height / 2, right: at.x + width / 2, bottom: at.y + height / 2 });

/** Every box, badge and caption the pills must leave uncovered. */
export function flowObstacles(layout: FlowLayout, compact: boolean): Rect[] {
  const appWidth = appBoxWidth(layout, compact);
  const rects: Rect[] = [];
  for (const [id, at] of layout.nodes) {
    if (id === 'redis' || id === 'db') {
      rects.push(around(at, STORE_BOX.width, STORE_BOX.height));
      rects.push(around({ x: at.x, y: at.y + CAPTION.below }, CAPTION.width, CAPTION.height));
      if (id === 'redis') rects.push(around({ x: at.x + STORE_BOX.width / 2, y: at.y - STORE_BOX.height / 2 }, STALE_BADGE.width, STALE_BADGE.height));
    } else {
      rects.push(around(at, appWidth, APP_BOX_HEIGHT));
      rects.push(around({ x: at.x + appWidth / 2 - 6, y: at.y - 18 }, APP_BADGE.width, APP_BADGE.height));
    }
  }
  return rects;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left) + MARGIN;
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + MARGIN;
  return width > 0 && height > 0 ? width * height : 0;
}

export interface LabelSpots {
  /** The rate into Redis and into the database, on the middle app's edges. */
  rates: { redis: Point; db: Point };
  /** A count's spot per lane shown, by the lane's group key (`app:0|redis|out`). */
  counts: Map<string, Point>;
  /** The boxes the spots take, rates first (for tests). */
  reserved: Rect[];
}

/** How far a pill's centre must sit from a line in direction (dx, dy) for the pill to clear it. */
function clearance(dx: number, dy: number, width: number): number {
  const length = Math.hypot(dx, dy) || 1;
  return (Math.abs(dy / length) * width) / 2 + (Math.abs(dx / length) * PILL_HEIGHT) / 2;
}

/**
 * Places the rates (always, so the counts never move when a run turns busy) and the counts of the
 * `lanes` shown, each at the first spot along its edge, on its lane's side, that covers nothing
 * fixed and no pill placed before it. Where every spot is taken (every lane of a crowded phone
 * diagram counted at once) it takes the one covering least, a box or badge counting far more than a pill.
 */
export function labelSpots(layout: FlowLayout, compact: boolean, lanes: readonly string[] = []): LabelSpots {
  const obstacles = flowObstacles(layout, compact);
  const reserved: Rect[] = [];
  /** `sides`, in order of preference: -1 left of the direction from → to (requests' lane), +1 right (replies'). `beyond`: extra clearance from the centre line. */
  const place = (from: Point, to: Point, fractions: readonly number[], sides: readonly (1 | -1)[], width: number, beyond: number): Point => {
    const base = clearance(to.x - from.x, to.y - from.y, width) + beyond + MARGIN;
    let best: { at: Point; cost: number } | null = null;
    for (const [side, extra] of sides.flatMap((side) => [0, 6, 12].map((extra) => [side, extra] as const))) {
      for (const fraction of fractions) {
        const at = lanePoint(from, to, fraction, side * (base + extra));
        const box = around(at, width, PILL_HEIGHT);
        // Inside the picture, too: a pill cut by the figure's edge covers nothing and is still unreadable.
        const outside = box.left < 0 || box.top < 0 || box.right > layout.width || box.bottom > layout.height ? 1e9 : 0;
        const cost = outside + obstacles.reduce((sum, rect) => sum + 1000 * overlap(box, rect), 0) + reserved.reduce((sum, rect) => sum + overlap(box, rect), 0);
        if (!best || cost < best.cost) best = { at, cost };
        if (cost === 0) break;
      }
      if (best?.cost === 0) break;
    }
    reserved.push(around(best!.at, width, PILL_HEIGHT));
    return best!.at;
  };

  const redis = layout.nodes.get('redis')!;
  const db = layout.nodes.get('db')!;
  const middle = layout.nodes.get(`app:${Math.floor((layout.instances - 1) / 2)}`)!;
  const RATE_AT = [0.62, 0.5, 0.72, 0.4, 0.8, 0.3, 0.56, 0.68, 0.45];
  // A rate sits beyond the dots' lanes, preferably Redis's above its edge and the database's below.
  const rates = {
    redis: place(middle, redis, RATE_AT, [-1, 1], RESERVED_RATE, LANE_CLEARANCE),
    db: place(middle, db, RATE_AT, [1, -1], RESERVED_RATE, LANE_CLEARANCE),
  };

  // A count replaces its lane's dots, so it may sit on the lane, on its side of the edge.
  const COUNT_AT = [0.4, 0.3, 0.5, 0.25, 0.6, 0.2, 0.7, 0.35, 0.45, 0.15, 0.55, 0.65];
  const counts = new Map<string, Point>();
  for (const lane of lanes) {
    const [a, b, direction] = lane.split('|') as [FlowNodeId, FlowNodeId, string];
    const store = a === 'redis' || a === 'db' ? a : b;
    const sender = store === a ? b : a;
    const from = layout.nodes.get(sender);
    const to = layout.nodes.get(store);
    if (!from || !to) continue;
    counts.set(lane, place(from, to, COUNT_AT, [direction === 'back' ? 1 : -1], RESERVED_COUNT, 0));
  }
  return { rates, counts, reserved };
}

/** Every lane of the layout (`app:0|redis|out`, …), the worst case: each one counted. */
export function allLanes(layout: FlowLayout): string[] {
  const senders = [...layout.nodes.keys()].filter((id) => id !== 'redis' && id !== 'db');
  return senders.flatMap((sender) => (['redis', 'db'] as const).flatMap((store) => ['out', 'back'].map((direction) => `${edgeKey(sender, store)}|${direction}`)));
}
