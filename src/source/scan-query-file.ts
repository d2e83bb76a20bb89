/**
 * Lexes a whole query file with PostgreSQL's own lexer, and never throws. What the lexer cannot
 * read (an unterminated '…', "…", $$…$$ or /* comment, trailing junk after a number, a NUL or a
 * stray control character) becomes a located problem, and only the query it is in is lost:
 * the broken stretch, from its query's boundary line (`-- name:` or `/* @name`) to the next one,
 * is blanked (same length, line breaks kept, so every offset stays true) and the rest of the
 * file is lexed again.
 */
import { scanSync } from 'libpg-query';
import { byteToCharOffsets, type SqlToken } from './sql-scanner.js';

export interface LexicalProblem {
  /** UTF-16 offset into the text. */
  offset: number;
  message: string;
  hint?: string;
}

export interface ScannedFile {
  /** The text with every broken query blanked: what the rest of the file is read from. */
  text: string;
  tokens: SqlToken[];
  problems: LexicalProblem[];
  /**
   * Query blocks that were blanked together with their `/* @name` comment (pgtyped files), so
   * summaries can still count them. Native `-- name:` lines are kept and count themselves.
   */
  blankedBlocks: number;
}

const NATIVE_BOUNDARY = /^[ \t]*--[ \t]*name[ \t]*:/gim;
const PGTYPED_BOUNDARY = /^[ \t]*\/\*+\s*@name\s/gm;
/** What the lexer sees instead of a control character: the same byte count, the same lexical role. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
/** Where a control character is ordinary text (PostgreSQL keeps it as written). */
const TEXT_TOKENS = new Set(['SCONST', 'USCONST', 'BCONST', 'XCONST', 'IDENT', 'UIDENT', 'SQL_COMMENT', 'C_COMMENT']);

export function scanQueryFile(text: string, format: 'native' | 'pgtyped'): ScannedFile {
  const problems: LexicalProblem[] = [];
  const controls: number[] = [];
  // libpg-query reads a C string (a NUL ends it) and returns JSON that does not escape most
  // control characters; \f and \v are whitespace to PostgreSQL, the others lex as an operator.
  let input = text.replace(CONTROL, (c, at: number) => {
    controls.push(at);
    return c === '\f' || c === '\v' ? ' ' : '#';
  });
  const boundaries = boundaryOffsets(text, format);
  let blankedBlocks = 0;
  let readable = text;
  for (;;) {
    const scanned = tryScan(input);
    if (scanned.ok) {
      for (const at of controls) {
        const inside = scanned.tokens.find((t) => t.start <= at && at < t.end);
        // Inside a string, quoted identifier or comment it is text as written (a `#` stands in
        // for it elsewhere, which never lexes as an identifier).
        if (text[at] === '\f' || text[at] === '\v') continue; // whitespace to PostgreSQL
        if (text[at] !== '\0' && inside && TEXT_TOKENS.has(inside.kind)) continue;
        problems.push(controlProblem(text, at));
      }
      const tokens = scanned.tokens.map((t) => ({ ...t, text: readable.slice(t.start, t.end) }));
      return { text: readable, tokens, problems: problems.sort((a, b) => a.offset - b.offset), blankedBlocks };
    }
    const at = Math.min(Math.max(scanned.offset, 0), text.length);
    problems.push({ offset: at, message: scanned.message, hint: hintFor(scanned.message) });
    // The broken query: from the last boundary line at or before the problem to the next one.
    const from = boundaries.filter((b) => b <= at).pop() ?? 0;
    const to = boundaries.find((b) => b > at) ?? text.length;
    const keep = format === 'native' && boundaries.includes(from) ? lineEnd(text, from) : from;
    if (format === 'pgtyped' && boundaries.includes(from)) blankedBlocks++;
    if (input.slice(keep, to).trim() === '') {
      // Nothing left to blank: give up on the rest of the file rather than loop.
      return { text: blank(text), tokens: [], problems, blankedBlocks };
    }
    input = input.slice(0, keep) + blank(input.slice(keep, to)) + input.slice(to);
    readable = readable.slice(0, keep) + blank(readable.slice(keep, to)) + readable.slice(to);
  }
}

type ScanAttempt = { ok: true; tokens: SqlToken[] } | { ok: false; offset: number; message: string };

function tryScan(input: string): ScanAttempt {
  if (input.trim() === '') return { ok: true, tokens: [] }; // libpg-query rejects empty input
  try {
    const toChar = byteToCharOffsets(input);
    const tokens = scanSync(input).tokens.map((t) => ({ start: toChar(t.start), end: toChar(t.end), text: '', kind: t.tokenName }));
    return { ok: true, tokens };
  } catch (err) {
    return { ok: false, ...lexerError(input, err) };
  }
}

/**
 * libpg-query's scanSync hands the lexer's error text to JSON.parse, which throws its own
 * SyntaxError; the lexer's message (`unterminated quoted string at or near "'abc…"`) is recovered
 * from the text JSON.parse was given. After "at or near" PostgreSQL prints the offending token:
 * an unterminated one runs to the end of the input, which locates it exactly; a shorter one
 * (`123abc`) is found where the text before it lexes and the text through it does not.
 */
function lexerError(input: string, err: unknown): { offset: number; message: string } {
  const raw = lexerMessage(input) ?? (err as Error).message;
  const near = /^(.*?) at or near "([\s\S]*)"$/.exec(raw);
  if (near) {
    const [, what, token] = near as unknown as [string, string, string];
    if (input.endsWith(token) && what.startsWith('unterminated')) return { offset: input.length - token.length, message: what };
    const message = token.length <= 40 && !token.includes('\n') ? `${what} at or near "${token}"` : what;
    return { offset: locateToken(input, token), message };
  }
  const atEnd = /^(.*?) at end of input$/.exec(raw);
  if (atEnd) return { offset: input.trimEnd().length, message: atEnd[1]! };
  return { offset: 0, message: `cannot read the SQL: ${raw}` };
}

function locateToken(input: string, token: string): number {
  const lexes = (text: string) => text.trim() === '' || tryScanQuietly(text);
  for (let at = input.indexOf(token), tries = 0; at >= 0 && tries < 100; at = input.indexOf(token, at + 1), tries++) {
    if (lexes(input.slice(0, at)) && !lexes(input.slice(0, at + token.length))) return at;
  }
  return 0;
}

function tryScanQuietly(text: string): boolean {
  try {
    scanSync(text);
    return true;
  } catch {
    return false;
  }
}

function lexerMessage(input: string): string | undefined {
  const parse = JSON.parse;
  let seen: string | undefined;
  JSON.parse = ((json: string, reviver?: Parameters<typeof parse>[1]) => {
    seen = json;
    return parse(json, reviver);
  }) as typeof JSON.parse;
  try {
    scanSync(input);
    return undefined;
  } catch {
    return seen !== undefined && !seen.startsWith('{') ? seen : undefined;
  } finally {
    JSON.parse = parse;
  }
}

function hintFor(message: string): string | undefined {
  if (message.startsWith('unterminated')) return 'close it; the rest of this query was skipped, other queries in the file are still read';
  return undefined;
}

function controlProblem(text: string, at: number): LexicalProblem {
  const code = text.charCodeAt(at);
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code === 0
    ? { offset: at, message: `NUL character (${name}) in a query file`, hint: 'PostgreSQL does not accept NUL in SQL text; remove it' }
    : { offset: at, message: `control character ${name} outside a string or comment`, hint: 'remove it (an invisible character pasted into the SQL?)' };
}

function boundaryOffsets(text: string, format: 'native' | 'pgtyped'): number[] {
  const pattern = format === 'native' ? NATIVE_BOUNDARY : PGTYPED_BOUNDARY;
  return [...text.matchAll(pattern)].map((m) => m.index);
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** Spaces for every UTF-16 unit but line breaks: offsets and lines stay the same. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}
