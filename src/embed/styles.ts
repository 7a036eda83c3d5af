/**
 * The lab's CSS for shadow roots. In the embed build every `import './x.css'` becomes a call to
 * `addEmbedCss` (see vite.embed.config.ts), so no style reaches the host page's <head>; each
 * shadow root (or the iframe's document) adopts the collected sheets, including ones that arrive
 * later with lazy chunks.
 */

const texts: string[] = [];
const listeners = new Set<() => void>();

/** Called by the build's CSS shim, once per stylesheet as its module loads. */
export function addEmbedCss(css: string): void {
  texts.push(css);
  for (const listener of listeners) listener();
}

/** Theme variables set on `:root` in the app are set on the host element inside a shadow root. */
export function scopeToHost(css: string): string {
  return css.replace(/:root\b/g, ':host');
}

/** What every embedded lab needs around it: no inherited host styles, a block box. */
export const HOST_CSS = `
:host { all: initial; display: block; contain: content; font-family: var(--cal-font); color: var(--cal-fg); }
:host([hidden]) { display: none; }
.cal-embed-root { display: block; }
`;

/** Keeps `target.adoptedStyleSheets` equal to the collected CSS (plus `extra`); returns the stop function. */
// One set of sheets for all shadow roots, one for documents: a constructed sheet can be adopted many times.
const shadowSheets: CSSStyleSheet[] = [];
const documentSheets: CSSStyleSheet[] = [];

function sheetsFor(scoped: boolean): CSSStyleSheet[] {
  const cache = scoped ? shadowSheets : documentSheets;
  for (let i = cache.length; i < texts.length; i++) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(scoped ? scopeToHost(texts[i]!) : texts[i]!);
    cache.push(sheet);
  }
  return cache;
}

export function adoptEmbedCss(target: ShadowRoot | Document, extra = ''): () => void {
  const scoped = target instanceof ShadowRoot;
  const own = new CSSStyleSheet();
  own.replaceSync(extra);
  const sync = () => {
    target.adoptedStyleSheets = [...sheetsFor(scoped), own];
  };
  sync();
  listeners.add(sync);
  return () => listeners.delete(sync);
}
