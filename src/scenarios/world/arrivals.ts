/**
 * The workload's arrivals: streams of reads or writes (Poisson, periodic or one burst) that pick
 * keys by popularity. Starting a stream of a kind again replaces the previous one.
 */
import { Priority } from '../../engine/scheduler.ts';
import type { Random } from '../../engine/random.ts';
import type { ArrivalSpec } from '../workload.ts';
import type { World } from '../world.ts';

export class Arrivals {
  private readonly generation = { read: 0, write: 0 };

  constructor(
    private readonly world: World,
    private readonly random: Random,
  ) {}

  /** Start (or restart, or with no spec stop) the stream of `kind`, until `untilMs`. */
  start(kind: 'read' | 'write', spec: ArrivalSpec | null | undefined, untilMs = Infinity): void {
    const generation = ++this.generation[kind];
    if (!spec) return;
    const { world, random } = this;
    const scheduler = world.scheduler;
    const streams = this.generation;
    const fire = (): void => {
      if (streams[kind] !== generation) return;
      const keys = world.keys;
      world.apps.start(kind, keys.keyOf(keys.count === 1 ? 1 : keys.pick(random.float())));
    };
    switch (spec.arrival) {
      case 'poisson': {
        if (!(spec.ratePerSec > 0)) return;
        // Keep exact (fractional) arrival times and round each down to its ms. The time is an
        // object's field, which V8 updates in place: a closure variable would box a new number
        // on every arrival (one allocation per read of a headless run).
        const due = { at: world.now + random.exponential(spec.ratePerSec) * 1000 };
        const next = (): void => {
          if (streams[kind] !== generation) return;
          fire();
          due.at += random.exponential(spec.ratePerSec) * 1000;
          if (due.at <= untilMs) scheduler.schedule(due.at, next, Priority.arrival);
        };
        if (due.at <= untilMs) scheduler.schedule(due.at, next, Priority.arrival);
        break;
      }
      case 'periodic': {
        let t = spec.startMs ?? world.now + spec.everyMs;
        const next = (): void => {
          if (streams[kind] !== generation) return;
          fire();
          t += spec.everyMs;
          if (t <= untilMs) scheduler.schedule(t, next, Priority.arrival);
        };
        if (t <= untilMs) scheduler.schedule(t, next, Priority.arrival);
        break;
      }
      case 'burst':
        if (spec.atMs <= untilMs) {
          scheduler.schedule(spec.atMs, () => {
            for (let i = 0; i < spec.count; i++) fire();
          }, Priority.arrival);
        }
        break;
    }
  }
}
