/**
 * Copy-paste snippets that embed one lab state: custom element, iframe, Hugo shortcode and
 * Docusaurus MDX. Pure strings; values are escaped for the attribute syntax they land in.
 *
 * @example
 * embedSnippets({ scriptUrl: 'https://x.example/embed/cache-aside-lab.js', frameUrl: 'https://x.example/embed/frame.html' }, state).customElement;
 */
import { embedHash, type ShareState } from './link.ts';
import { attributeName } from './attribute-name.ts';

// Its own module, so the embed script reads attributes without loading the snippet templates.
export { attributeName };

export interface EmbedLocation {
  /** Absolute URL of `cache-aside-lab.js`. */
  readonly scriptUrl: string;
  /** Absolute URL of `frame.html`, the iframe page. */
  readonly frameUrl: string;
}

export interface Snippets {
  readonly customElement: string;
  readonly iframe: string;
  readonly hugo: string;
  readonly docusaurus: string;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The state as `name="value"` attributes (the custom element's and the shortcodes' syntax). */
function attributes(state: ShareState, name: (option: string) => string): string[] {
  const pairs: [string, string][] = [['scenario', state.scenario]];
  for (const [option, value] of Object.entries(state.options)) pairs.push([name(option), String(value)]);
  if (state.seed !== undefined) pairs.push(['seed', String(state.seed)]);
  // Actions and the cursor ride as they do in links, so an embed can open at the shared moment.
  const query = new URLSearchParams(embedHash(state).split('?')[1] ?? '');
  for (const key of ['actions', 'event', 'time']) {
    const value = query.get(key);
    if (value !== null) pairs.push([key, value]);
  }
  return pairs.map(([key, value]) => `${key}="${escapeAttribute(value)}"`);
}

export function embedSnippets(location: EmbedLocation, state: ShareState): Snippets {
  const element = attributes(state, attributeName);
  const frameSrc = `${location.frameUrl}${embedHash(state)}`;
  const origin = new URL(location.frameUrl).origin;
  return {
    customElement: [
      `<script type="module" src="${escapeAttribute(location.scriptUrl)}"></script>`,
      `<cache-aside-lab ${element.join(' ')}></cache-aside-lab>`,
    ].join('\n'),
    iframe: [
      `<iframe data-cache-aside-lab src="${escapeAttribute(frameSrc)}" title="Cache-Aside Lab" loading="lazy" style="width:100%;height:760px;border:0"></iframe>`,
      '<script>',
      '  // Let each embedded lab set its own height.',
      "  addEventListener('message', (event) => {",
      `    if (event.origin !== ${JSON.stringify(origin)} || event.data?.source !== 'cache-aside-lab' || event.data.type !== 'resize') return;`,
      "    for (const frame of document.querySelectorAll('iframe[data-cache-aside-lab]'))",
      "      if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';",
      '  });',
      '</script>',
    ].join('\n'),
    hugo: `{{< cache-aside-lab ${element.join(' ')} >}}`,
    docusaurus: [`import CacheAsideLab from '@site/src/components/CacheAsideLab';`, '', `<CacheAsideLab ${element.join(' ')} />`].join('\n'),
  };
}
