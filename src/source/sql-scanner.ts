/**
 * PostgreSQL's own lexer and parser (libpg-query, WASM), with offsets converted from UTF-8 bytes
 * to UTF-16 code units so they index JavaScript strings directly.
 */
import { loadModule, parseSync } from 'libpg-query';
import type { ParseResult } from 'libpg-query';

/** A lexer token (see scan-query-file.ts, which lexes whole query files without ever throwing). */
export interface SqlToken {
  start: number;
  end: number;
  text: string;
  kind: string;
}

let loaded: Promise<void> | undefined;

/** Loads the WASM module once; every other function here needs it. */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

export interface SqlSyntaxError {
  message: string;
  /** 0-based UTF-16 offset into the text, when the parser reported one. */
  offset?: number;
}

export type ParseOutcome =
  | { ok: true; result: ParseResult; toChar: (byteOffset: number) => number }
  | { ok: false; error: SqlSyntaxError };

export function parseSql(text: string): ParseOutcome {
  // The parser reads a C string: a NUL would silently end the text there. PostgreSQL refuses
  // NUL in SQL anyway.
  const nul = text.indexOf('\0');
  if (nul >= 0) return { ok: false, error: { message: 'NUL character (U+0000) in SQL text; PostgreSQL does not accept it', offset: nul } };
  const toChar = byteToCharOffsets(text);
  try {
    return { ok: true, result: parseSync(text), toChar };
  } catch (err) {
    const details = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (err as Error).message;
    const cursor = details?.cursorPosition;
    // The parser reports its cursor in characters (code points), like the server does.
    return {
      ok: false,
      error: { message, offset: typeof cursor === 'number' && cursor >= 0 ? codePointToUtf16(text, cursor) : undefined },
    };
  }
}

/** Returns a converter from UTF-8 byte offsets to UTF-16 offsets; identity for ASCII text. */
export function byteToCharOffsets(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const charAtByte: number[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) charAtByte[bytes + k] = i;
    bytes += width;
    if (code >= 0x10000) i++; // surrogate pair: two UTF-16 units, one code point
  }
  charAtByte[bytes] = text.length;
  return (b) => charAtByte[Math.min(Math.max(b, 0), bytes)] ?? text.length;
}

/**
 * PostgreSQL reports error positions in characters (code points); JavaScript strings index UTF-16
 * units. Converts a 0-based code point offset to a UTF-16 offset.
 */
export function codePointToUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let cp = 0; cp < codePoints && units < text.length; cp++) {
    units += text.codePointAt(units)! >= 0x10000 ? 2 : 1;
  }
  return units;
}
