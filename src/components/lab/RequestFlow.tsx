import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { continuousSince, HOP_WALL_MS, isBusy, messagesInFlight, selectOptionsAtCursor, selectSnapshot, sendRates, useLabStore, useLabStoreThrottled, type Tone } from '../../store/index.ts';
import { staleKeys } from './database-view.ts';
import { FlowDots } from './FlowDots.tsx';
import { drawsWriter, flowLayout, type FlowNodeId, type Point } from './flowGeometry.ts';
import { APP_BADGE, appBoxWidth, countWidth, PILL_HEIGHT, rateWidth, STALE_BADGE, STORE_BOX } from './flowBoxes.ts';
import { groupByEdge, showsCount, type EdgeGroup } from './flowScene.ts';
import { useReducedMotion } from './hooks.ts';
import { useLabEngaged } from './engagement.ts';
import './flow.css';

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

/**
 * App instances, Redis and the database, with every message in flight at the cursor. React draws
 * the diagram, the counters and the counts on crowded edges, at most at the panels' refresh rate
 * while playing; the travelling dots are a canvas under the nodes, redrawn every frame by FlowDots.
 */
export function RequestFlow({ writer: showWriter }: { /** Draw the Writer node (default: where the scenario offers writes); a figure without writes leaves it out. */ writer?: boolean } = {}) {
  // The view is a new reference whenever the run has new events, so the flight list follows it.
  const { view, index, time, since, snapshot, speed } = useLabStoreThrottled(
    (s) => ({ view: s.trace, index: Math.min(s.cursor.index, s.trace.length), time: s.cursor.time, since: continuousSince(s.cursor), snapshot: selectSnapshot(s), speed: s.playback.speed }),
    0,
  );
  const instances = Number(useLabStore((s) => selectOptionsAtCursor(s).instances ?? 1));
  const dbConnections = Number(useLabStore((s) => selectOptionsAtCursor(s).dbConnections ?? 10));
  const reduced = useReducedMotion();
  const figureRef = useRef<HTMLElement>(null);
  const compact = useCompact(figureRef);
  // Where learners update rows, writes come from a node of their own, so a race shows two actors.
  const offersWrites = useLabStore((s) => drawsWriter(s.scenario?.actions));
  const writer = showWriter ?? offersWrites;
  // Write-behind's worker copies queued writes to the database: a node of its own while that path is chosen.
  const worker = useLabStore((s) => selectOptionsAtCursor(s).writeMode === 'write-behind');
  const layout = useMemo(() => flowLayout(instances, compact, writer, worker), [instances, compact, writer, worker]);
  const appWidth = appBoxWidth(layout, compact);
  const node = (id: FlowNodeId) => layout.nodes.get(id)!;

  const trace = view.events;
  const inFlight = messagesInFlight(trace, time, 0, index);
  // Busy: the clock is not slowed, so each dot stays on screen a minimum time and edges carry rates.
  const busy = isBusy(trace, time, speed);
  // Counts are of messages really on the wire: the dots a busy lab keeps on screen after they
  // arrived stand for seconds of traffic at 64× (FlowPainter draws a sample of them).
  const groups = [...groupByEdge(layout, inFlight).values()];
  // Averaged over the stretch the kept dots cover (19 s of lab time at 64×): a one-second window
  // read "0/s" between bursts while the edges were full of dots. Only what played since a jump
  // counts (the kept dots' rule), shown once HOP_WALL_MS of wall time has played.
  const rates = busy ? sendRates(trace, time, Math.max(1_000, speed * HOP_WALL_MS), since, speed * HOP_WALL_MS) : null;
  const countedGroups = groups.filter((group) => showsCount(group, reduced));
  // The canvas leaves the counted edges to the SVG; handed over after commit so both change together.
  const counted = useRef<ReadonlySet<string>>(new Set());
  // Sorted, so the same counted lanes always get the same spots.
  const countedKeys = countedGroups.map((group) => group.key).sort().join(',');
  useLayoutEffect(() => {
    counted.current = new Set(countedKeys === '' ? [] : countedKeys.split(','));
  }, [countedKeys]);
  // Pills go where they cover no box, badge or other pill; the rates' spots are fixed per layout.
  const engaged = useLabEngaged();
  const placement = usePillPlacement(engaged || rates !== null || countedGroups.length > 0);
  const spots = useMemo(() => placement?.labelSpots(layout, compact, countedKeys === '' ? [] : countedKeys.split(',')) ?? null, [placement, layout, compact, countedKeys]);
  // Where a pill stands for a whole edge (a phone), both its lanes' messages count in it.
  const pillGroups = new Map<string, EdgeGroup[]>();
  if (placement) {
    for (const group of countedGroups) {
      const key = placement.countKey(group.key, layout, compact);
      pillGroups.set(key, [...(pillGroups.get(key) ?? []), group]);
    }
  }

  const redis = node('redis');
  const db = node('db');
  const redisUp = snapshot?.redisUp ?? true;
  const stale = snapshot ? staleKeys(trace, index, snapshot.keyspace).length : 0;
  const dbActive = snapshot?.db.active ?? 0;
  const dbQueued = snapshot?.db.queued ?? 0;
  const perInstance = new Map<number, number>();
  // Writes drawn from the Writer are counted on its box, not on the app that runs them.
  let writes = 0;
  let drains = 0;
  for (const request of snapshot?.inFlight ?? []) {
    if (layout.writer && request.kind === 'write') {
      writes++;
      continue;
    }
    if (layout.worker && request.kind === 'drain') {
      drains++;
      continue;
    }
    const row = Math.min(request.instance, layout.instances - 1);
    perInstance.set(row, (perInstance.get(row) ?? 0) + 1);
  }
  const loadShare = Math.min(1, dbActive / Math.max(1, dbConnections));
  const summary = `${inFlight.length} message${inFlight.length === 1 ? '' : 's'} in flight; Redis ${redisUp ? 'up' : 'down'}${stale > 0 ? `, ${stale} cached cop${stale === 1 ? 'y' : 'ies'} stale` : ''}; database: ${dbActive} running, ${dbQueued} queued.`;

  const viewBox = `0 0 ${layout.width} ${layout.height}`;
  return (
    <figure ref={figureRef} className={`cal-flow${compact ? ' is-compact' : ''}`} aria-label="Request flow">
      <div className="cal-flow-stage" style={{ aspectRatio: `${layout.width} / ${layout.height}` }}>
        {/* Edges under the dots, nodes over them: three stacked layers of the same size. */}
        <svg viewBox={viewBox} className="cal-flow-under" aria-hidden="true">
          <g className="cal-flow-edges">
            {[...layout.nodes.keys()]
              .filter((id) => id.startsWith('app:') || id === 'writer' || id === 'worker')
              .flatMap((id) => [
                <line key={`${id}-r`} x1={node(id).x} y1={node(id).y} x2={redis.x} y2={redis.y} />,
                <line key={`${id}-d`} x1={node(id).x} y1={node(id).y} x2={db.x} y2={db.y} />,
              ])}
          </g>
        </svg>
        {!reduced && <FlowDots layout={layout} counted={counted} />}
        <svg viewBox={viewBox} role="img" aria-label={summary} className="cal-flow-svg">
        {spots && [...pillGroups].map(([key, lanes]) => <EdgeCount key={key} lanes={lanes} at={spots.counts.get(key)!} />)}
        {spots && rates && <EdgeRate at={spots.rates.redis} perSecond={rates.redis} unit="commands" />}
        {spots && rates && <EdgeRate at={spots.rates.db} perSecond={rates.db} unit="queries" />}

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
                  <rect x={-APP_BADGE.width / 2} y={-APP_BADGE.height / 2} width={APP_BADGE.width} height={APP_BADGE.height} rx={9} />
                  <text y={1}>{perInstance.get(row)}</text>
                </g>
              )}
            </g>
          ))}

        {layout.writer && <ActorNode id="writer" at={node('writer')} width={appWidth} label="Writer" busy={writes} />}
        {layout.worker && <ActorNode id="worker" at={node('worker')} width={appWidth} label="Worker" busy={drains} />}

        <g className={`cal-node cal-node-redis${redisUp ? '' : ' is-down'}`} transform={`translate(${redis.x} ${redis.y})`}>
          <rect x={-STORE_BOX.width / 2} y={-STORE_BOX.height / 2} width={STORE_BOX.width} height={STORE_BOX.height} rx={9} />
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
            {stale > 0 && <tspan className="cal-stale-text">{` · ${stale} stale`}</tspan>}
          </text>
          {stale > 0 && (
            <g className="cal-stale-badge" transform={`translate(${STORE_BOX.width / 2} ${-STORE_BOX.height / 2})`}>
              <rect x={-STALE_BADGE.width / 2} y={-STALE_BADGE.height / 2} width={STALE_BADGE.width} height={STALE_BADGE.height} rx={9} />
              <text y={1}>stale</text>
            </g>
          )}
        </g>

        <g className="cal-node cal-node-db" transform={`translate(${db.x} ${db.y})`}>
          <rect x={-STORE_BOX.width / 2} y={-STORE_BOX.height / 2} width={STORE_BOX.width} height={STORE_BOX.height} rx={9} />
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
      </div>
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

/** The Writer's or the worker's box, with a badge counting its requests in flight. */
function ActorNode({ id, at, width, label, busy }: { id: 'writer' | 'worker'; at: { x: number; y: number }; width: number; label: string; busy: number }) {
  return (
    <g className={`cal-node cal-node-app cal-node-${id}`} transform={`translate(${at.x} ${at.y})`}>
      <rect x={-width / 2} y={-20} width={width} height={40} rx={9} />
      <text className="cal-node-label" y={1}>
        {label}
      </text>
      {busy > 0 && (
        <g className="cal-badge" transform={`translate(${width / 2 - 6} -18)`}>
          <rect x={-APP_BADGE.width / 2} y={-APP_BADGE.height / 2} width={APP_BADGE.width} height={APP_BADGE.height} rx={9} />
          <text y={1}>{busy}</text>
        </g>
      )}
    </g>
  );
}

type PillPlacement = typeof import('./flowLabels.ts');
let pillPlacement: PillPlacement | null = null;
let pillPlacementLoading: Promise<PillPlacement> | null = null;

/**
 * The pills' placement code, fetched once `wanted`: when a pill is to be drawn, or before, when the
 * learner engages the lab. Nothing at rest needs it, so an embed's first load leaves it out.
 */
function usePillPlacement(wanted: boolean): PillPlacement | null {
  const [placement, setPlacement] = useState(pillPlacement);
  useEffect(() => {
    if (placement || !wanted) return;
    let live = true;
    pillPlacementLoading ??= import('./flowLabels.ts').then((module) => (pillPlacement = module));
    void pillPlacementLoading.then((module) => live && setPlacement(module));
    return () => {
      live = false;
    };
  }, [placement, wanted]);
  return placement;
}

/** Whether the figure is narrow enough for the stacked phone layout. */
function useCompact(ref: React.RefObject<HTMLElement | null>): boolean {
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Measured before the first paint: a phone's lab drew the wide picture for a frame, then grew ~50 px (a layout shift).
    const style = getComputedStyle(element);
    const width = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // Not laid out (jsdom, a hidden tab): the observer decides once it is.
    if (element.clientWidth > 0) setCompact(width < 480);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setCompact((entry?.contentRect.width ?? 1000) < 480));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return compact;
}

/** A busy lab's traffic into Redis or the database, per second of virtual time. */
function EdgeRate({ at, perSecond, unit }: { at: Point; perSecond: number; unit: string }) {
  const text = `${perSecond}/s`;
  const width = rateWidth(text);
  return (
    <g className="cal-edge-rate" transform={`translate(${at.x} ${at.y})`} data-rate={perSecond}>
      <rect x={-width / 2} y={-PILL_HEIGHT / 2} width={width} height={PILL_HEIGHT} rx={PILL_HEIGHT / 2} />
      <text y={1}>{text}</text>
      <title>{`${perSecond} ${unit} per second`}</title>
    </g>
  );
}

/** A pill on its lane's side of an edge (or on the edge, for both lanes): how many messages travel it, by outcome. */
function EdgeCount({ lanes, at }: { lanes: readonly EdgeGroup[]; at: Point }) {
  const tones = new Map<Tone, number>();
  let total = 0;
  for (const group of lanes) {
    total += group.messages.length;
    for (const message of group.messages) tones.set(message.tone, (tones.get(message.tone) ?? 0) + 1);
  }
  const dominant = [...tones.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const text = `${total}`;
  const width = countWidth(text);
  return (
    <g className={`cal-edge-count cal-tone-${dominant}`} transform={`translate(${at.x} ${at.y})`} data-count={total}>
      <rect x={-width / 2} y={-PILL_HEIGHT / 2} width={width} height={PILL_HEIGHT} rx={PILL_HEIGHT / 2} />
      <text y={1}>{text}</text>
      <title>{[...tones.entries()].map(([tone, count]) => `${count} ${TONE_LABEL[tone]}`).join(', ')}</title>
    </g>
  );
}
