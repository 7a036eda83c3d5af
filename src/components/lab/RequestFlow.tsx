import { useEffect, useMemo, useRef, useState } from 'react';
import { selectOptionsAtCursor, useLabStore } from '../../store/index.ts';
import { messagesInFlight, type FlowMessage, type Tone } from './derive.ts';
import { appNode, edgeKey, flowLayout, lanePoint, progress, type FlowNodeId, type Point } from './flowGeometry.ts';
import { useReducedMotion, useSnapshot } from './hooks.ts';

/** Above this many messages on one edge, draw a count instead of dots. */
export const AGGREGATE_AT = 40;
const LANE = 7;
/** Where a command to a dead Redis waits for its timeout: most of the way there. */
const STALL_AT = 0.82;

const TONE_LABEL: Record<Tone, string> = {
  hit: 'cache hit',
  miss: 'cache miss',
  db: 'database read',
  write: 'write',
  invalidate: 'invalidation',
  lock: 'lock',
  error: 'error',
  neutral: 'command',
};

interface EdgeGroup {
  key: string;
  from: Point;
  to: Point;
  back: boolean;
  messages: FlowMessage[];
}

/** App instances, Redis and the database, with every message in flight at the cursor. */
export function RequestFlow() {
  const { trace, traceLength, time } = useLabStore((s) => ({ trace: s.trace, traceLength: s.traceLength, time: s.cursor.time }));
  const instances = Number(useLabStore((s) => selectOptionsAtCursor(s).instances ?? 1));
  const dbConnections = Number(useLabStore((s) => selectOptionsAtCursor(s).dbConnections ?? 10));
  const snapshot = useSnapshot();
  const selected = useLabStore((s) => s.selectedRequest);
  const reduced = useReducedMotion();
  const figureRef = useRef<HTMLElement>(null);
  const compact = useCompact(figureRef);
  const layout = useMemo(() => flowLayout(instances, compact), [instances, compact]);
  const appWidth = compact && layout.instances > 2 ? 72 : 104;
  const node = (id: FlowNodeId) => layout.nodes.get(id)!;

  // traceLength is read so the flight list follows the trace as the simulation extends it.
  const inFlight = traceLength >= 0 ? messagesInFlight(trace, time) : [];
  const groups = new Map<string, EdgeGroup>();
  for (const message of inFlight) {
    const from = normalize(layout, message.from);
    const to = normalize(layout, message.to);
    const key = `${edgeKey(from, to)}|${message.back ? 'back' : 'out'}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, from: node(from), to: node(to), back: message.back, messages: [] }));
    group.messages.push(message);
  }

  const redis = node('redis');
  const db = node('db');
  const redisUp = snapshot?.redisUp ?? true;
  const dbActive = snapshot?.db.active ?? 0;
  const dbQueued = snapshot?.db.queued ?? 0;
  const perInstance = new Map<number, number>();
  for (const request of snapshot?.inFlight ?? []) {
    const row = Math.min(request.instance, layout.instances - 1);
    perInstance.set(row, (perInstance.get(row) ?? 0) + 1);
  }
  const loadShare = Math.min(1, dbActive / Math.max(1, dbConnections));
  const summary = `${inFlight.length} message${inFlight.length === 1 ? '' : 's'} in flight; Redis ${redisUp ? 'up' : 'down'}; database: ${dbActive} running, ${dbQueued} queued.`;

  return (
    <figure ref={figureRef} className={`cal-flow${compact ? ' is-compact' : ''}`} aria-label="Request flow">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={summary} className="cal-flow-svg" style={{ aspectRatio: `${layout.width} / ${layout.height}` }}>
        <g className="cal-flow-edges">
          {[...layout.nodes.keys()]
            .filter((id) => id.startsWith('app:'))
            .flatMap((id) => [
              <line key={`${id}-r`} x1={node(id).x} y1={node(id).y} x2={redis.x} y2={redis.y} />,
              <line key={`${id}-d`} x1={node(id).x} y1={node(id).y} x2={db.x} y2={db.y} />,
            ])}
        </g>

        {[...groups.values()].map((group) =>
          reduced || group.messages.length > AGGREGATE_AT ? (
            <EdgeCount key={group.key} group={group} />
          ) : (
            <Dots key={group.key} group={group} time={time} />
          ),
        )}
        {selected !== null &&
          !reduced &&
          [...groups.values()].flatMap((group) =>
            group.messages
              .filter((message) => message.requestId === selected)
              .map((message) => {
                const fraction = message.stalledFrom === undefined ? progress(time, message.sentAt, message.arrivesAt) : STALL_AT * progress(time, message.sentAt, message.stalledFrom);
                const point = lanePoint(group.from, group.to, fraction, group.back ? LANE : -LANE);
                return <circle key={`sel-${message.id}`} className="cal-selected-ring" cx={point.x} cy={point.y} r={9} />;
              }),
          )}

        {[...layout.nodes.entries()]
          .filter(([id]) => id.startsWith('app:'))
          .map(([id, p], row) => (
            <g key={id} className="cal-node cal-node-app" transform={`translate(${p.x} ${p.y})`}>
              <rect x={-appWidth / 2} y={-20} width={appWidth} height={40} rx={9} />
              <text className="cal-node-label" y={1}>
                {layout.instances < instances && row === layout.instances - 1 ? `Apps ${row + 1}–${instances}` : `App ${row + 1}`}
              </text>
              {(perInstance.get(row) ?? 0) > 0 && (
                <g className="cal-badge" transform={`translate(${appWidth / 2 - 6} -18)`}>
                  <rect x={-13} y={-9} width={26} height={18} rx={9} />
                  <text y={1}>{perInstance.get(row)}</text>
                </g>
              )}
            </g>
          ))}

        <g className={`cal-node cal-node-redis${redisUp ? '' : ' is-down'}`} transform={`translate(${redis.x} ${redis.y})`}>
          <rect x={-62} y={-24} width={124} height={48} rx={9} />
          <text className="cal-node-label" y={redisUp ? 1 : -6}>
            Redis
          </text>
          {!redisUp && (
            <text className="cal-node-sub cal-down" y={12}>
              down
            </text>
          )}
          <text className="cal-node-caption" y={40}>
            {snapshot ? `${snapshot.keyspace.size} key${snapshot.keyspace.size === 1 ? '' : 's'}` : ''}
          </text>
        </g>

        <g className="cal-node cal-node-db" transform={`translate(${db.x} ${db.y})`}>
          <rect x={-62} y={-24} width={124} height={48} rx={9} />
          <text className="cal-node-label" y={-4}>
            Database
          </text>
          <rect className="cal-meter-track" x={-46} y={7} width={92} height={6} rx={3} />
          <rect className={`cal-meter-fill${loadShare >= 1 ? ' is-full' : ''}`} x={-46} y={7} width={92 * loadShare} height={6} rx={3} />
          <text className="cal-node-caption" y={40}>
            {`${dbActive}/${dbConnections} busy${dbQueued > 0 ? ` · ${dbQueued} queued` : ''}`}
          </text>
        </g>
      </svg>
      <figcaption className="cal-legend">
        {(['hit', 'miss', 'db', 'write', 'invalidate', 'lock', 'error'] as const).map((tone) => (
          <span key={tone} className="cal-legend-item">
            <span className={`cal-swatch cal-tone-${tone}`} aria-hidden="true" />
            {TONE_LABEL[tone]}
          </span>
        ))}
        <span className="cal-visually-hidden" aria-live="off">
          {summary}
        </span>
      </figcaption>
    </figure>
  );
}

/**
 * Dots along one lane; dots that sit on top of each other become one dot with a count. All dots
 * of one outcome are one <path>, so 200 messages cost a handful of DOM nodes per frame.
 */
function Dots({ group, time }: { group: EdgeGroup; time: number }) {
  const clusters: { x: number; y: number; tone: Tone; id: string; count: number }[] = [];
  for (const message of group.messages) {
    const fraction = message.stalledFrom === undefined ? progress(time, message.sentAt, message.arrivesAt) : STALL_AT * progress(time, message.sentAt, message.stalledFrom);
    const point = lanePoint(group.from, group.to, fraction, group.back ? LANE : -LANE);
    const near = clusters.find((c) => c.tone === message.tone && Math.abs(c.x - point.x) < 4 && Math.abs(c.y - point.y) < 4);
    if (near) near.count++;
    else clusters.push({ ...point, tone: message.tone, id: message.id, count: 1 });
  }
  const byTone = new Map<Tone, string[]>();
  for (const c of clusters) {
    const r = c.count > 1 ? 6.5 : 5;
    const d = `M${(c.x - r).toFixed(1)} ${c.y.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
    const list = byTone.get(c.tone);
    if (list) list.push(d);
    else byTone.set(c.tone, [d]);
  }
  return (
    <g>
      {[...byTone.entries()].map(([tone, parts]) => (
        <path key={tone} className={`cal-dots cal-tone-${tone}`} d={parts.join('')} data-tone={tone} data-count={parts.length} />
      ))}
      {clusters
        .filter((c) => c.count > 1)
        .map((c) => (
          <text key={c.id} className={`cal-dot-count cal-tone-${c.tone}`} x={c.x} y={c.y - 11}>
            ×{c.count}
          </text>
        ))}
    </g>
  );
}

/** Whether the figure is narrow enough for the stacked phone layout. */
function useCompact(ref: React.RefObject<HTMLElement | null>): boolean {
  const [compact, setCompact] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setCompact((entry?.contentRect.width ?? 1000) < 480));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return compact;
}

function normalize(layout: ReturnType<typeof flowLayout>, id: FlowNodeId): FlowNodeId {
  return id.startsWith('app:') ? appNode(layout, Number(id.slice(4))) : id;
}

/** A pill at the middle of an edge: how many messages travel it, by outcome. */
function EdgeCount({ group }: { group: EdgeGroup }) {
  const mid = lanePoint(group.from, group.to, group.back ? 0.6 : 0.4, group.back ? 14 : -14);
  const tones = new Map<Tone, number>();
  for (const message of group.messages) tones.set(message.tone, (tones.get(message.tone) ?? 0) + 1);
  const dominant = [...tones.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const text = `${group.messages.length}`;
  const width = 16 + text.length * 8;
  return (
    <g className={`cal-edge-count cal-tone-${dominant}`} transform={`translate(${mid.x} ${mid.y})`} data-count={group.messages.length}>
      <rect x={-width / 2} y={-10} width={width} height={20} rx={10} />
      <text y={1}>{text}</text>
      <title>{[...tones.entries()].map(([tone, count]) => `${count} ${TONE_LABEL[tone]}`).join(', ')}</title>
    </g>
  );
}
