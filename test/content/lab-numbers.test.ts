/**
 * Text and lab agree: every number a lesson states about the lab beside it (database latency, key
 * count, read rate, TTL, burst size, popularity) equals what that lab runs with. The text checked
 * is the section the lab sits in (from its "## " heading to the lab), plus the scenario's own
 * description shown above the lab.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getScenario } from '../../src/scenarios/registry.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import type { ScenarioId } from '../../src/scenarios/types.ts';

const contentDir = join(import.meta.dirname, '..', '..', 'content');
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10, twenty: 20, fifty: 50, hundred: 100 };
const num = (text: string) => WORDS[text.toLowerCase()] ?? Number(text.replace(/,/g, ''));

/** A statement in the text and the option value it must equal. */
const RULES: { pattern: RegExp; option: string; value: (match: RegExpExecArray) => number }[] = [
  { pattern: /(\d[\d,]*) ms database/gi, option: 'dbLatencyMs', value: (m) => num(m[1]!) },
  { pattern: /database (?:that )?answers in (\d[\d,]*) ms/gi, option: 'dbLatencyMs', value: (m) => num(m[1]!) },
  { pattern: /\b(\d[\d,]*|twenty|fifty|hundred) keys\b/gi, option: 'keyCount', value: (m) => num(m[1]!) },
  { pattern: /(\d[\d,]*) times per second in total/gi, option: 'readRatePerSec', value: (m) => num(m[1]!) },
  { pattern: /starts with a (\d+(?:\.\d+)?) s TTL/gi, option: 'ttlMs', value: (m) => Number(m[1]!) * 1000 },
  { pattern: /\b(\d[\d,]*|fifty) readers\b/gi, option: 'burstSize', value: (m) => num(m[1]!) },
  { pattern: /\buniformly\b/gi, option: 'zipf', value: () => 0 },
  { pattern: /with Zipf popularity/gi, option: 'zipf', value: () => 1 },
];

interface Lab { file: string; section: string; scenario: string; options: Record<string, unknown> }

function labsOf(file: string): Lab[] {
  const text = readFileSync(join(contentDir, file), 'utf8');
  const labs: Lab[] = [];
  const fence = /```lab\n([\s\S]*?)```/g;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const before = text.slice(0, m.index);
    const section = before.slice(Math.max(0, before.lastIndexOf('\n## ')));
    const block = parseYaml(m[1]!) as { scenario: string; options?: Record<string, unknown> };
    labs.push({ file, section, scenario: block.scenario, options: block.options ?? {} });
  }
  return labs;
}

/** Where the text states a number the lab does not run with, as sentences. */
function disagreements(text: string, options: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  for (const rule of RULES) {
    if (!(rule.option in options)) continue;
    for (const m of text.matchAll(rule.pattern)) {
      const stated = rule.value(m as unknown as RegExpExecArray);
      const actual = Number(options[rule.option]);
      if (stated !== actual) problems.push(`${where} says "${m[0]}" but the lab's ${rule.option} is ${actual}`);
    }
  }
  return problems;
}

const labs = readdirSync(contentDir).filter((name) => name.endsWith('.md')).sort().flatMap(labsOf);

test.each(labs.map((lab) => [`${lab.file} ${lab.scenario}`, lab] as const))('%s: the text around the lab states its numbers', (_name, lab) => {
  const effective = createSimulation({ scenario: lab.scenario as ScenarioId, options: lab.options, trace: false }).options as unknown as Record<string, unknown>;
  const scenario = getScenario(lab.scenario)!;
  expect([
    ...disagreements(lab.section, effective, 'the section'),
    ...disagreements(scenario.description, effective, 'the scenario description'),
  ]).toEqual([]);
});

test('the rules catch a wrong number', () => {
  expect(disagreements('This lab runs with an 80 ms database.', { dbLatencyMs: 20 }, 'x')).toHaveLength(1);
  expect(disagreements('Reads over 100 keys with Zipf popularity.', { keyCount: 20, zipf: 0 }, 'x')).toHaveLength(2);
  expect(disagreements('The lab reads 20 keys uniformly.', { keyCount: 20, zipf: 0 }, 'x')).toEqual([]);
});
