import fc from 'fast-check';
import { globMatch } from './glob.ts';

// Redis 7.0's util.c stringmatchlen_impl transcribed as it is: recursive, with skipLongerMatches
// and the nesting limit. Recursion depth here is bounded by the limit (~1000 frames).
function reference(pattern: string, subject: string): boolean {
  const signed = (s: string, i: number) => (i >= s.length ? 0 : s.charCodeAt(i) > 127 ? s.charCodeAt(i) - 256 : s.charCodeAt(i));
  const state = { skipLonger: false };
  const go = (p: number, s: number, nesting: number): boolean => {
    if (nesting > 1000) return false;
    let pl = pattern.length - p;
    let sl = subject.length - s;
    while (pl > 0 && sl > 0) {
      const c = pattern[p];
      if (c === '*') {
        while (pl > 0 && pattern[p + 1] === '*') {
          p++;
          pl--;
        }
        if (pl === 1) return true;
        for (; sl > 0; s++, sl--) {
          if (go(p + 1, s, nesting + 1)) return true;
          if (state.skipLonger) return false;
        }
        state.skipLonger = true;
        return false;
      } else if (c === '?') {
        s++;
        sl--;
      } else if (c === '[') {
        p++;
        pl--;
        const not = pattern[p] === '^';
        if (not) {
          p++;
          pl--;
        }
        let match = false;
        for (;;) {
          if (pattern[p] === '\\' && pl >= 2) {
            p++;
            pl--;
            if (signed(pattern, p) === signed(subject, s)) match = true;
          } else if (pattern[p] === ']') break;
          else if (pl === 0) {
            p--;
            pl++;
            break;
          } else if (pl >= 3 && pattern[p + 1] === '-') {
            const a = Math.min(signed(pattern, p), signed(pattern, p + 2));
            const b = Math.max(signed(pattern, p), signed(pattern, p + 2));
            if (signed(subject, s) >= a && signed(subject, s) <= b) match = true;
            p += 2;
            pl -= 2;
          } else if (signed(pattern, p) === signed(subject, s)) match = true;
          p++;
          pl--;
        }
        if (not) match = !match;
        if (!match) return false;
        s++;
        sl--;
      } else {
        if (c === '\\' && pl >= 2) {
          p++;
          pl--;
        }
        if (signed(pattern, p) !== signed(subject, s)) return false;
        s++;
        sl--;
      }
      p++;
      pl--;
      if (sl === 0) {
        while (pattern[p] === '*') {
          p++;
          pl--;
        }
        break;
      }
    }
    return pl === 0 && sl === 0;
  };
  return go(0, 0, 0);
}

describe('globMatch follows Redis stringmatchlen', () => {
  test.each([
    ['h?llo', 'hello', true],
    ['h?llo', 'hllo', false],
    ['h*llo', 'heeeello', true],
    ['h*llo', 'hllo', true],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[b-a]llo', 'hbllo', true], // reversed ranges are swapped
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a[', 'a', false],
    ['a[b', 'ab', true], // an unbalanced bracket still matches its listed chars
    ['*', '', false], // KEYS and SCAN special-case a lone '*' themselves
    ['**', 'x', true],
    ['[\\]]', ']', true],
    ['\\', '\\', true],
    ['[a-\u00ff]', 'b', false], // bytes >= 0x80 are negative chars, so this range is [-1, 'a']
    ['[a-\u00ff]', '\u00ff', true],
    ['[\u007f-\u00ff]', '\u0080', false],
    ['user:*:profile', 'user:42:profile', true],
  ])('%j matches %j: %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  const byte = fc.constantFrom('a', 'b', '*', '?', '[', ']', '^', '-', '\\', '\u00ff', '\u0080', 'z');
  const text = fc.array(byte, { maxLength: 8 }).map((chars) => chars.join(''));

  test('agrees with Redis\'s recursive stringmatchlen on random patterns and subjects', () => {
    fc.assert(
      fc.property(text, text, (pattern, subject) => {
        expect(globMatch(pattern, subject)).toBe(reference(pattern, subject));
      }),
      { numRuns: 5000 },
    );
  });

  test('a string with every special char escaped matches only itself', () => {
    fc.assert(
      fc.property(text.filter((s) => s.length > 0), text, (literal, other) => {
        const escaped = literal.replace(/[*?[\]\\^-]/g, (c) => '\\' + c);
        expect(globMatch(escaped, literal)).toBe(true);
        expect(globMatch(escaped, other)).toBe(other === literal);
      }),
    );
  });

  test('a star pattern matches every non-empty string, and n question marks every string of length n', () => {
    fc.assert(
      fc.property(text.filter((s) => s.length > 0), (subject) => {
        expect(globMatch('*', subject)).toBe(true);
        expect(globMatch('?'.repeat(subject.length), subject)).toBe(true);
        expect(globMatch('?'.repeat(subject.length + 1), subject)).toBe(false);
      }),
    );
  });

  test('patterns with hundreds to thousands of stars agree with the recursive reference, with no recursion of its own', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 990, max: 1010 }),
        fc.constantFrom('*a', '*?', '*[a]', 'a*'),
        fc.integer({ min: 0, max: 1100 }),
        fc.boolean(),
        (repeat, unit, length, trailingStar) => {
          const pattern = unit.repeat(repeat) + (trailingStar ? '*' : '');
          const subject = 'a'.repeat(length);
          expect(globMatch(pattern, subject)).toBe(reference(pattern, subject));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('Redis 7.0 answers: at the 1001st star it stops matching; 5000 stars answer no match quickly', () => {
    expect(globMatch('*a'.repeat(1000), 'a'.repeat(1000))).toBe(true);
    expect(globMatch('*a'.repeat(1001), 'a'.repeat(1001))).toBe(false);
    expect(globMatch('*a'.repeat(1001) + '*', 'a'.repeat(1001))).toBe(false);
    expect(globMatch('*a'.repeat(5000), 'a'.repeat(5000))).toBe(false);
    expect(globMatch('a*'.repeat(5000), 'a'.repeat(5000))).toBe(false);
    expect(globMatch('*a'.repeat(1000) + '*', 'a'.repeat(1000) + 'bcd')).toBe(true); // a trailing star never recurses
  });

  test('stays fast on patterns that would backtrack exponentially', () => {
    const start = performance.now();
    expect(globMatch('a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
