/**
 * Text from outside (catalog names, file names, server messages) printed to a terminal: control
 * characters could move the cursor, recolour or erase lines and make a report lie, and bidi
 * overrides could reorder what is shown. They are printed as visible escapes instead.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** `keepNewlines`: messages may span lines; a file name may not. */
export function terminalText(text: string, keepNewlines = true): string {
  const escaped = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return keepNewlines ? escaped : escaped.replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
