/**
 * Where the request flow's pills sit: the two edge rates of a busy lab and the count on each
 * crowded lane (or edge). Spots leave room for the largest text expected, around everything fixed
 * in the picture (boxes, their badges whether shown or not, the captions) and each other, so a pill
 * never covers a badge (the "stale" one on Redis included) or another pill. RequestFlow loads this
 * module when a pill is due or the learner engages the lab (none is drawn at rest), keeping it out of
 * the embed's first load.
 */
import { edgeKey, lanePoint, type FlowLayout, type FlowNodeId, type Point } from './flowGeometry.ts';
import { CAPTION, countWidth, markObstacles, PILL_HEIGHT, rateWidth, STALE_BADGE, STORE_BOX, type Rect } from './flowBoxes.ts';

/** Placement reserves room for these; larger numbers grow their pill in place by a few units. */
const RESERVED_RATE = rateWidth('99999/s');
const RESERVED_COUNT = countWidth('999');
/** Pills keep this far from anything else. */
const MARGIN = 2;
/** Dots ride this far either side of an edge's centre line (flowScene's LANE) plus their radius. */
const LANE_CLEARANCE = 7 + 4;

const around = (at: Point, width: number, height: number): Rect => ({ left: at.x - width / 2, top: at.y - height / 2, right: at.x + width / 2, bottom: at.y + height / 2 });

/** Every box, badge and caption the pills must leave uncovered. */
export function flowObstacles(layout: FlowLayout): Rect[] {
  const rects: Rect[] = markObstacles(layout);
  for (const [id, at] of layout.nodes) {
    if (id !== 'redis' && id !== 'db') continue;
    rects.push(around({ x: at.x, y: at.y + CAPTION.below }, CAPTION.width, CAPTION.height));
    if (id === 'redis') rects.push(around({ x: at.x + STORE_BOX.width / 2, y: at.y - STORE_BOX.height / 2 }, STALE_BADGE.width, STALE_BADGE.height));
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
  /** A count's spot per pill shown, by its `countKey` (`app:0|redis|out`, or on a phone `app:0|redis`). */
  counts: Map<string, Point>;
  /** The boxes the spots take, rates first (for tests). */
  reserved: Rect[];
}

/** How far a pill's centre must sit from a line in direction (dx, dy) for the pill to clear it. */
function clearance(dx: number, dy: number, width: number): number {
  const length = Math.hypot(dx, dy) || 1;
  return (Math.abs(dy / length) * width) / 2 + (Math.abs(dx / length) * PILL_HEIGHT) / 2;
}

/** A spot a pill may take, with what it costs before other pills are counted: leaving the picture, covering something fixed, and its rank in the order of preference. */
interface Spot {
  at: Point;
  box: Rect;
  cost: number;
}

/** Covering another pill costs this much per unit of area: more than any preference, less than a box or badge. */
const PILL_OVERLAP = 100;
/** Rank costs this much per place down the preference list: it only breaks ties between spots that cover nothing. */
const RANK = 0.001;

/** Arrangements made, per layout and set of lanes: a run turns the same few lanes on and off, frame after frame. */
const arranged = new WeakMap<FlowLayout, Map<string, LabelSpots>>();

/**
 * Places the rates and the counts of the `lanes` shown. Each pill gets the most preferred spot along
 * its edge, on its lane's side, that covers nothing fixed and no other pill: pills are placed in
 * turn, then each is moved again while another spot covers less (a later pill may have taken an
 * earlier one's only free room). Where every spot is taken it takes the one covering least, a box or
 * badge counting far more than a pill. The rates' spots are the ones they get when every lane is
 * counted, whatever `lanes` is: they are always drawn, so they never move when a run turns busy.
 */
export function labelSpots(layout: FlowLayout, compact: boolean, lanes: readonly string[] = []): LabelSpots {
  let cache = arranged.get(layout);
  if (!cache) arranged.set(layout, (cache = new Map()));
  const key = `${compact}|${lanes.join(',')}`;
  let spots = cache.get(key);
  if (!spots) {
    const all = `${compact}|*`;
    let worst = cache.get(all);
    if (!worst) cache.set(all, (worst = arrange(layout, compact, allLanes(layout), null)));
    cache.set(key, (spots = arrange(layout, compact, lanes, worst.rates)));
  }
  return spots;
}

interface Pill {
  key: string;
  candidates: Spot[];
  spot: Spot;
}

function arrange(layout: FlowLayout, compact: boolean, lanes: readonly string[], fixedRates: LabelSpots['rates'] | null): LabelSpots {
  const obstacles = flowObstacles(layout);
  /** `sides`, in order of preference: -1 left of the direction from → to (requests' lane), +1 right (replies'). `base`: the least distance from the centre line. */
  const spots = (from: Point, to: Point, fractions: readonly number[], sides: readonly (1 | -1)[], width: number, base: number, extras: readonly number[]): Spot[] => {
    const found: Spot[] = [];
    for (const side of sides) {
      for (const extra of extras) {
        for (const fraction of fractions) {
          const at = lanePoint(from, to, fraction, side * (base + extra));
          const box = around(at, width, PILL_HEIGHT);
          // Inside the picture, too: a pill cut by the figure's edge covers nothing and is still unreadable.
          const outside = box.left < 0 || box.top < 0 || box.right > layout.width || box.bottom > layout.height ? 1e9 : 0;
          found.push({ at, box, cost: outside + obstacles.reduce((sum, rect) => sum + 1000 * overlap(box, rect), 0) + found.length * RANK });
        }
      }
    }
    return found;
  };
  const covering = (box: Rect, others: readonly Rect[]) => others.reduce((sum, rect) => sum + PILL_OVERLAP * overlap(box, rect), 0);
  const cheapest = (candidates: readonly Spot[], others: readonly Rect[]): Spot => {
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const spot of candidates) {
      if (spot.cost >= bestCost) continue;
      const cost = spot.cost + covering(spot.box, others);
      if (cost < bestCost) [best, bestCost] = [spot, cost];
    }
    return best;
  };
  const pills: Pill[] = [];
  const add = (key: string, candidates: Spot[]) => pills.push({ key, candidates, spot: cheapest(candidates, pills.map((pill) => pill.spot.box)) });

  const redis = layout.nodes.get('redis')!;
  const db = layout.nodes.get('db')!;
  const middle = layout.nodes.get(`app:${Math.floor((layout.instances - 1) / 2)}`)!;
  const RATE_AT = [0.62, 0.5, 0.72, 0.4, 0.8, 0.3, 0.56, 0.68, 0.45];
  const RATE_EXTRA = [0, 6, 12];
  const rate = (to: Point, sides: readonly (1 | -1)[], fixed: Point | undefined): Spot[] =>
    fixed ? [{ at: fixed, box: around(fixed, RESERVED_RATE, PILL_HEIGHT), cost: 0 }] : spots(middle, to, RATE_AT, sides, RESERVED_RATE, clearance(to.x - middle.x, to.y - middle.y, RESERVED_RATE) + LANE_CLEARANCE + MARGIN, RATE_EXTRA);
  // A rate sits beyond the dots' lanes, preferably Redis's above its edge and the database's below.
  add('rate:redis', rate(redis, [-1, 1], fixedRates?.redis));
  add('rate:db', rate(db, [1, -1], fixedRates?.db));

  // A count replaces its lane's dots, so it may sit on the lane, on its side of the edge, anywhere
  // along it (nearest 0.4 first) and, when crowded, a little further out; an edge's count (a phone)
  // replaces both lanes' dots, so it may sit on the edge itself.
  const COUNT_AT = Array.from({ length: 19 }, (_, i) => 0.05 + i * 0.05).sort((a, b) => Math.abs(a - 0.4) - Math.abs(b - 0.4) || a - b);
  const COUNT_EXTRA = [0, 6, 12, 18, 24];
  for (const key of new Set(lanes.map((lane) => countKey(lane, layout, compact)))) {
    const [a, b, direction] = key.split('|') as [FlowNodeId, FlowNodeId, string | undefined];
    const store = a === 'redis' || a === 'db' ? a : b;
    const sender = store === a ? b : a;
    const from = layout.nodes.get(sender);
    const to = layout.nodes.get(store);
    if (!from || !to) continue;
    add(
      key,
      direction === undefined
        ? spots(from, to, COUNT_AT, [-1, 1], RESERVED_COUNT, 0, COUNT_EXTRA)
        : spots(from, to, COUNT_AT, [direction === 'back' ? 1 : -1], RESERVED_COUNT, clearance(to.x - from.x, to.y - from.y, RESERVED_COUNT) + MARGIN, COUNT_EXTRA),
    );
  }
  // A few rounds of moving each pill to its best spot given all the others; a move only lowers the total, so it settles.
  for (let round = 0; round < 8; round++) {
    let moved = false;
    for (const pill of pills) {
      const others = pills.filter((other) => other !== pill).map((other) => other.spot.box);
      const best = cheapest(pill.candidates, others);
      if (best !== pill.spot && best.cost + covering(best.box, others) < pill.spot.cost + covering(pill.spot.box, others)) {
        pill.spot = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  const [redisRate, dbRate, ...counts] = pills;
  return {
    rates: { redis: redisRate!.spot.at, db: dbRate!.spot.at },
    counts: new Map(counts.map(({ key, spot }) => [key, spot.at])),
    reserved: pills.map(({ spot }) => spot.box),
  };
}

/**
 * What one count pill stands for: its lane (`app:0|redis|out`), or where the picture has no room
 * for a pill per lane (a phone's, or more than four senders), its edge (`app:0|redis`), counting both lanes.
 */
export function countKey(lane: string, layout: FlowLayout, compact: boolean): string {
  return compact || layout.nodes.size > 6 ? lane.slice(0, lane.lastIndexOf('|')) : lane;
}

/** Every lane of the layout (`app:0|redis|out`, …), the worst case: each one counted. */
export function allLanes(layout: FlowLayout): string[] {
  const senders = [...layout.nodes.keys()].filter((id) => id !== 'redis' && id !== 'db');
  return senders.flatMap((sender) => (['redis', 'db'] as const).flatMap((store) => ['out', 'back'].map((direction) => `${edgeKey(sender, store)}|${direction}`)));
}
