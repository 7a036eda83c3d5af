/** The languages the code panel shows, keyed as the strategy sources key them. */
export type CodeLanguage = 'ts' | 'python';

export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'plain';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const KEYWORDS: Record<CodeLanguage, ReadonlySet<string>> = {
  ts: new Set(
    'async await break case catch class const continue default do else export false finally for from function if import in instanceof let new null of return switch this throw true try typeof undefined var void while'.split(' '),
  ),
  python: new Set(
    'and as async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield'.split(' '),
  ),
};

/**
 * Splits one line of source into coloured runs: keywords, strings, comments and numbers. It is
 * deliberately small (no multi-line constructs) — enough for the short strategy snippets, and
 * nothing heavy shipped to the browser.
 *
 * @example tokenize('return user; // done', 'ts') // keyword 'return', plain ' user; ', comment '// done'
 */
export function tokenize(line: string, language: CodeLanguage): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens[tokens.length - 1];
    if (kind === 'plain' && last?.kind === 'plain') tokens[tokens.length - 1] = { kind, text: last.text + text };
    else tokens.push({ kind, text });
  };
  const commentStart = language === 'ts' ? '//' : '#';
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    const char = line[i]!;
    if (rest.startsWith(commentStart)) {
      push('comment', rest);
      break;
    }
    // Python string prefixes (f"", b'', rb"") belong to the string.
    const prefix = language === 'python' ? /^[rbfu]{1,2}(?=["'])/i.exec(rest)?.[0] ?? '' : '';
    const quote = rest[prefix.length];
    if (quote === '"' || quote === "'" || (quote === '`' && language === 'ts')) {
      let end = i + prefix.length + 1;
      while (end < line.length && line[end] !== quote) end += line[end] === '\\' ? 2 : 1;
      push('string', line.slice(i, Math.min(end + 1, line.length)));
      i = end + 1;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest)?.[0];
    if (word) {
      push(KEYWORDS[language].has(word) ? 'keyword' : 'plain', word);
      i += word.length;
      continue;
    }
    const number = /^\d[\d_]*(\.\d+)?/.exec(rest)?.[0];
    if (number) {
      push('number', number);
      i += number.length;
      continue;
    }
    push('plain', char);
    i += 1;
  }
  return tokens;
}
