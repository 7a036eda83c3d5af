/**
 * What the request flow draws for the messages in flight, as plain data: the edges they travel,
 * which edges show a count, and where each dot sits at a virtual time. Both the SVG (counts) and
 * the canvas (dots) are drawn from it, so they always agree.
 */
import { requestActor, shownUntil, type FlowMessage, type Tone } from '../../store/flow.ts';
import { appNode, betweenBoxes, edgeKey, lanePoint, progress, type FlowLayout, type FlowNodeId, type Point } from './flowGeometry.ts';
import { boxHalf, markObstacles, type Rect } from './flowBoxes.ts';

/** Above this many messages really on one edge, draw a count instead of dots. */
export const AGGREGATE_AT = 40;
/**
 * A busy lab keeps each dot on screen a minimum wall time after its message arrived; at 64× that is
 * seconds of traffic (thousands of dots, or counts of thousands where two requests are in flight).
 * Beyond this many such lingering dots, a steady sample of them is drawn; the edges' rates say how many.
 */
export const LINGERING_AT_MOST = 32;
/** Requests ride one lane, replies the other, this far from the edge's centre line. */
export const LANE = 7;
/** Where a command to a dead Redis waits for its timeout: most of the way there. */
export const STALL_AT = 0.82;
/** Room a command beside a dot keeps from every box and badge: text touching a badge reads as one shape. */
export const LABEL_AIR = 2;
/** Dots closer than this (in diagram units) become one dot with a count. */
const CLUSTER_DISTANCE = 4;

/** A number per message, the same on every frame: FNV-1a of its id. */
function sampleKey(message: FlowMessage): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < message.id.length; i++) hash = Math.imul(hash ^ message.id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * The messages to draw at `now`: every one really on the wire, and of those only kept on screen past
 * their arrival (a busy lab) at most about LINGERING_AT_MOST, one in every 2^n by a fixed key, so a
 * sparser sample is part of a denser one and dots do not blink as the crowd grows and shrinks.
 */
export function thinLingering(messages: readonly FlowMessage[], now: number): readonly FlowMessage[] {
  let lingering = 0;
  for (const message of messages) if (now >= message.arrivesAt) lingering++;
  if (lingering <= LINGERING_AT_MOST) return messages;
  const every = 2 ** Math.ceil(Math.log2(lingering / LINGERING_AT_MOST));
  return messages.filter((message) => now < message.arrivesAt || sampleKey(message) % every === 0);
}

/** How far outside a box a lane's centre line starts: its lane's offset, a dot's radius and a little air, so a dot that just left or just arrived is whole. */
const DOT_CLEARANCE = LANE + 7;

export interface EdgeGroup {
  key: string;
  /** Where its dots leave and arrive: the edges of the two boxes, not their centres. */
  from: Point;
  to: Point;
  /** Every node box and in-flight badge (`markObstacles`), which a dot's label keeps clear of: one passing another app's box once covered its badge. */
  boxes: readonly Rect[];
  back: boolean;
  messages: FlowMessage[];
}

function normalize(layout: FlowLayout, id: FlowNodeId, message: FlowMessage): FlowNodeId {
  if (!id.startsWith('app:')) return id;
  const actor = requestActor(message.kind, layout.writer);
  // The worker's node is drawn while write-behind is the chosen path; a drain left over after a switch stays on its app.
  return actor !== null && layout[actor] ? actor : appNode(layout, Number(id.slice(4)));
}

/** The messages grouped by the edge and lane they travel (instances beyond the drawn rows share the last). */
export function groupByEdge(layout: FlowLayout, messages: readonly FlowMessage[]): Map<string, EdgeGroup> {
  const groups = new Map<string, EdgeGroup>();
  for (const message of messages) {
    const from = normalize(layout, message.from, message);
    const to = normalize(layout, message.to, message);
    const key = `${edgeKey(from, to)}|${message.back ? 'back' : 'out'}`;
    let group = groups.get(key);
    if (!group) {
      const [a, b] = [layout.nodes.get(from)!, layout.nodes.get(to)!];
      const [halfA, halfB] = [boxHalf(layout, from), boxHalf(layout, to)];
      const [start, end] = betweenBoxes(a, b, halfA, halfB, DOT_CLEARANCE);
      groups.set(key, (group = { key, from: start, to: end, boxes: obstaclesOf(layout), back: message.back, messages: [] }));
    }
    group.messages.push(message);
  }
  return groups;
}

const obstacles = new WeakMap<FlowLayout, readonly Rect[]>();

/** Every node box and badge of a layout, worked out once per layout (groupByEdge runs every frame). */
function obstaclesOf(layout: FlowLayout): readonly Rect[] {
  let rects = obstacles.get(layout);
  if (!rects) obstacles.set(layout, (rects = markObstacles(layout)));
  return rects;
}

/** A label's box, estimated: its text is 11 px monospace (about 0.62 em a character), its baseline at `y`. */
function labelBox(x: number, y: number, text: string): Rect {
  const half = (text.length * 6.8 + 6) / 2;
  return { left: x - half, top: y - 11, right: x + half, bottom: y + 4 };
}

const overlaps = (a: Rect, b: Rect) => a.right > b.left && a.left < b.right && a.bottom > b.top && a.top < b.bottom;

/** The four shortest moves (left, right, up, down) that take `label` out of `box`. */
function movesOutOf(label: Rect, box: Rect): Point[] {
  return [
    { x: box.left - label.right, y: 0 },
    { x: box.right - label.left, y: 0 },
    { x: 0, y: box.top - label.bottom },
    { x: 0, y: box.bottom - label.top },
  ];
}

/**
 * Where a label goes: at (x, y) unless it would come within LABEL_AIR of a box or badge it travels
 * between, or cover its own dot; then the nearest spot, moved once or twice, clear of them all.
 */
function clearOf(boxes: readonly Rect[], dot: Point, x: number, y: number, text: string): { x: number; y: number } {
  const obstacles = [...boxes.map((box) => ({ left: box.left - LABEL_AIR, top: box.top - LABEL_AIR, right: box.right + LABEL_AIR, bottom: box.bottom + LABEL_AIR })), { left: dot.x - 6, top: dot.y - 6, right: dot.x + 6, bottom: dot.y + 6 }];
  const free = (at: Point) => obstacles.every((obstacle) => !overlaps(labelBox(at.x, at.y, text), obstacle));
  const start = { x, y };
  if (free(start)) return start;
  let best: Point | null = null;
  const consider = (at: Point) => {
    if (free(at) && (!best || Math.hypot(at.x - x, at.y - y) < Math.hypot(best.x - x, best.y - y))) best = at;
  };
  // Moves out of what the label covers, then out of what the moved label covers: every box and badge is an obstacle, so trying moves out of all of them cost a millisecond a frame.
  const covering = (at: Point) => obstacles.filter((obstacle) => overlaps(labelBox(at.x, at.y, text), obstacle));
  for (const first of covering(start)) {
    for (const move of movesOutOf(labelBox(x, y, text), first)) {
      const once = { x: x + move.x, y: y + move.y };
      consider(once);
      for (const second of covering(once)) for (const again of movesOutOf(labelBox(once.x, once.y, text), second)) consider({ x: once.x + again.x, y: once.y + again.y });
    }
  }
  return best ?? start;
}

/** Whether an edge shows a count rather than dots: always under reduced motion, else when crowded. */
export function showsCount(group: EdgeGroup, reducedMotion: boolean): boolean {
  return reducedMotion || group.messages.length > AGGREGATE_AT;
}

/**
 * Where a message is at `time`: raftscope's (now - sentAt) / (arrivesAt - sentAt) along its lane.
 * A busy lab keeps each dot on screen at least `minShownMs`, stretching its trip to that.
 */
export function messagePoint(group: EdgeGroup, message: FlowMessage, time: number, minShownMs = 0): Point {
  const fraction =
    message.stalledFrom === undefined ? progress(time, message.sentAt, shownUntil(message, minShownMs)) : STALL_AT * progress(time, message.sentAt, message.stalledFrom);
  // Offsetting to the left of each message's own direction puts a reply (travelling the other way) on the far side.
  return lanePoint(group.from, group.to, fraction, -LANE);
}

export interface DotCluster {
  x: number;
  y: number;
  tone: Tone;
  /** How many messages sit on this spot (more than one is drawn larger, with "×count"). */
  count: number;
}

export interface DotScene {
  dots: DotCluster[];
  /** Rings around the chosen request's messages. */
  rings: Point[];
  /** The command beside each dot, when there are few enough to read. */
  labels: { x: number; y: number; text: string }[];
}

/** At most this many messages on screen get their command written beside them. */
export const LABELLED_AT_MOST = 3;

/**
 * The dots at `time` for every edge that is not shown as a count; messages of one outcome that
 * sit on top of each other become one dot with a count. The chosen request is ringed on every edge.
 */
export function dotScene(groups: Iterable<EdgeGroup>, time: number, counted: (key: string) => boolean, selected: number | null, minShownMs = 0): DotScene {
  const dots: DotCluster[] = [];
  const rings: Point[] = [];
  const labels: DotScene['labels'] = [];
  const candidates: { point: Point; message: FlowMessage; boxes: readonly Rect[] }[] = [];
  for (const group of groups) {
    if (counted(group.key)) {
      // A crowded edge still rings the chosen request, so it can be found in the crowd.
      if (selected !== null) for (const message of group.messages) if (message.requestId === selected) rings.push(messagePoint(group, message, time, minShownMs));
      continue;
    }
    const start = dots.length;
    for (const message of group.messages) {
      const point = messagePoint(group, message, time, minShownMs);
      if (candidates.length <= LABELLED_AT_MOST) candidates.push({ point, message, boxes: group.boxes });
      if (selected !== null && message.requestId === selected) rings.push(point);
      let near: DotCluster | undefined;
      for (let i = start; i < dots.length; i++) {
        const dot = dots[i]!;
        if (dot.tone === message.tone && Math.abs(dot.x - point.x) < CLUSTER_DISTANCE && Math.abs(dot.y - point.y) < CLUSTER_DISTANCE) {
          near = dot;
          break;
        }
      }
      if (near) near.count++;
      else dots.push({ x: point.x, y: point.y, tone: message.tone, count: 1 });
    }
  }
  // Few on screen: each names what it carries, above a request and below a reply, clear of the boxes it travels between.
  if (candidates.length <= LABELLED_AT_MOST && dots.length === candidates.length) {
    for (const { point, message, boxes } of candidates) labels.push({ ...clearOf(boxes, point, point.x, point.y + (message.back ? 20 : -12), message.label), text: message.label });
  }
  return { dots, rings, labels };
}

/** A text beside a dot: the dot's centre, the text's size in diagram units, and the side it prefers. */
export interface Mark {
  at: Point;
  width: number;
  height: number;
  below: boolean;
}

/** Room between a dot (a cluster's radius) and its text, and between the text and anything else. */
const MARK_GAP = 6.5 + 2;
const MARK_MARGIN = 2;

function covered(box: Rect, others: readonly Rect[]): number {
  let area = 0;
  for (const other of others) {
    const width = Math.min(box.right, other.right) - Math.max(box.left, other.left) + MARK_MARGIN;
    const height = Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top) + MARK_MARGIN;
    if (width > 0 && height > 0) area += width * height;
  }
  return area;
}

/**
 * Where each mark's centre goes (a cluster's "×3"): the first spot around its dot (its side, the
 * other side, nudged along, beside it, then further out), kept inside the picture, that covers no
 * node box or badge (`markObstacles`), nothing `taken` (the commands written beside dots) and no mark placed before it; where
 * none is free, the one covering least, a box counting more. Drawn centred over the dot, a count
 * crossed a box's edge and its neighbours' counts on a phone (lesson 13's pair).
 */
export function placeMarks(marks: readonly Mark[], boxes: readonly Rect[], bounds: { width: number; height: number }, taken: readonly Rect[] = []): Point[] {
  const placed: Rect[] = [...taken];
  return marks.map(({ at, width, height, below }) => {
    const vertical = MARK_GAP + height / 2;
    const sideways = MARK_GAP + width / 2;
    const offsets: [number, number][] = [];
    for (const further of [0, 8, 16]) {
      for (const sign of below ? [1, -1] : [-1, 1]) for (const nudge of [0, -0.5, 0.5]) offsets.push([nudge * width, sign * (vertical + further)]);
      offsets.push([sideways + further, 0], [-(sideways + further), 0]);
    }
    let best: { centre: Point; box: Rect; cost: number } | null = null;
    for (const [dx, dy] of offsets) {
      // Inside the picture: a text cut by the figure's edge is as unreadable as one under a box.
      const x = Math.min(Math.max(at.x + dx, width / 2 + 1), bounds.width - width / 2 - 1);
      const y = Math.min(Math.max(at.y + dy, height / 2 + 1), bounds.height - height / 2 - 1);
      const box = { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 };
      const cost = 10 * covered(box, boxes) + covered(box, placed);
      if (!best || cost < best.cost) best = { centre: { x, y }, box, cost };
      if (cost === 0) break;
    }
    placed.push(best!.box);
    return best!.centre;
  });
}
