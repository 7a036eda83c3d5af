/**
 * The shapes a lesson takes after the build-time pipeline: plain JSON, so the browser never
 * parses markdown, YAML or highlights code.
 */
import type { CheckSpec as LabCheck, ComparisonOp } from '../scenarios/checks.ts';
import type { CompareSpec } from '../scenarios/compare.ts';

/** Validated lesson frontmatter (see `frontmatterSchema` in `./schema.ts` for what each field means). */
export interface LessonFrontmatter {
  title: string;
  linkTitle: string;
  description: string;
  weight: number;
  scenario: string;
  duration?: number;
}

/** One entry of the lesson index: enough to draw the lesson list without loading any lesson. */
export interface LessonSummary extends LessonFrontmatter {
  /** The file name without `.md`, e.g. `03-read-path`; also the URL segment. */
  slug: string;
}

/** A heading of a lesson, for the table of contents and the anchor checks. */
export interface LessonHeading {
  id: string;
  depth: number;
  text: string;
}

export interface CodeTab {
  /** The fence's language as written (`ts`, `python`). */
  lang: string;
  /** The tab's label (`TypeScript`, `Python`). */
  label: string;
  /** The raw source, for the copy button. */
  code: string;
  /** Build-time highlighted HTML (shiki, light and dark colours as CSS variables). */
  html: string;
}

/** A lesson check as written in a lab block (src/scenarios/checks.ts: its shape and judgment). */
export type { LabCheck, ComparisonOp };

/** The YAML body of a ```lab fence, validated at build time. */
export interface LabBlockSpec {
  scenario: string;
  options?: Record<string, unknown>;
  seed?: number;
  title?: string;
  check?: LabCheck;
  /** Two labs side by side, driven by the same buttons (src/scenarios/compare.ts). */
  compare?: CompareSpec;
}

/** The YAML body of a ```figure fence, validated at build time (see `figureBlockSchema`). */
export interface FigureBlockSpec {
  /** A figure from src/lessons/figures/catalog/index.ts. */
  name: string;
  caption: string;
  options?: Record<string, unknown>;
}

export type LessonBlock =
  | { kind: 'html'; html: string }
  | { kind: 'code'; tabs: CodeTab[] }
  | { kind: 'mermaid'; code: string }
  | { kind: 'lab'; id: string; lab: LabBlockSpec }
  /** `alt` is the text alternative, written at build time from the figure's real run. */
  | { kind: 'figure'; id: string; figure: FigureBlockSpec; view: string; runs: number; alt: string };

/** What a lesson's lazily imported module exports as default. */
export interface LessonModule {
  slug: string;
  frontmatter: LessonFrontmatter;
  headings: LessonHeading[];
  blocks: LessonBlock[];
}

/** An index entry plus the loader of its content module. */
export interface LessonEntry extends LessonSummary {
  load: () => Promise<LessonModule>;
}
