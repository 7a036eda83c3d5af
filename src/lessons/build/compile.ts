/**
 * Turns one lesson file into a `LessonModule`: validated frontmatter, headings, and a list of
 * blocks (static HTML, code tabs, mermaid, labs). Runs at build time only.
 */
import { Marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml, YAMLError } from 'yaml';
import { validateFigureBlock, validateFrontmatter, validateLabBlock } from '../schema.ts';
import { getFigure } from '../figures/catalog/index.ts';
import { describeFigure } from '../figures/run.ts';
import { isExperiment } from '../figures/types.ts';
import type { CodeTab, LessonBlock, LessonHeading, LessonModule } from '../types.ts';
import { lessonHref } from '../routes.ts';
import { ContentError } from './errors.ts';
import { highlight } from './highlight.ts';

/** A link from a lesson to a lesson (itself included) and maybe a heading, for the link checks. */
export interface InternalLink {
  href: string;
  slug: string;
  anchor?: string;
}

export interface CompiledLesson {
  module: LessonModule;
  links: InternalLink[];
}

/** Lesson file names: two digits, a dash, a lowercase slug. */
export const LESSON_FILE = /^(\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

const TAB_LABELS: Record<string, string> = { ts: 'TypeScript', typescript: 'TypeScript', python: 'Python', py: 'Python' };
const LANG_LABELS: Record<string, string> = {
  ...TAB_LABELS,
  js: 'JavaScript', javascript: 'JavaScript', bash: 'Shell', sh: 'Shell', shell: 'Shell', console: 'Terminal',
  json: 'JSON', yaml: 'YAML', yml: 'YAML', sql: 'SQL', redis: 'redis-cli', text: 'Text',
};
const CALLOUTS: Record<string, string> = { NOTE: 'Note', TIP: 'Tip', WARNING: 'Warning' };

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** GitHub-style heading ids: lowercase words joined by dashes. */
export function slugifyHeading(value: string): string {
  return value
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

function splitFrontmatter(source: string, file: string): { data: unknown; body: string; bodyLine: number } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) throw new ContentError(file, 'frontmatter', [{ field: '(all)', reason: 'is missing: the file must start with a --- YAML block' }]);
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    const reason = error instanceof YAMLError ? error.message.split('\n')[0] : String(error);
    throw new ContentError(file, 'frontmatter', [{ field: '(yaml)', reason: `is not valid YAML: ${reason}` }]);
  }
  return { data, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

function resolveHref(href: string, slug: string): { href: string; internal?: InternalLink; external: boolean } | null {
  const trimmed = href.trim();
  if (/^(javascript|vbscript|data):/i.test(trimmed)) return null;
  if (/^(https?:|mailto:)/i.test(trimmed)) return { href: trimmed, external: true };
  if (trimmed.startsWith('#/')) {
    const route = /^#\/lesson\/([^#/]+)(?:#(.+))?$/.exec(trimmed);
    return { href: trimmed, external: false, ...(route ? { internal: { href, slug: route[1]!, ...(route[2] ? { anchor: route[2] } : {}) } } : {}) };
  }
  if (trimmed.startsWith('#')) {
    const anchor = trimmed.slice(1);
    return { href: lessonHref(slug, anchor), external: false, internal: { href, slug, anchor } };
  }
  const file = /^(?:\.\/)?(\d{2}-[a-z0-9-]+)\.md(?:#(.+))?$/.exec(trimmed);
  if (file) {
    const internal: InternalLink = { href, slug: file[1]!, ...(file[2] ? { anchor: file[2] } : {}) };
    return { href: lessonHref(internal.slug, internal.anchor), external: false, internal };
  }
  // Anything else would be a path relative to the page, which means nothing under hash routing.
  return { href: trimmed, external: false, internal: { href, slug: '(unknown)' } };
}

function lineOf(body: string, raw: string, from: number): number {
  const index = body.indexOf(raw, from);
  return index < 0 ? 0 : body.slice(0, index).split('\n').length;
}

/**
 * Compiles one lesson. `file` is used in error messages only; `slug` is the file name without `.md`.
 * Throws `ContentError` naming the file and field on bad frontmatter or a bad lab block.
 */
export async function compileLesson(source: string, file: string, slug: string): Promise<CompiledLesson> {
  const { data, body, bodyLine } = splitFrontmatter(source, file);
  const frontmatter = validateFrontmatter(data);
  if (!frontmatter.ok) throw new ContentError(file, 'frontmatter', frontmatter.issues);

  const headings: LessonHeading[] = [];
  const links: InternalLink[] = [];
  const usedIds = new Map<string, number>();
  const highlighted = new Map<Tokens.Code, string>();

  const marked = new Marked({ gfm: true });
  const tokens = marked.lexer(body);
  const codeTokens: Tokens.Code[] = [];
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'code' && token.lang !== 'mermaid' && token.lang !== 'lab' && token.lang !== 'figure') codeTokens.push(token as Tokens.Code);
  });
  await Promise.all(codeTokens.map(async (token) => highlighted.set(token, await highlight(token.text, (token.lang ?? '').trim()))));

  marked.use({
    renderer: {
      heading({ tokens: inline, depth }) {
        const html = this.parser.parseInline(inline);
        const label = html.replace(/<[^>]*>/g, '');
        const base = slugifyHeading(label) || 'section';
        const seen = usedIds.get(base) ?? 0;
        usedIds.set(base, seen + 1);
        const id = seen === 0 ? base : `${base}-${seen}`;
        headings.push({ id, depth, text: label.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'") });
        const tag = `h${Math.max(2, depth)}`;
        return `<${tag} id="${id}" class="heading">${html}<a class="heading-anchor" href="${escapeHtml(lessonHref(slug, id))}" aria-label="Link to this section">#</a></${tag}>\n`;
      },
      code(token) {
        const html = highlighted.get(token) ?? `<pre><code>${escapeHtml(token.text)}</code></pre>`;
        return `<div class="code-block">${html}</div>\n`;
      },
      blockquote({ tokens: inner }) {
        const html = this.parser.parse(inner);
        const callout = /^<p>\[!(NOTE|TIP|WARNING)\]\s*/.exec(html);
        if (!callout) return `<blockquote>${html}</blockquote>\n`;
        const kind = callout[1]!;
        const rest = html.slice(callout[0].length).replace(/^<\/p>\s*/, '');
        return `<aside class="callout callout-${kind.toLowerCase()}" role="note"><p class="callout-title">${CALLOUTS[kind]}</p>${rest.startsWith('<') ? '' : '<p>'}${rest}</aside>\n`;
      },
      html({ text }) {
        // Raw HTML in lessons is shown as text: content never injects markup or script.
        return escapeHtml(text);
      },
      link({ href, title, tokens: inline }) {
        const label = this.parser.parseInline(inline);
        const resolved = resolveHref(href, slug);
        if (!resolved) return label;
        if (resolved.internal) links.push(resolved.internal);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        const externalAttrs = resolved.external ? ' target="_blank" rel="noopener noreferrer"' : '';
        return `<a href="${escapeHtml(resolved.href)}"${titleAttr}${externalAttrs}>${label}</a>`;
      },
      image({ href, title, text: alt }) {
        if (!/^(https:|\.\/|[a-z0-9])/i.test(href) || /^(javascript|data|vbscript):/i.test(href)) return escapeHtml(alt);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(alt)}"${titleAttr} loading="lazy">`;
      },
      table(token) {
        const header = token.header.map((cell) => `<th${cell.align ? ` style="text-align:${cell.align}"` : ''}>${this.parser.parseInline(cell.tokens)}</th>`).join('');
        const rows = token.rows
          .map((row) => `<tr>${row.map((cell) => `<td${cell.align ? ` style="text-align:${cell.align}"` : ''}>${this.parser.parseInline(cell.tokens)}</td>`).join('')}</tr>`)
          .join('');
        // The wrapper scrolls sideways on phones instead of widening the page.
        return `<div class="table-wrap" tabindex="0"><table><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table></div>\n`;
      },
    },
  });

  const blocks: LessonBlock[] = [];
  let pending: Token[] = [];
  let labCount = 0;
  // Side-by-side blocks count apart (`compare-1`), so adding one never renumbers a lesson's labs (progress and share links name them).
  let compareCount = 0;
  let figureCount = 0;
  let searchFrom = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const html = marked.parser(Object.assign(pending, { links: tokens.links })).trim();
    if (html) blocks.push({ kind: 'html', html });
    pending = [];
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'code') {
      pending.push(token);
      continue;
    }
    const code = token as Tokens.Code;
    const lang = (code.lang ?? '').trim().split(/\s+/)[0] ?? '';
    flush();
    if (lang === 'mermaid') {
      blocks.push({ kind: 'mermaid', code: code.text });
    } else if (lang === 'lab') {
      const line = bodyLine + lineOf(body, code.raw, searchFrom) - 1;
      const lab = validateLabBlock(blockYaml(code.text, file, `lab block at line ${line}`));
      if (!lab.ok) throw new ContentError(file, `lab block at line ${line}`, lab.issues);
      const id = lab.value.compare ? `compare-${++compareCount}` : `lab-${++labCount}`;
      blocks.push({ kind: 'lab', id, lab: lab.value });
    } else if (lang === 'figure') {
      const line = bodyLine + lineOf(body, code.raw, searchFrom) - 1;
      figureCount += 1;
      const figure = validateFigureBlock(blockYaml(code.text, file, `figure block at line ${line}`));
      if (!figure.ok) throw new ContentError(file, `figure block at line ${line}`, figure.issues);
      const definition = getFigure(figure.value.name)!;
      blocks.push({
        kind: 'figure',
        id: `figure-${figureCount}`,
        figure: figure.value,
        view: definition.view,
        runs: isExperiment(definition) ? 1 : definition.runs.length,
        alt: await describeFigure(definition, figure.value.options),
      });
    } else {
      const tabs: CodeTab[] = [toTab(code, lang, highlighted)];
      // Consecutive TypeScript/Python fences (blank lines between allowed) become one tabbed block.
      if (TAB_LABELS[lang]) {
        let j = i + 1;
        while (j < tokens.length) {
          const next = tokens[j]!;
          if (next.type === 'space') { j++; continue; }
          if (next.type !== 'code') break;
          const nextLang = ((next as Tokens.Code).lang ?? '').trim();
          const label = TAB_LABELS[nextLang];
          if (!label || tabs.some((tab) => tab.label === label)) break;
          tabs.push(toTab(next as Tokens.Code, nextLang, highlighted));
          i = j;
          j++;
        }
      }
      blocks.push({ kind: 'code', tabs });
    }
    searchFrom = body.indexOf(code.raw, searchFrom) + code.raw.length;
  }
  flush();

  return { module: { slug, frontmatter: frontmatter.value, headings, blocks }, links };
}

/** The YAML body of a lab or figure fence; bad YAML fails the build naming the file and the block. */
function blockYaml(text: string, file: string, where: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    const reason = error instanceof YAMLError ? error.message.split('\n')[0] : String(error);
    throw new ContentError(file, where, [{ field: '(yaml)', reason: `is not valid YAML: ${reason}` }]);
  }
}

function toTab(token: Tokens.Code, lang: string, highlighted: Map<Tokens.Code, string>): CodeTab {
  return {
    lang,
    label: LANG_LABELS[lang] ?? (lang ? lang : 'Text'),
    code: token.text,
    html: highlighted.get(token) ?? `<pre><code>${escapeHtml(token.text)}</code></pre>`,
  };
}
