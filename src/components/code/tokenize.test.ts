import { tokenize } from './tokenize';

test('TypeScript: keywords, template strings, comments', () => {
  expect(tokenize('  const key = `user:${id}`; // why', 'ts')).toEqual([
    { kind: 'plain', text: '  ' },
    { kind: 'keyword', text: 'const' },
    { kind: 'plain', text: ' key = ' },
    { kind: 'string', text: '`user:${id}`' },
    { kind: 'plain', text: '; ' },
    { kind: 'comment', text: '// why' },
  ]);
});

test('a comment marker inside a string is part of the string', () => {
  expect(tokenize('r.set("a#b", 1)  # set it', 'python')).toEqual([
    { kind: 'plain', text: 'r.set(' },
    { kind: 'string', text: '"a#b"' },
    { kind: 'plain', text: ', ' },
    { kind: 'number', text: '1' },
    { kind: 'plain', text: ')  ' },
    { kind: 'comment', text: '# set it' },
  ]);
});

test('Python: f-strings, escaped quotes, None', () => {
  expect(tokenize('key = f"user:{user_id}\\"x"', 'python').map((t) => t.kind)).toEqual(['plain', 'string']);
  expect(tokenize('return None', 'python')).toEqual([
    { kind: 'keyword', text: 'return' },
    { kind: 'plain', text: ' ' },
    { kind: 'keyword', text: 'None' },
  ]);
  // `def` is Python's keyword, not TypeScript's.
  expect(tokenize('def', 'ts')).toEqual([{ kind: 'plain', text: 'def' }]);
});

test('an unterminated string runs to the end of the line and loses no text', () => {
  const line = "x = 'open";
  expect(tokenize(line, 'python').map((t) => t.text).join('')).toBe(line);
});

test('words containing keywords are not keywords', () => {
  expect(tokenize('returned', 'ts')).toEqual([{ kind: 'plain', text: 'returned' }]);
});
