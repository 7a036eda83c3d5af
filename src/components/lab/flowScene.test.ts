import type { FlowMessage } from '../../store/flow.ts';
import { flowLayout } from './flowGeometry.ts';
import { AGGREGATE_AT, dotScene, groupByEdge, LABEL_AIR, LINGERING_AT_MOST, placeMarks, showsCount, thinLingering } from './flowScene.ts';
import { appBoxWidth, badgeBox, markObstacles, nodeBoxes, STORE_BOX, APP_BOX_HEIGHT, type Rect } from './flowBoxes.ts';

const message = (id: number, fields: Partial<FlowMessage> = {}): FlowMessage => ({
  id: `m${id}`,
  from: 'app:0',
  to: 'redis',
  sentAt: 0,
  arrivesAt: 100,
  tone: 'hit',
  requestId: id,
  kind: 'read',
  label: 'GET user:1',
  back: false,
  sendSeq: 0,
  arriveSeq: null,
  arrivalStop: false,
  ...fields,
});

describe('the flow scene', () => {
  const layout = flowLayout(2);

  test('requests and replies on one edge ride separate lanes; extra instances share the last row', () => {
    const wide = flowLayout(9);
    const groups = groupByEdge(wide, [message(1), message(2, { from: 'redis', to: 'app:0', back: true }), message(3, { from: 'app:8' }), message(4, { from: 'app:7' })]);
    expect([...groups.values()].map((group) => [group.key, group.messages.length])).toEqual([
      ['app:0|redis|out', 1],
      ['app:0|redis|back', 1],
      ['app:7|redis|out', 2],
    ]);
  });

  test('a dot moves along its lane with time; dots of one outcome on one spot become one dot with a count', () => {
    const groups = groupByEdge(layout, [message(1), message(2), message(3, { tone: 'miss' }), message(4, { sentAt: 50, arrivesAt: 150 })]);
    const early = dotScene(groups.values(), 10, () => false, null);
    expect(early.dots.map((dot) => [dot.tone, dot.count])).toEqual([
      ['hit', 2],
      ['miss', 1],
      ['hit', 1],
    ]);
    const later = dotScene(groups.values(), 60, () => false, null);
    expect(later.dots[0]!.x).toBeGreaterThan(early.dots[0]!.x);
    // The message sent at 50 is just leaving, so it is not on top of the others any more.
    expect(later.dots.find((dot) => dot.tone === 'hit' && dot.count === 1)!.x).toBeLessThan(later.dots[0]!.x);
  });

  test.each([false, true])('a dot that is leaving or arriving is drawn whole outside both boxes, its command clear of them (phone layout: %s)', (compact) => {
    const layout = flowLayout(1, compact);
    const boxes = (['app:0', 'redis', 'db'] as const).map((id) => {
      const centre = layout.nodes.get(id)!;
      const half = id === 'app:0' ? { x: appBoxWidth(layout, compact) / 2, y: APP_BOX_HEIGHT / 2 } : { x: STORE_BOX.width / 2, y: STORE_BOX.height / 2 };
      return { left: centre.x - half.x, top: centre.y - half.y, right: centre.x + half.x, bottom: centre.y + half.y };
    });
    const messages = [
      message(1, { label: 'GET user:1' }),
      message(2, { from: 'redis', to: 'app:0', back: true, label: 'GET → (nil)' }),
      message(3, { to: 'db', label: 'SELECT users/1' }),
    ];
    for (const one of messages) {
      for (const time of [0, 100]) {
        const scene = dotScene(groupByEdge(layout, [one]).values(), time, () => false, null);
        const [dot] = scene.dots;
        for (const box of boxes) {
          // The nearest point of the box is further than a dot's radius (5).
          const dx = Math.max(box.left - dot!.x, 0, dot!.x - box.right);
          const dy = Math.max(box.top - dot!.y, 0, dot!.y - box.bottom);
          expect(Math.hypot(dx, dy), `${one.label} at ${time}`).toBeGreaterThan(5);
          const [label] = scene.labels;
          const half = (label!.text.length * 6.8 + 6) / 2;
          const clear = label!.x + half <= box.left || label!.x - half >= box.right || label!.y + 4 <= box.top || label!.y - 11 >= box.bottom;
          expect(clear, `${label!.text} at ${time}`).toBe(true);
        }
      }
    }
  });

  test.each([1, 2, 3].flatMap((instances) => [false, true].map((compact) => ({ instances, compact }))))(
    'a command keeps clear of every in-flight badge, above and below as at its sides, all along every edge ($instances apps, phone layout: $compact)',
    ({ instances, compact }) => {
      // Lesson 3 at 1366×900, stepping: "SELECT users/1" sat on App 1's "1" badge, then touched its top.
      const layout = flowLayout(instances, compact);
      const apps = [...layout.nodes.keys()].filter((id) => id.startsWith('app:'));
      const badges = apps.map((id) => badgeBox(layout, id, layout.nodes.get(id)!)!);
      for (const app of apps) {
        const messages = [
          message(1, { from: app, to: 'db', label: 'SELECT users/1' }),
          message(2, { from: app, label: 'GET user:1' }),
          message(3, { from: 'db', to: app, back: true, label: 'SELECT → row v1' }),
          message(4, { from: 'redis', to: app, back: true, label: 'GET → (nil)' }),
        ];
        for (const one of messages) {
          for (let time = 0; time <= 100; time += 5) {
            const [label] = dotScene(groupByEdge(layout, [one]).values(), time, () => false, null).labels;
            const half = (label!.text.length * 6.8 + 6) / 2;
            for (const badge of badges) {
              // At least LABEL_AIR between the text's box and the badge on the side it is on: touching reads as one shape.
              const gap = Math.max(badge.left - (label!.x + half), label!.x - half - badge.right, badge.top - (label!.y + 4), label!.y - 11 - badge.bottom);
              expect(gap, `${one.from}→${one.to} "${label!.text}" at ${time}: ${JSON.stringify(label)} vs ${JSON.stringify(badge)}`).toBeGreaterThanOrEqual(LABEL_AIR);
            }
          }
        }
      }
    },
  );

  test('an edge shown as a count draws no dots, but still rings the chosen request', () => {
    const crowd = Array.from({ length: AGGREGATE_AT + 1 }, (_, i) => message(i, { sentAt: i }));
    const groups = groupByEdge(layout, [...crowd, message(99, { from: 'app:1' })]);
    const counted = new Set([...groups.values()].filter((group) => showsCount(group, false)).map((group) => group.key));
    expect([...counted]).toEqual(['app:0|redis|out']);
    const scene = dotScene(groups.values(), 20, (key) => counted.has(key), 5);
    expect(scene.dots).toHaveLength(1);
    expect(scene.rings).toHaveLength(1);
    expect(showsCount(groups.get('app:1|redis|out')!, true)).toBe(true);
  });

  test('with a writer node, a write request travels from it while reads of the same instance stay on the app', () => {
    const groups = groupByEdge(flowLayout(1, false, true), [message(1), message(2, { kind: 'write', tone: 'write' }), message(3, { kind: 'write', from: 'redis', to: 'app:0', back: true })]);
    expect([...groups.keys()]).toEqual(['app:0|redis|out', 'redis|writer|out', 'redis|writer|back']);
    const apps = [...flowLayout(1, false, true).nodes.keys()];
    expect(apps).toEqual(['app:0', 'writer', 'redis', 'db']);
  });

  test('a busy lab at 64× keeps a steady sample of the dots that already arrived, never one on the wire', () => {
    // 3,000 messages arrived in the last 19 s of virtual time (0.3 s of wall time at 64×) and 5 still on the wire.
    const arrived = Array.from({ length: 3_000 }, (_, i) => message(i, { sentAt: i * 6, arrivesAt: i * 6 + 2 }));
    const onTheWire = Array.from({ length: 5 }, (_, i) => message(10_000 + i, { sentAt: 17_990, arrivesAt: 18_100 }));
    const drawn = thinLingering([...arrived, ...onTheWire], 18_000);
    expect(drawn.filter((m) => m.arrivesAt > 18_000)).toHaveLength(5);
    const lingering = drawn.length - 5;
    expect(lingering).toBeGreaterThan(LINGERING_AT_MOST / 4);
    expect(lingering).toBeLessThanOrEqual(LINGERING_AT_MOST * 2);
    // A later frame with fewer arrived keeps (a superset of) the same ones: no dot blinks out while it is shown.
    const fewer = thinLingering([...arrived.slice(1_500), ...onTheWire], 18_000);
    for (const kept of drawn) if (kept.sentAt >= 1_500 * 6) expect(fewer).toContain(kept);
    // Few lingering: all drawn.
    expect(thinLingering(arrived.slice(0, LINGERING_AT_MOST), 18_000)).toHaveLength(LINGERING_AT_MOST);
  });
});

describe('texts beside the dots (placeMarks)', () => {
  const inside = (a: Rect, b: Rect) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
  const boxOf = (at: { x: number; y: number }, width: number, height: number): Rect => ({ left: at.x - width / 2, top: at.y - height / 2, right: at.x + width / 2, bottom: at.y + height / 2 });

  // Every dot position along every edge of the phone's and the wide picture, with one instance and with four
  // (lesson 13's pair on a phone put "×2" across the database box's edge).
  for (const [compact, instances] of [[true, 1], [true, 4], [false, 1], [false, 4]] as const) {
    test(`${compact ? 'phone' : 'wide'}, ${instances} app${instances > 1 ? 's' : ''}: a cluster's count never covers a node box or a badge, or leaves the picture`, () => {
      const layout = flowLayout(instances, compact, true);
      const senders = [...layout.nodes.keys()].filter((id) => id !== 'redis' && id !== 'db');
      // What the painter keeps counts off (markObstacles), checked against each box and badge drawn.
      const boxes = [...nodeBoxes(layout), ...senders.map((id) => badgeBox(layout, id, layout.nodes.get(id)!)!)];
      for (const sender of senders) {
        for (const store of ['redis', 'db'] as const) {
          const from = layout.nodes.get(sender)!;
          const to = layout.nodes.get(store)!;
          for (let f = 0.05; f <= 0.95; f += 0.05) {
            const at = { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
            // "×12" and "×128" (11 px bold).
            for (const [width, height, below] of [[22, 13, false], [30, 13, false]] as const) {
              const [centre] = placeMarks([{ at, width, height, below }], markObstacles(layout), layout);
              const box = boxOf(centre!, width, height);
              expect(boxes.some((node) => inside(box, node)), `${sender}→${store} at ${f.toFixed(2)}: ${JSON.stringify(box)}`).toBe(false);
              expect(box.left >= 0 && box.top >= 0 && box.right <= layout.width && box.bottom <= layout.height).toBe(true);
            }
          }
        }
      }
    });
  }

  test('counts near each other, or near a command, take different spots, the first on its preferred side', () => {
    const layout = flowLayout(1, false);
    const at = { x: 300, y: 110 };
    const [first, second] = placeMarks([{ at, width: 22, height: 13, below: false }, { at, width: 22, height: 13, below: false }], nodeBoxes(layout), layout);
    expect(first!.y).toBeLessThan(at.y);
    expect(inside(boxOf(first!, 22, 13), boxOf(second!, 22, 13))).toBe(false);
    const command = boxOf({ x: at.x, y: at.y - 16 }, 70, 15);
    const [beside] = placeMarks([{ at, width: 22, height: 13, below: false }], nodeBoxes(layout), layout, [command]);
    expect(inside(boxOf(beside!, 22, 13), command)).toBe(false);
  });
});
