/**
 * Binary strings: JS strings whose every char code is one byte (0..255).
 * The emulator stores keys and values this way so it stays binary-safe without Uint8Array churn.
 *
 * @example
 * const key = utf8ToBinary('café');   // 'caf\u00c3\u00a9' (5 bytes)
 * binaryToUtf8(key);                  // 'café'
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Encodes text as UTF-8 and returns one char per byte. */
export function utf8ToBinary(text: string): string {
  // ASCII is its own UTF-8 encoding: skip the encoder for the common case.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  return bytesToBinary(encoder.encode(text));
}

/** Decodes a binary string as UTF-8 (invalid sequences become U+FFFD). */
export function binaryToUtf8(binary: string): string {
  let ascii = true;
  for (let i = 0; i < binary.length; i++) {
    if (binary.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return binary;
  return decoder.decode(binaryToBytes(binary));
}

/** Bytes to a binary string. */
export function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + chunk)));
  }
  return out;
}

/** A binary string to bytes (char codes above 255 are truncated to their low byte). */
export function binaryToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

/** True when every char code is a byte, i.e. the string is a valid binary string. */
export function isBinaryString(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}
