/** Where things sit in the request-flow picture, and where a message is at a given virtual time. */

import type { FlowNodeId } from '../../store/flow.ts';

export type { FlowNodeId };

export interface Point {
  x: number;
  y: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: Map<FlowNodeId, Point>;
  instances: number;
  /** Writes are drawn from a node of their own, apart from the readers. */
  writer: boolean;
  /** Write-behind's worker has a node of its own (its requests are `drain`s). */
  worker: boolean;
  /** The phone's picture: apps in a row on top, narrower boxes. */
  compact: boolean;
}

export const FLOW_WIDTH = 640;
export const FLOW_HEIGHT = 280;
const APP_X = 110;
const APP_COLUMN_OFFSET = 56;
const STORE_X = 500;

export const COMPACT_WIDTH = 360;
/** Short, so the flow and its sentence can stay on a phone's screen above the actions. */
export const COMPACT_HEIGHT = 210;

/** Where learners update rows (the scenario offers the write action), writes are drawn from a Writer node of their own and narrated as the writer's. */
export function drawsWriter(actions: readonly string[] | undefined): boolean {
  return actions?.includes('write') ?? false;
}

/**
 * Wide: apps stacked on the left, Redis top right, the database bottom right. Compact (phones):
 * apps in a row on top, Redis and the database below, so text keeps a readable size.
 */
export function flowLayout(instances: number, compact = false, writer = false, worker = false): FlowLayout {
  // On a phone the writer (and the worker) take the last slots of a row of four: the other apps share the last app box.
  const count = Math.max(1, Math.min(instances, compact ? 4 - Number(writer) - Number(worker) : 8));
  const nodes = new Map<FlowNodeId, Point>();
  // The writer and the worker take one more slot each after the apps.
  const ids: FlowNodeId[] = [...Array.from({ length: count }, (_, i) => `app:${i}` as const), ...(writer ? (['writer'] as const) : []), ...(worker ? (['worker'] as const) : [])];
  const slots = ids.length;
  if (compact) {
    const left = 70;
    const right = COMPACT_WIDTH - 70;
    ids.forEach((id, i) => nodes.set(id, { x: slots === 1 ? COMPACT_WIDTH / 2 : left + ((right - left) * i) / (slots - 1), y: 36 }));
    nodes.set('redis', { x: 90, y: COMPACT_HEIGHT - 62 });
    nodes.set('db', { x: COMPACT_WIDTH - 90, y: COMPACT_HEIGHT - 62 });
    return { width: COMPACT_WIDTH, height: COMPACT_HEIGHT, nodes, instances: count, writer, worker, compact };
  }
  const top = 50;
  const bottom = FLOW_HEIGHT - 50;
  // Beyond four apps the rows are closer than a box is tall, so neighbours alternate between two columns.
  const columnOffset = slots > 4 ? APP_COLUMN_OFFSET : 0;
  ids.forEach((id, i) => {
    const y = slots === 1 ? FLOW_HEIGHT / 2 : top + ((bottom - top) * i) / (slots - 1);
    nodes.set(id, { x: APP_X + (i % 2 === 0 ? -columnOffset : columnOffset), y });
  });
  nodes.set('redis', { x: STORE_X, y: 70 });
  nodes.set('db', { x: STORE_X, y: FLOW_HEIGHT - 70 });
  return { width: FLOW_WIDTH, height: FLOW_HEIGHT, nodes, instances: count, writer, worker, compact };
}

/** Clamps an instance index to the ones drawn (extra instances share the last row). */
export function appNode(layout: FlowLayout, instance: number): FlowNodeId {
  return `app:${Math.max(0, Math.min(instance, layout.instances - 1))}`;
}

/** Fraction of the way from sender to receiver: 0 at `sentAt`, 1 at `arrivesAt`. */
export function progress(now: number, sentAt: number, arrivesAt: number): number {
  if (arrivesAt <= sentAt) return now >= arrivesAt ? 1 : 0;
  return Math.max(0, Math.min(1, (now - sentAt) / (arrivesAt - sentAt)));
}

/**
 * The part of the line from `from` to `to` (box centres) outside both boxes, each grown by `margin`:
 * where a dot travels, so it is on screen from the moment it leaves to the moment it arrives.
 * Boxes that overlap leave the line as it is.
 */
export function betweenBoxes(from: Point, to: Point, fromHalf: Point, toHalf: Point, margin: number): [Point, Point] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  // The fraction of the line inside a box centred on one end: where it first crosses the box's edge.
  const inside = (half: Point) => Math.min(dx === 0 ? Infinity : (half.x + margin) / Math.abs(dx), dy === 0 ? Infinity : (half.y + margin) / Math.abs(dy));
  const start = inside(fromHalf);
  const end = 1 - inside(toHalf);
  if (!(start < end)) return [from, to];
  return [
    { x: from.x + dx * start, y: from.y + dy * start },
    { x: from.x + dx * end, y: from.y + dy * end },
  ];
}

/** Requests and replies travel on two parallel lanes so they do not overlap. */
export function lanePoint(from: Point, to: Point, fraction: number, laneOffset: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const nx = -dy / length;
  const ny = dx / length;
  return { x: from.x + dx * fraction + nx * laneOffset, y: from.y + dy * fraction + ny * laneOffset };
}

/** Edge key that is the same whichever way a message travels. */
export function edgeKey(a: FlowNodeId, b: FlowNodeId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
