/**
 * The bytes of a query or migration file → the text sqlsure reads. A UTF-8 byte order mark is
 * dropped (editors do not count it as a column, so positions stay what the editor shows), and
 * bytes that are not UTF-8 are located instead of silently becoming U+FFFD.
 */
import type { SourcePosition } from './query-source.js';

export interface InvalidUtf8 {
  /** Byte offset in the file (the BOM, if any, included). */
  byteOffset: number;
  /** The offending bytes, e.g. `0xE9`. */
  bytes: string;
  /** UTF-16 offset of the U+FFFD that stands for them in `text`. */
  offset: number;
  /** Line and column in the text with LF line endings. */
  position: SourcePosition;
}

export interface DecodedSource {
  /** The text with the BOM removed; each invalid sequence is one U+FFFD. Line endings untouched. */
  text: string;
  hasBom: boolean;
  invalid: InvalidUtf8[];
}

const BOM = [0xef, 0xbb, 0xbf];
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(bytes: Uint8Array): DecodedSource {
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const text = lenient.decode(body);
  let invalid: InvalidUtf8[] = [];
  try {
    strict.decode(body);
  } catch {
    invalid = locateInvalid(body, text, hasBom ? 3 : 0);
  }
  return { text, hasBom, invalid };
}

/** LF line endings and no BOM: the text that is parsed, hashed and located in. */
export function normaliseSourceText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function describeInvalidUtf8(bad: InvalidUtf8): string {
  return `invalid UTF-8 (byte ${bad.bytes} at byte offset ${bad.byteOffset})`;
}

export const INVALID_UTF8_HINT = 'save the file as UTF-8 (it looks like another encoding, e.g. Latin-1 or Windows-1252)';

/**
 * Walks the leniently decoded text and the bytes side by side: every code point but U+FFFD is
 * its own UTF-8 encoding; a U+FFFD either is one (EF BF BD) or stands for the longest prefix of
 * a valid sequence that the strict decoder still accepted as incomplete (WHATWG "maximal subpart").
 */
function locateInvalid(bytes: Uint8Array, text: string, shift: number): InvalidUtf8[] {
  const found: InvalidUtf8[] = [];
  let line = 1;
  let lineStart = 0;
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const units = cp >= 0x10000 ? 2 : 1;
    if (cp === 0xfffd && !(bytes[b] === 0xef && bytes[b + 1] === 0xbf && bytes[b + 2] === 0xbd)) {
      const width = maximalSubpart(bytes, b);
      found.push({
        byteOffset: b + shift,
        bytes: [...bytes.subarray(b, b + width)].map((x) => '0x' + x.toString(16).toUpperCase().padStart(2, '0')).join(' '),
        offset: i,
        position: { line, column: i - lineStart + 1 },
      });
      b += width;
    } else {
      b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    // Lines as LF-normalised text counts them: \r\n and a lone \r are one line break each.
    if (cp === 0x0a || (cp === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    } else if (cp === 0x0d) {
      lineStart = i + 2; // the \n that follows is dropped by normalisation
      line++;
      i++;
      b++;
    }
    i += units;
  }
  return found;
}

function maximalSubpart(bytes: Uint8Array, at: number): number {
  for (let width = Math.min(3, bytes.length - at); width > 1; width--) {
    try {
      const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      if (decoder.decode(bytes.subarray(at, at + width), { stream: true }) === '') return width;
    } catch {
      // not a prefix of a valid sequence
    }
  }
  return 1;
}
