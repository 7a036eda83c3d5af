import fc from 'fast-check';
import { binaryToBytes, binaryToUtf8, bytesToBinary, isBinaryString, utf8ToBinary } from './bytes.ts';

describe('binary strings', () => {
  test('UTF-8 text survives the round trip and every char of the binary form is a byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const binary = utf8ToBinary(text);
        expect(isBinaryString(binary)).toBe(true);
        expect(binaryToUtf8(binary)).toBe(text);
        expect(binary.length).toBe(new TextEncoder().encode(text).length);
      }),
    );
  });

  test('bytes survive the round trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100_000 }), (bytes) => {
        expect(binaryToBytes(bytesToBinary(bytes))).toEqual(bytes);
      }),
      { numRuns: 20 },
    );
  });

  test('é is two bytes', () => {
    expect(utf8ToBinary('é')).toBe('\u00c3\u00a9');
  });
});
