/** The action registry is the one definition every reader (world, links, checks, docs) uses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionByName, actionSpecs, actionTypes, describeAction, describeOptionValue, lastRequiredSeq, MAX_INSTANCE } from './actions.ts';
import { changesWhatRuns, optionNames, optionSpecs } from './options.ts';
import { createSimulation } from './simulation.ts';

describe('action registry', () => {
  test('docs/architecture.md lists every action type', () => {
    const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'architecture.md'), 'utf8');
    for (const type of actionTypes) expect(docs).toContain(`\`${type}`);
  });

  test('narration speaks the learner\'s language: option labels and units, never option identifiers', () => {
    for (const name of optionNames) {
      const spec = optionSpecs[name];
      const text = describeAction({ type: 'setOption', name, value: spec.default });
      expect(text).toContain(spec.label);
      if (/[A-Z]/.test(name)) expect(text).not.toContain(name); // camelCase identifiers never reach the learner
    }
    expect(describeAction({ type: 'setOption', name: 'ttlMs', value: 1500 })).toBe('You set TTL to 1.5 s.');
    expect(describeAction({ type: 'dbSlow', latencyMs: 500 })).toBe('You slow the database to 500 ms per query.');
  });

  test('every entry has a label, and one field list whose limits are sane', () => {
    for (const type of actionTypes) {
      const spec = actionSpecs[type];
      expect(spec.type).toBe(type);
      expect(spec.label).toMatch(/^[A-Z]/);
      for (const field of spec.fields) if (field.kind === 'int') expect(field.min).toBeLessThanOrEqual(field.max);
    }
    expect(MAX_INSTANCE).toBe(63);
  });

  test('a lesson check runs an action by name with the scenario\'s defaults', () => {
    const defaults = { defaultKey: 'user:7', options: { burstSize: 20, dbLatencyMs: 100 } };
    expect(actionByName('burst', defaults)).toEqual({ type: 'burst', key: 'user:7', count: 20 });
    expect(actionByName('dbSlow', defaults)).toEqual({ type: 'dbSlow', latencyMs: 1000 });
    expect(actionByName('console', defaults)).toBeNull();
    expect(actionByName('nope', defaults)).toBeNull();
  });

  test('the lab console sends typed text as UTF-8 bytes and honours the repeat prefix', () => {
    const sim = createSimulation({ scenario: 'basics' });
    sim.consoleExec('SET e 🔑');
    expect(sim.consoleExec('STRLEN e')).toEqual({ type: 'integer', value: 4 });
    sim.consoleExec('3 INCR n');
    expect(sim.consoleExec('GET n')).toEqual({ type: 'bulk', value: '3' });
    expect(sim.consoleExec('0 INCR n')).toMatchObject({ type: 'error' });
  });
});

test('a change of an option only an action reads (Burst size) is not a change: the "since your change" window and a challenge requiring setOption start at the last one that changes what runs', () => {
  const sim = createSimulation({ scenario: 'playground', options: { readRatePerSec: 0, writeRatePerSec: 0 } });
  sim.apply({ type: 'setOption', name: 'ttlMs', value: 30_000 });
  const ttlChange = sim.trace.length - 1;
  sim.apply({ type: 'read', key: 'user:1' });
  sim.runUntil(1000);
  sim.apply({ type: 'setOption', name: 'burstSize', value: 5 });
  expect(changesWhatRuns('burstSize')).toBe(false);
  expect(optionNames.filter((name) => !changesWhatRuns(name))).toEqual(['burstSize']);
  const found = lastRequiredSeq(sim.trace, 'setOption', sim.trace.length);
  expect(sim.trace[found]).toMatchObject({ type: 'action', action: { type: 'setOption', name: 'ttlMs' } });
  expect(found).toBeLessThanOrEqual(ttlChange);
});

test('option values read as the goals write them: counts with thousands separators, rates per second, durations', () => {
  // Lesson 12's kept-option sentence said "Keys at 1000" beside its goal's "1,000 keys".
  expect(describeOptionValue('keyCount', 1000)).toBe('1,000');
  expect(describeOptionValue('readRatePerSec', 100000)).toBe('100,000 per second');
  expect(describeOptionValue('zipf', 1.2)).toBe('1.2');
  expect(describeOptionValue('ttlMs', 60000)).toBe('1 min');
  expect(describeAction({ type: 'setOption', name: 'keyCount', value: 1000 })).toBe('You set Keys to 1,000.');
});
