/**
 * The only ways outside text (catalog names, file names, query names, aliases, labels) reaches
 * generated code: one function per context. Whatever the text, the result cannot end the
 * comment, string or name it sits in.
 */

/** JavaScript's line terminators: each ends a `//` comment (and was once illegal in strings). */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;
const VISIBLE: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * Text inside a comment, `//` or `/* … *\/`: `*\/` cannot close it and no line terminator can end
 * it early; both stay readable (`*\/`, `\n`). Escape the whole text at once: two escaped halves
 * could still meet as `*` + `/`.
 */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(LINE_TERMINATOR, (c) => VISIBLE[c]!);
}

/** A string literal holding exactly `text`, double-quoted (or single-quoted, for import specifiers). */
export function stringLiteral(text: string, quote: '"' | "'" = '"'): string {
  const json = JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => VISIBLE[c]!);
  if (quote === '"') return json;
  const inner = json.slice(1, -1).replace(/\\(.)|'/g, (match, escaped: string | undefined) => (escaped === '"' ? '"' : escaped !== undefined ? match : "\\'"));
  return `'${inner}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Whether `name` can be written bare as a property name (ASCII identifiers only, to stay simple). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A property name in an interface or an object literal: bare when it is an identifier, else
 * quoted. `__proto__` is computed, or an object literal would set the prototype instead.
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** An expression reading property `name` of `object`. */
export function propertyAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${stringLiteral(name)}]`;
}
