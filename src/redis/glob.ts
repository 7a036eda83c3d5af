/**
 * Redis glob matching, byte for byte as `stringmatchlen` in util.c: `*`, `?`, `[abc]`, `[^a]`,
 * `[a-z]` (reversed ranges allowed), backslash escapes, and lenient unbalanced brackets.
 *
 * @example
 * globMatch('user:*', 'user:42');        // true
 * globMatch('h[^e]llo', 'hello');        // false
 * globMatch('a\\*b', 'a*b');             // true
 * globMatch('*', '');                   // false: KEYS and SCAN special-case a lone '*' themselves
 */
export function globMatch(pattern: string, subject: string, nocase = false): boolean {
  return matchIteratively(pattern, subject, nocase);
}

/**
 * Redis gives up (no match) when a pattern makes `stringmatchlen` recurse deeper than this, i.e.
 * at the 1001st non-trailing star along one match attempt (util.c, "protection against abusive
 * patterns", since 7.0.9).
 */
export const GLOB_MAX_NESTING = 1000;

// C compares `char`, which is signed on the platforms Redis ships for: bytes >= 0x80 are negative.
function signedAt(text: string, index: number): number {
  if (index >= text.length) return 0; // the NUL terminator of an sds string
  const code = text.charCodeAt(index);
  return code > 127 ? code - 256 : code;
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

const STAR = 42;
const QUESTION = 63;
const OPEN = 91;
const CLOSE = 93;
const CARET = 94;
const BACKSLASH = 92;
const DASH = 45;

/*
 * Redis recurses once per star, over every start position of the rest; a failed recursion that
 * tried every position sets `skipLongerMatches`, which fails every outer star at once. So only the
 * innermost star ever backtracks, and a loop with one backtrack point gives the same answers
 * without recursion: `starP`/`starS` are where that star's rest is being tried.
 */
function matchIteratively(pattern: string, subject: string, nocase: boolean): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  let stars = 0;
  for (;;) {
    let patternLen = pattern.length - p;
    let stringLen = subject.length - s;
    let failed = false;
    while (patternLen > 0 && stringLen > 0) {
      const c = signedAt(pattern, p);
      if (c === STAR) {
        while (patternLen > 0 && signedAt(pattern, p + 1) === STAR) {
          p++;
          patternLen--;
        }
        if (patternLen === 1) return true;
        // Redis's recursion for this star would start at nesting level `stars`.
        if (++stars > GLOB_MAX_NESTING) return false;
        starP = p + 1;
        starS = s;
        p++;
        patternLen--;
        continue;
      } else if (c === QUESTION) {
        s++;
        stringLen--;
      } else if (c === OPEN) {
        p++;
        patternLen--;
        const not = signedAt(pattern, p) === CARET;
        if (not) {
          p++;
          patternLen--;
        }
        let match = false;
        const sc = signedAt(subject, s);
        for (;;) {
          const pc = signedAt(pattern, p);
          if (pc === BACKSLASH && patternLen >= 2) {
            p++;
            patternLen--;
            if (signedAt(pattern, p) === sc) match = true;
          } else if (pc === CLOSE) {
            break;
          } else if (patternLen === 0) {
            p--;
            patternLen++;
            break;
          } else if (patternLen >= 3 && signedAt(pattern, p + 1) === DASH) {
            let start = pc;
            let end = signedAt(pattern, p + 2);
            let ch = sc;
            if (start > end) {
              const t = start;
              start = end;
              end = t;
            }
            if (nocase) {
              start = lower(start);
              end = lower(end);
              ch = lower(ch);
            }
            p += 2;
            patternLen -= 2;
            if (ch >= start && ch <= end) match = true;
          } else if (nocase ? lower(pc) === lower(sc) : pc === sc) {
            match = true;
          }
          p++;
          patternLen--;
        }
        if (not) match = !match;
        if (!match) {
          failed = true;
          break;
        }
        s++;
        stringLen--;
      } else {
        if (c === BACKSLASH && patternLen >= 2) {
          p++;
          patternLen--;
        }
        const pc = signedAt(pattern, p);
        const sc = signedAt(subject, s);
        if (nocase ? lower(pc) !== lower(sc) : pc !== sc) {
          failed = true;
          break;
        }
        s++;
        stringLen--;
      }
      p++;
      patternLen--;
      if (stringLen === 0) {
        while (signedAt(pattern, p) === STAR && p < pattern.length) {
          p++;
          patternLen--;
        }
        break;
      }
    }
    if (!failed && patternLen === 0 && stringLen === 0) return true;
    // Try the innermost star's rest one byte further on; Redis stops before the string's end.
    if (starP < 0 || ++starS >= subject.length) return false;
    p = starP;
    s = starS;
  }
}
