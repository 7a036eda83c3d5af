/** Build-time syntax highlighting: shiki runs in Node only, the browser gets finished HTML. */
import type { HighlighterGeneric } from 'shiki';

const LANGS = ['typescript', 'javascript', 'python', 'bash', 'shellsession', 'json', 'yaml', 'sql'] as const;
const ALIASES: Record<string, string> = { ts: 'typescript', js: 'javascript', py: 'python', sh: 'bash', shell: 'bash', console: 'shellsession', yml: 'yaml' };

let highlighter: Promise<HighlighterGeneric<string, string>> | undefined;

function getHighlighter(): Promise<HighlighterGeneric<string, string>> {
  // Imported lazily so loading vite.config.ts (and every test run) does not pay for shiki.
  // The JavaScript regex engine needs no WebAssembly, so it also runs under jsdom in tests.
  highlighter ??= import('shiki').then(
    ({ createHighlighter, createJavaScriptRegexEngine }) =>
      createHighlighter({ themes: ['github-light-default', 'github-dark-default'], langs: [...LANGS], engine: createJavaScriptRegexEngine() }) as Promise<
        HighlighterGeneric<string, string>
      >,
  );
  return highlighter;
}

/** Highlights `code` as HTML whose colours are CSS variables (`--shiki-light`, `--shiki-dark`) so one markup serves both themes. */
export async function highlight(code: string, lang: string): Promise<string> {
  const shiki = await getHighlighter();
  const name = ALIASES[lang] ?? lang;
  const known = (LANGS as readonly string[]).includes(name);
  return shiki.codeToHtml(code, {
    lang: known ? name : 'text',
    themes: { light: 'github-light-default', dark: 'github-dark-default' },
    defaultColor: false,
  });
}
