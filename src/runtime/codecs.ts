/**
 * PostgreSQL array literals, both ways: the runtime receives every array as text (see
 * driver-query.ts) and sends every array parameter as a literal it built itself, so neither
 * driver's array handling (pg's `,`-only parser, PGlite's OID-keyed serializers) is involved.
 */

const TAB = 9;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const EQUALS = 61;
const LBRACKET = 91;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

/** The same whitespace PostgreSQL's array_in skips: space, \t, \n, \v, \f, \r. */
function isSpace(code: number): boolean {
  return code === SPACE || (code >= TAB && code <= CR);
}

/**
 * Parses a PostgreSQL array literal (`{a,"b c",NULL,"x\"y"}`, nested `{{a,b},{c,d}}`, `{}`, or
 * with a `[1:2]=` bounds prefix) into nested arrays of strings and nulls. Unquoted `NULL` (any
 * case) is SQL NULL; quoted `"NULL"` is the string. The delimiter is `,` for every built-in type
 * except `box` (`;`).
 */
export function decodeTextArray(raw: string, delimiter = ','): unknown[] {
  return new ArrayLiteralReader(raw, delimiter.charCodeAt(0)).read();
}

/**
 * The row decoder for such arrays: raw text is parsed; anything else (PGlite already parses arrays
 * of user types, and so may a custom pg type parser) is left as it is.
 */
export function textArray(value: unknown): unknown {
  return typeof value === 'string' ? decodeTextArray(value) : value;
}

/**
 * An array parameter of a user-defined element type (enum, domain, composite) as a PostgreSQL
 * array literal. pg would build the same text itself, but PGlite serializes arrays by known
 * OIDs only and turns these into `a,b`; sending the literal works on both.
 */
export function encodeArray(value: readonly unknown[] | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return arrayLiteral(value, (item) => (item instanceof Date ? item.toISOString() : typeof item === 'object' ? JSON.stringify(item) : String(item)));
}

/**
 * A PostgreSQL array literal of `items`, each non-null leaf turned into its text form by
 * `element` and quoted. Nested JS arrays become dimensions unless `flat` (elements that are
 * arrays themselves, like JSON arrays, are then leaves).
 */
export function arrayLiteral(items: readonly unknown[], element: (item: unknown) => string | null, delimiter = ',', flat = false): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += delimiter;
    const item = items[i];
    const text = item === null || item === undefined ? null : !flat && Array.isArray(item) ? undefined : element(item);
    if (text === undefined) out += arrayLiteral(item as unknown[], element, delimiter, flat);
    else if (text === null) out += 'NULL';
    else out += `"${text.replace(/[\\"]/g, '\\$&')}"`;
  }
  return out + '}';
}

/** JSON parameter encoding: SQL NULL for null/undefined, `jsonNull` as JSON null, JSON text for everything else. */
export function encodeJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // jsonNull serialises itself as `null` (its toJSON), the JSON document rather than SQL NULL.
  return JSON.stringify(value) ?? null;
}

class ArrayLiteralReader {
  readonly #text: string;
  readonly #delimiter: number;
  #pos = 0;

  constructor(text: string, delimiter: number) {
    this.#text = text;
    this.#delimiter = delimiter;
  }

  read(): unknown[] {
    this.#skipSpace();
    if (this.#code() === LBRACKET) this.#skipBounds();
    this.#skipSpace();
    const items = this.#array();
    this.#skipSpace();
    if (this.#pos !== this.#text.length) throw this.#error('unexpected text after the array');
    return items;
  }

  /** `[1:2][0:1]=`: lower bounds carry no information for a JS array, so they are dropped. */
  #skipBounds(): void {
    while (this.#code() === LBRACKET) {
      const close = this.#text.indexOf(']', this.#pos);
      if (close < 0) throw this.#error("unterminated '['");
      this.#pos = close + 1;
      this.#skipSpace();
    }
    if (this.#code() !== EQUALS) throw this.#error("expected '=' after the array bounds");
    this.#pos++;
  }

  #array(): unknown[] {
    if (this.#code() !== LBRACE) throw this.#error("expected '{'");
    this.#pos++;
    const items: unknown[] = [];
    this.#skipSpace();
    if (this.#code() === RBRACE) {
      this.#pos++;
      return items;
    }
    for (;;) {
      this.#skipSpace();
      const code = this.#code();
      if (code === LBRACE) items.push(this.#array());
      else if (code === QUOTE) items.push(this.#quoted());
      else items.push(this.#unquoted());
      this.#skipSpace();
      const next = this.#code();
      if (next === this.#delimiter) {
        this.#pos++;
      } else if (next === RBRACE) {
        this.#pos++;
        return items;
      } else {
        throw this.#error(`expected '${String.fromCharCode(this.#delimiter)}' or '}'`);
      }
    }
  }

  #quoted(): string {
    const text = this.#text;
    let pos = this.#pos + 1;
    let chunkStart = pos;
    let value = '';
    for (;;) {
      if (pos >= text.length) throw this.#error('unterminated quoted element');
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.#pos = pos + 1;
        return value + text.slice(chunkStart, pos);
      }
      if (code === BACKSLASH) {
        // Drop the backslash; the escaped character starts the next verbatim chunk.
        value += text.slice(chunkStart, pos);
        pos++;
        if (pos >= text.length) throw this.#error('unterminated quoted element');
        chunkStart = pos;
      }
      pos++;
    }
  }

  #unquoted(): string | null {
    const text = this.#text;
    let pos = this.#pos;
    let chunkStart = pos;
    let value = '';
    let escaped = false;
    // Trailing whitespace is insignificant unless escaped; never trim below this length.
    let keepLength = 0;
    for (;;) {
      if (pos >= text.length) throw this.#error('unterminated array');
      const code = text.charCodeAt(pos);
      if (code === this.#delimiter || code === RBRACE) break;
      if (code === QUOTE || code === LBRACE) throw this.#error('unexpected character in element');
      if (code === BACKSLASH) {
        if (pos + 1 >= text.length) throw this.#error('unterminated array');
        value += text.slice(chunkStart, pos) + text[pos + 1];
        escaped = true;
        keepLength = value.length;
        pos += 2;
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    value += text.slice(chunkStart, pos);
    this.#pos = pos;
    let end = value.length;
    while (end > keepLength && isSpace(value.charCodeAt(end - 1))) end--;
    if (end !== value.length) value = value.slice(0, end);
    if (value.length === 0) throw this.#error('empty element');
    if (!escaped && value.length === 4 && value.toUpperCase() === 'NULL') return null;
    return value;
  }

  #skipSpace(): void {
    const text = this.#text;
    while (this.#pos < text.length && isSpace(text.charCodeAt(this.#pos))) this.#pos++;
  }

  /** The current character code, NaN at the end. */
  #code(): number {
    return this.#text.charCodeAt(this.#pos);
  }

  #error(reason: string): Error {
    const shown = this.#text.length > 80 ? `${this.#text.slice(0, 77)}...` : this.#text;
    return new Error(`malformed array literal (${reason} at offset ${this.#pos}): ${shown}`);
  }
}
