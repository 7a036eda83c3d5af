/**
 * Text and lab agree: every number a lesson states about the lab beside it is accounted for. The
 * text checked is the section the lab sits in (from its "## " heading to the lab, code fences left
 * out), plus the scenario's own description shown above the lab. Each number with a unit the labs
 * have options for (a duration, keys, readers, reads or writes per second, connections, retries,
 * instances) must be one of:
 * - the lab's value of an option of that kind ("the 50 ms database" when DB latency is 50 ms);
 * - what the text tells the learner to set ("Set **TTL** to 2,000 ms"): the label must be an option
 *   of this lab and the value within its range (a later mention of that value is accounted for too);
 * - a number derived from the lab, listed in DERIVED below with how to compute it.
 * Anything else fails, naming the number: a new sentence with a new number needs one of the three.
 * Popularity ("uniformly", "Zipf") and the starting strategy ("With `plain`, press") are checked too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { getScenario, type ScenarioDefinition } from '../../src/scenarios/registry.ts';
import { optionSpecs, type OptionName } from '../../src/scenarios/options.ts';
import { createSimulation } from '../../src/scenarios/simulation.ts';
import type { ScenarioId } from '../../src/scenarios/types.ts';

const contentDir = join(import.meta.dirname, '..', '..', 'content');
const fixtureDir = join(import.meta.dirname, '..', 'fixtures', 'lab-numbers');

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10, twenty: 20, fifty: 50, hundred: 100 };
const num = (text: string) => WORDS[text.toLowerCase()] ?? Number(text.replace(/,/g, ''));
const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?|one|two|three|four|five|ten|twenty|fifty|hundred)`;

type Options = Record<string, unknown>;
type Kind = 'duration' | 'keys' | 'readers' | 'readRate' | 'writeRate' | 'connections' | 'retries' | 'instances';

/** Which options a number of each kind may speak of. */
const KIND_OPTIONS: Record<Kind, (name: string) => boolean> = {
  duration: (name) => name.endsWith('Ms'),
  keys: (name) => name === 'keyCount',
  readers: (name) => name === 'burstSize',
  readRate: (name) => name === 'readRatePerSec',
  writeRate: (name) => name === 'writeRatePerSec',
  connections: (name) => name === 'dbConnections',
  retries: (name) => name === 'retries',
  instances: (name) => name === 'instances',
};

/** How a stated number is found: its pattern (group 1 the number, group 2 the unit when there is one) and its kind. */
const CLAIMS: { pattern: RegExp; kind: Kind; scale?: (unit: string) => number }[] = [
  { pattern: new RegExp(String.raw`\b${NUMBER}\s*(ms|s|seconds?|minutes?)\b(?!\w)`, 'gi'), kind: 'duration', scale: (unit) => (unit === 'ms' ? 1 : unit.startsWith('min') ? 60_000 : 1000) },
  { pattern: new RegExp(String.raw`\b${NUMBER} keys\b`, 'gi'), kind: 'keys' },
  { pattern: new RegExp(String.raw`\b${NUMBER} readers\b`, 'gi'), kind: 'readers' },
  { pattern: /\bBurst of (\d+)\b/g, kind: 'readers' },
  { pattern: new RegExp(String.raw`\b${NUMBER} (?:reads|times) (?:and \d+ writes )?per second`, 'gi'), kind: 'readRate' },
  { pattern: new RegExp(String.raw`\b${NUMBER} writes per second`, 'gi'), kind: 'writeRate' },
  { pattern: new RegExp(String.raw`\b${NUMBER} (?:database )?connections\b`, 'gi'), kind: 'connections' },
  { pattern: new RegExp(String.raw`\b${NUMBER} retr(?:y|ies)\b`, 'gi'), kind: 'retries' },
  { pattern: new RegExp(String.raw`\b${NUMBER} (?:app )?instances\b`, 'gi'), kind: 'instances' },
];

/** Numbers the text derives from its lab: the phrase as written, and how the lab gives that value. */
interface Derived {
  phrase: string;
  value: (o: Record<string, number>, scenario: ScenarioDefinition) => number;
  /** How far the stated value may be from the computed one (an "about"). */
  within?: number;
}
const raceStep = (scenario: ScenarioDefinition, type: string) => scenario.scripts?.['stale-set-race']?.find((entry) => entry.action.type === type);
const DERIVED: Record<string, Derived[]> = {
  // A hit is a GET there and back.
  '01-what-is-cache-aside.md': [{ phrase: 'about 2 ms', value: (o) => 2 * o.redisLatencyMs! }],
  '04-invalidation.md': [
    // The scripted race (src/scenarios/lessons/index.ts) and the Slow read button use the same slow query.
    { phrase: 'query takes 300 ms', value: (_o, s) => { const step = raceStep(s, 'slowRead')!; return step.action.type === 'slowRead' ? step.action.dbLatencyMs : NaN; } },
    { phrase: '50 ms in', value: (_o, s) => raceStep(s, 'write')!.at },
    { phrase: 'Slow read of user:3 (300 ms)', value: (_o, s) => { const step = raceStep(s, 'slowRead')!; return step.action.type === 'slowRead' ? step.action.dbLatencyMs : NaN; } },
  ],
  '03-read-path.md': [
    // A hit is a GET there and back; a miss adds the query and a SET there and back.
    { phrase: 'a hit takes 2 ms', value: (o) => 2 * o.redisLatencyMs! },
    { phrase: 'a miss 24 ms', value: (o) => o.dbLatencyMs! + 4 * o.redisLatencyMs! },
  ],
  // The TTL plus the most jitter the step sets.
  '06-ttls.md': [
    { phrase: 'lives 5 to 8 s', value: (o) => (o.ttlMs! + 3000) / 1000 },
    // The window the text counted reads over: the four seconds from the first expiry.
    { phrase: 'the four seconds from 5 s to 9 s', value: (o) => o.ttlMs! / 1000 + 4 },
  ],
  '07-when-redis-fails.md': [
    { phrase: 'a hit, about 2 ms', value: (o) => 2 * o.redisLatencyMs! },
    // Step 3's settings: no retry, a 50 ms timeout, then the database.
    { phrase: 'costs about 100 ms', value: (o) => 50 + o.dbLatencyMs!, within: 10 },
    // Two timeouts, one backoff, the database.
    { phrase: 'instead of about 500 ms', value: (o) => 2 * o.redisTimeoutMs! + o.backoffMs! + o.dbLatencyMs!, within: 10 },
  ],
  // How long the text measured for: a window it chose, not a setting.
  '02-when-to-use.md': [
    // Step 3's stale reads are counted over the ten seconds after the change (read-write-mix-lesson.test.ts pins the range).
    { phrase: 'Ten\n   seconds after the change', value: () => 10 },
    // h-writebehind: a write-behind write is two round trips to Redis (SET, RPUSH).
    { phrase: 'answered in 4 ms', value: (o) => 4 * o.redisLatencyMs! },
  ],
  '08-measuring.md': [
    { phrase: 'play on for about 30 s', value: () => 30 },
    { phrase: '30 s after each change', value: () => 30 },
  ],
  '09-best-practices.md': [
    // Backoff doubles: the first wait is the option, the second twice it.
    { phrase: '(25 ms, then 50 ms apart)', value: (o) => 2 * o.backoffMs! },
  ],
  '10-cache-stampede.md': [
    // 50 readers through 10 connections, 100 ms each: five rounds.
    { phrase: 'wait about 500 ms', value: (o) => Math.ceil(o.burstSize! / o.dbConnections!) * o.dbLatencyMs! },
    // One rebuild, then the next retry finds the value.
    { phrase: 'served after about 120 ms', value: (o) => o.dbLatencyMs! + o.retryMs!, within: 10 },
    { phrase: 'each released after about 100 ms', value: (o) => o.dbLatencyMs!, within: 10 },
  ],
  '12-playground.md': [{ phrase: 'play for 10 s', value: () => 10 }],
  // The pair's `pauseAt: 120000` (eviction-numbers.test.ts pins it and the numbers stated at it).
  '13-when-the-cache-is-full.md': ['pauses by itself at two minutes', 'fewer database reads in two minutes', 'times in those two minutes', 'Over the same two minutes'].map((phrase) => ({ phrase, value: () => 2 })),
};

interface Lab {
  file: string;
  section: string;
  scenario: string;
  options: Options;
  /** A side-by-side block's sides (`compare:`): a number may speak of either side's options. */
  sides?: Options[];
}

function labsIn(file: string, text: string): Lab[] {
  const labs: Lab[] = [];
  const fence = /```lab\n([\s\S]*?)```/g;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const before = text.slice(0, m.index);
    const section = before.slice(Math.max(0, before.lastIndexOf('\n## '))).replace(/```[\s\S]*?```/g, '');
    const block = parseYaml(m[1]!) as { scenario: string; options?: Options; compare?: { left: { options: Options }; right: { options: Options } | { options: Options }[] } };
    const sides = block.compare ? [block.compare.left, ...[block.compare.right].flat()].map((side) => ({ ...block.options, ...side.options })) : undefined;
    labs.push({ file, section, scenario: block.scenario, options: block.options ?? {}, ...(sides ? { sides } : {}) });
  }
  return labs;
}

/** The lab's options after its scenario's defaults, as it runs. */
function effectiveOptions(lab: Lab): Options {
  return createSimulation({ scenario: lab.scenario as ScenarioId, options: lab.options, trace: false }).options as unknown as Options;
}

/** Where `text` states a number its lab does not account for, as sentences naming it. */
export function problemsIn(text: string, lab: Lab, where: string): string[] {
  const scenario = getScenario(lab.scenario);
  if (!scenario) return [`${where}: no scenario "${lab.scenario}"`];
  const options = effectiveOptions(lab);
  const numeric = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
  // Each side of a pair runs with its own values on top of the block's: any side's value is the lab's.
  const sideValues = (lab.sides ?? []).flatMap((side) => Object.entries(effectiveOptions({ ...lab, options: side })).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  // What a number may speak of: the options this lab shows, sets, or always runs with visibly.
  const relevant = new Set([...Object.keys(scenario.optionSchema), ...Object.keys(lab.options), 'dbLatencyMs', 'redisLatencyMs', 'dbConnections', 'keyCount']);
  const problems: string[] = [];
  const covered: [number, number][] = [];
  /** Values the text tells the learner to set, by option: a later mention of the same value is accounted for. */
  const instructed: [string, number][] = [];

  // Instructions: "Set **TTL** to 2,000 ms", "... and **Redis timeout** to 50 ms".
  const byLabel = new Map(Object.entries(scenario.optionSchema).map(([name, spec]) => [spec.label.toLowerCase(), name] as const));
  for (const sentence of text.matchAll(/[^.!?\n]*(?:\n(?!\n)[^.!?\n]*)*/g)) {
    if (!/\b(?:[Ss]et|[Ll]ower|[Rr]aise)\b/.test(sentence[0])) continue;
    for (const m of sentence[0].matchAll(/\*\*([^*]+)\*\*\s+(?:back\s+)?to\s+(\d[\d,]*(?:\.\d+)?)(\s*(?:ms|s)\b)?/g)) {
      const name = byLabel.get(m[1]!.toLowerCase());
      const start = sentence.index! + m.index! + m[0].length - m[2]!.length - (m[3]?.length ?? 0);
      covered.push([start, start + m[2]!.length + (m[3]?.length ?? 0)]);
      if (!name) {
        problems.push(`${where} tells the learner to set "${m[1]}", which this lab has no option for`);
        continue;
      }
      const spec = scenario.optionSchema[name]!;
      const value = num(m[2]!) * (m[3]?.trim() === 's' ? 1000 : 1);
      instructed.push([name, value]);
      if (('min' in spec && spec.min !== undefined && value < spec.min) || ('max' in spec && spec.max !== undefined && value > spec.max)) {
        problems.push(`${where} says "${m[0]}", outside the option's range`);
      }
    }
  }

  // Derived numbers, checked against their formula.
  for (const derived of DERIVED[lab.file] ?? []) {
    for (let at = text.indexOf(derived.phrase); at >= 0; at = text.indexOf(derived.phrase, at + 1)) {
      covered.push([at, at + derived.phrase.length]);
      const stated = [...derived.phrase.matchAll(new RegExp(`\\b${NUMBER}\\b`, 'gi'))].map((m) => num(m[1]!)).at(-1)!;
      const actual = derived.value(numeric, scenario);
      if (!(Math.abs(stated - actual) <= (derived.within ?? 0))) problems.push(`${where} says "${derived.phrase}" but the lab gives ${actual}`);
    }
  }

  for (const claim of CLAIMS) {
    for (const m of text.matchAll(claim.pattern)) {
      const start = m.index!;
      if (covered.some(([from, to]) => start >= from && start < to) || covered.some(([from, to]) => start < from && start + m[0].length > from)) continue;
      const stated = num(m[1]!) * (claim.scale?.(m[2]!.toLowerCase()) ?? 1);
      const candidates = Object.entries(numeric).filter(([name]) => relevant.has(name) && KIND_OPTIONS[claim.kind](name));
      if (candidates.some(([, value]) => value === stated)) continue;
      if (sideValues.some(([name, value]) => relevant.has(name) && KIND_OPTIONS[claim.kind](name) && value === stated)) continue;
      if (instructed.some(([name, value]) => KIND_OPTIONS[claim.kind](name) && value === stated)) continue;
      const names = candidates.map(([name, value]) => `${optionSpecs[name as OptionName]?.label ?? name} ${value}`).join(', ') || 'none';
      problems.push(`${where} says "${m[0]}" but no option of that kind has that value (${names}), no instruction sets it and no rule derives it`);
    }
  }

  // "Second 5" is ambiguous beside a chart that labels each second by its end (reads from 5 to 6 s at "6 s"): name the span.
  for (const m of text.matchAll(/\bseconds? \d+(?: to \d+)?\b/g)) problems.push(`${where} says "${m[0]}": name the span ("the second after 5 s"), as the charts label a second by its end`);
  // Popularity and the starting strategy are words, not numbers.
  if (/\buniformly\b/i.test(text) && numeric.zipf !== 0) problems.push(`${where} says "uniformly" but the lab's Zipf exponent is ${numeric.zipf}`);
  if (/\bZipf(?:-distributed)? popularity\b|\bZipf law\b/i.test(text) && !(numeric.zipf! > 0)) problems.push(`${where} speaks of Zipf popularity but the lab's Zipf exponent is ${numeric.zipf}`);
  for (const m of text.matchAll(/\bWith `(plain|lock|coalesce|xfetch|swr)`, press\b/g)) {
    if (options.strategy !== m[1]) problems.push(`${where} starts with "${m[0]}" but the lab's strategy is ${String(options.strategy)}`);
  }
  return problems;
}

function labProblems(lab: Lab): string[] {
  const scenario = getScenario(lab.scenario);
  return [...problemsIn(lab.section, lab, `${lab.file}, the section`), ...(scenario ? problemsIn(scenario.description, lab, `${lab.file}, the scenario description`) : [])];
}

const lessonFiles = readdirSync(contentDir).filter((name) => name.endsWith('.md')).sort();
const labs = lessonFiles.flatMap((file) => labsIn(file, readFileSync(join(contentDir, file), 'utf8')));

test.each(labs.map((lab) => [`${lab.file} ${lab.scenario}`, lab] as const))('%s: every number the text states about its lab is the lab\'s', (_name, lab) => {
  expect(labProblems(lab)).toEqual([]);
});

test('every derived number is still in its lesson (a rule whose phrase is gone is dead)', () => {
  for (const [file, rules] of Object.entries(DERIVED)) {
    const text = readFileSync(join(contentDir, file), 'utf8');
    for (const rule of rules) expect(text.includes(rule.phrase), `${file}: "${rule.phrase}"`).toBe(true);
  }
});

test('a planted mismatch fails: the fixture lesson states numbers its lab block does not run with', () => {
  const file = '01-mismatch.md';
  const [lab] = labsIn(file, readFileSync(join(fixtureDir, file), 'utf8'));
  expect(labProblems(lab!)).toEqual([
    '01-mismatch.md, the section tells the learner to set "Colour", which this lab has no option for',
    '01-mismatch.md, the section says "**TTL** to 0", outside the option\'s range',
    '01-mismatch.md, the section says "80 ms" but no option of that kind has that value (TTL 1000, DB latency 20, Redis latency 1), no instruction sets it and no rule derives it',
    '01-mismatch.md, the section says "100 keys" but no option of that kind has that value (Keys 20), no instruction sets it and no rule derives it',
    '01-mismatch.md, the section says "uniformly" but the lab\'s Zipf exponent is 1',
  ]);
});
