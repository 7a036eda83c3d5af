import { createLabStore } from '../store/index.ts';
import { defaultEngine } from '../store/defaultEngine.ts';
import { labEventsBetween, watchLabEvents, type LabEvent } from './events.ts';
import { OriginGate, parseCommand, parseOriginOption } from './protocol.ts';

describe('iframe commands', () => {
  it.each([
    [{ source: 'cache-aside-lab', type: 'play' }, { type: 'play' }],
    [{ source: 'cache-aside-lab', type: 'step' }, { type: 'step', direction: 1 }],
    [{ source: 'cache-aside-lab', type: 'step', direction: -1 }, { type: 'step', direction: -1 }],
    [{ source: 'cache-aside-lab', type: 'setOption', name: 'strategy', value: 'lock' }, { type: 'setOption', name: 'strategy', value: 'lock' }],
    [{ source: 'cache-aside-lab', type: 'step', direction: 5 }, null],
    [{ source: 'cache-aside-lab', type: 'setOption', name: '__proto__', value: 1 }, null],
    [{ source: 'cache-aside-lab', type: 'setOption', name: 'ttlMs', value: { evil: true } }, null],
    [{ source: 'other', type: 'play' }, null],
    [{ type: 'play' }, null],
    ['play', null],
    [null, null],
    [[1, 2], null],
  ])('%j → %j', (data, command) => {
    expect(parseCommand(data)).toEqual(command);
  });

  it('reads the parentOrigin option strictly', () => {
    expect(parseOriginOption('https://docs.example')).toBe('https://docs.example');
    expect(parseOriginOption('https://docs.example/')).toBe('https://docs.example');
    expect(parseOriginOption('*')).toBe('*');
    expect(parseOriginOption('https://docs.example/path')).toBeNull();
    expect(parseOriginOption('javascript:alert(1)')).toBeNull();
    expect(parseOriginOption(null)).toBeNull();
  });
});

describe('the origin rule', () => {
  it('by default trusts the first origin the parent speaks from, and only it', () => {
    const gate = new OriginGate(null);
    expect(gate.target).toBeNull();
    expect(gate.admit('https://evil.example', false)).toBe(false);
    expect(gate.target).toBeNull();
    expect(gate.admit('https://docs.example', true)).toBe(true);
    expect(gate.target).toBe('https://docs.example');
    expect(gate.admit('https://evil.example', true)).toBe(false);
    expect(gate.admit('https://docs.example', true)).toBe(true);
  });

  it('with parentOrigin hears only that origin, from the parent', () => {
    const gate = new OriginGate('https://docs.example');
    expect(gate.target).toBe('https://docs.example');
    expect(gate.admit('https://other.example', true)).toBe(false);
    expect(gate.admit('https://docs.example', false)).toBe(false);
    expect(gate.admit('https://docs.example', true)).toBe(true);
    expect(gate.admit('null', true)).toBe(false);
  });

  it('with parentOrigin=* hears any origin from the parent and posts to any', () => {
    const gate = new OriginGate('*');
    expect(gate.admit('https://a.example', true)).toBe(true);
    expect(gate.admit('https://b.example', true)).toBe(true);
    expect(gate.admit('https://b.example', false)).toBe(false);
    expect(gate.target).toBe('*');
  });
});

describe('lab events', () => {
  it('a burst on a cold key reports misses, then stampede-over with the database reads', () => {
    const store = createLabStore({ scenario: 'stampede', options: { strategy: 'plain', burstSize: 5 }, engine: defaultEngine });
    const events: LabEvent[] = [];
    const stop = watchLabEvents(store, (event) => events.push(event));
    store.getState().act({ type: 'burst', key: 'user:1', count: 5 });
    expect(events).toEqual([]);
    store.getState().advance(5000);
    stop();
    expect(events.filter((e) => e.type === 'miss')).toHaveLength(5);
    const over = events.filter((e) => e.type === 'stampede-over');
    expect(over).toEqual([expect.objectContaining({ type: 'stampede-over', readers: 5, dbReads: 5 })]);
    expect(events.at(-1)?.type).toBe('stampede-over');
  });

  it('with a lock, the stampede ends after one database read; moving back reports nothing', () => {
    const store = createLabStore({ scenario: 'stampede', options: { strategy: 'lock' }, engine: defaultEngine });
    const events: LabEvent[] = [];
    const stop = watchLabEvents(store, (event) => events.push(event));
    store.getState().act({ type: 'burst', key: 'user:1', count: 10 });
    store.getState().advance(10_000);
    const over = events.find((e) => e.type === 'stampede-over');
    expect(over).toMatchObject({ readers: 10, dbReads: 1 });
    const count = events.length;
    store.getState().seek(0);
    expect(events).toHaveLength(count);
    stop();
    expect(labEventsBetween(store.getState().trace.events, 0, store.getState().trace.length)).toEqual(events);
  });
});
