import { flowLayout } from './flowGeometry.ts';
import type { Rect } from './flowBoxes.ts';
import { allLanes, countKey, flowObstacles, labelSpots } from './flowLabels.ts';

const covers = (a: Rect, b: Rect) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);

const LAYOUTS = [1, 2, 3, 4, 5, 8].flatMap((instances) => [false, true].flatMap((compact) => [false, true].flatMap((writer) => [false, true].map((worker) => ({ instances, compact, writer, worker })))));

describe('where the flow’s pills sit', () => {
  // The worst case: every lane counted at once (reduced motion in a busy run).
  test.each(LAYOUTS)('$instances apps, compact $compact, writer $writer, worker $worker: no rate or count covers a box, a badge, a caption or another pill', ({ instances, compact, writer, worker }) => {
    const layout = flowLayout(instances, compact, writer, worker);
    const obstacles = flowObstacles(layout);
    const { reserved, counts } = labelSpots(layout, compact, allLanes(layout));
    expect(counts.size).toBe(new Set(allLanes(layout).map((lane) => countKey(lane, layout, compact))).size);
    expect(reserved).toHaveLength(2 + counts.size);
    const covering = reserved.flatMap((pill, i) => obstacles.filter((rect) => covers(pill, rect)).map((rect) => ({ pill: i, rect })));
    expect(covering).toEqual([]);
    // A crowded phone diagram (four senders, every edge counted) used to stack counts on each other and on the rates.
    const touching = reserved.flatMap((a, i) => reserved.slice(i + 1).flatMap((b, j) => (covers(a, b) ? [`${i}×${i + 1 + j}`] : [])));
    expect(touching).toEqual([]);
    for (const pill of reserved) expect(pill.left >= 0 && pill.top >= 0 && pill.right <= layout.width && pill.bottom <= layout.height, JSON.stringify(pill)).toBe(true);
  });

  test('a busy phone playground (one app, the writer, reads counted both ways on the Redis edge) has no two pills on top of each other', () => {
    const layout = flowLayout(1, true, true);
    const { reserved } = labelSpots(layout, true, ['app:0|redis|out', 'app:0|redis|back', 'redis|writer|out']);
    const touching = reserved.flatMap((a, i) => reserved.slice(i + 1).filter((b) => covers(a, b)).map(() => i));
    expect(touching).toEqual([]);
  });

  test('the rates’ spots do not depend on which lanes are counted, so they never jump as a run turns busy', () => {
    const layout = flowLayout(3, true, true);
    expect(labelSpots(layout, true, allLanes(layout)).rates).toEqual(labelSpots(layout, true).rates);
  });

  test('a phone’s picture, or one with more than four senders, counts each edge once (both lanes); a roomy one counts each lane', () => {
    expect(countKey('app:0|redis|out', flowLayout(2, true), true)).toBe('app:0|redis');
    expect(countKey('app:0|redis|back', flowLayout(5), false)).toBe('app:0|redis');
    expect(countKey('app:0|redis|out', flowLayout(4), false)).toBe('app:0|redis|out');
    const layout = flowLayout(3, true, true);
    const { counts } = labelSpots(layout, true, ['app:0|redis|out', 'app:0|redis|back']);
    expect([...counts.keys()]).toEqual(['app:0|redis']);
  });

  test('a request’s count and its reply’s sit on opposite sides of their edge', () => {
    const layout = flowLayout(1);
    const { counts } = labelSpots(layout, false, ['app:0|redis|out', 'app:0|redis|back']);
    const out = counts.get('app:0|redis|out')!;
    const back = counts.get('app:0|redis|back')!;
    const app = layout.nodes.get('app:0')!;
    const redis = layout.nodes.get('redis')!;
    const side = (p: { x: number; y: number }) => Math.sign((redis.x - app.x) * (p.y - app.y) - (redis.y - app.y) * (p.x - app.x));
    expect(side(out)).toBe(-side(back));
  });
});
