/**
 * prepare's edit of a TypeScript source for its native `query` templates: the type argument of
 * each prepared template, replaced where it is (or inserted right after the tag when there is
 * none), and the side-effect import of the source's types module when it is missing (it registers
 * the prepared statements the tag runs). Nothing else in the file changes.
 *
 * The file is read again and parsed with the TypeScript compiler's parser; a template is edited
 * only when its name and text are those of the prepared query (an edit made meanwhile is left for
 * the next run). Each edit is a text splice at the node's exact offsets, mapped back to the bytes
 * as saved, so a BOM, CRLF line ends, tabs and every other character stay as they are; inserted
 * lines take the file's line ending and indentation. A type argument that already says the
 * expected type in another layout (a formatter's) is left alone: a second prepare changes nothing.
 * The file is replaced atomically (a temporary file renamed over it, its mode kept).
 */
import { chmodSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatTypeArgument, oneLine, type TypeMember } from '../../codegen/native-type-argument.js';
import { normaliseSourceText } from '../source-text.js';
import { LineIndex } from '../text-position.js';
import { findSqlTemplates } from './find-sql-templates.js';
import { sameTypeText } from './same-type-text.js';
import { typesModuleSpecifier } from './types-module-path.js';

/** What prepare knows of one prepared native query: its text and the members of its type argument. */
export interface ExpectedInlineTypes {
  sql: string;
  members: readonly TypeMember[];
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

let written = 0;

export interface InlineTypesWritten {
  changed: boolean;
  /** The line that what stood at `line:column` before the edit is on now. */
  lineAfter(line: number, column: number): number;
}

const UNCHANGED: InlineTypesWritten = { changed: false, lineAfter: (line) => line };

/** loadTypeScript() must have been awaited. */
export function writeInlineTypes(root: string, file: string, expected: ReadonlyMap<string, ExpectedInlineTypes>): InlineTypesWritten {
  const target = realpathSync(path.join(root, file));
  const raw = readFileSync(target, 'utf8');
  const text = normaliseSourceText(raw);
  const edits = inlineTypeEdits(file, text, expected);
  if (edits.length === 0) return UNCHANGED;
  const eol = /\r\n|\r|\n/.exec(raw)?.[0] ?? '\n';
  const toRaw = rawOffsets(raw, text.length);
  let out = raw;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, toRaw[edit.start]) + edit.insert.replace(/\n/g, eol) + out.slice(toRaw[edit.end]);
  }
  const temp = `${target}.${process.pid}.${++written}.tmp`;
  try {
    writeFileSync(temp, out);
    chmodSync(temp, statSync(target).mode & 0o7777);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  const lines = new LineIndex(text);
  const breaks = (s: string): number => s.split('\n').length - 1;
  return {
    changed: true,
    lineAfter(line, column) {
      const offset = lines.offsetOf(line, column);
      let moved = 0;
      for (const e of edits) if (e.start < offset) moved += breaks(e.insert) - breaks(text.slice(e.start, e.end));
      return line + moved;
    },
  };
}

/** The edits on the LF-normalised text (exported for tests of the layout). */
export function inlineTypeEdits(file: string, text: string, expected: ReadonlyMap<string, ExpectedInlineTypes>): Edit[] {
  const scan = findSqlTemplates(file, text);
  const edits: Edit[] = [];
  let importAfter: number | undefined;
  for (const t of scan.templates) {
    if (t.form !== 'native' || t.variable === undefined || t.substitutions.length > 0 || t.typeArgumentCount > 1) continue;
    const want = expected.get(t.variable);
    if (!want || want.sql !== text.slice(t.start, t.end).trim()) continue;
    importAfter ??= t.importEnd;
    if (t.typeArgument && sameTypeText(t.typeArgument.text, oneLine(want.members))) continue;
    const at = t.typeArgument?.start ?? t.tagEnd;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const layout = { column: at - lineStart + (t.typeArgument ? 0 : 1), indent, unit: indentUnit(text, indent), eol: '\n' };
    const formatted = formatTypeArgument(want.members, layout);
    edits.push(t.typeArgument ? { start: t.typeArgument.start, end: t.typeArgument.end, insert: formatted } : { start: t.tagEnd, end: t.tagEnd, insert: `<${formatted}>` });
  }
  const specifier = typesModuleSpecifier(file);
  if (importAfter !== undefined && !scan.sideEffectImports.includes(specifier)) {
    // On its own line after the tag's import (after a comment that ends that line, too).
    const lineEnd = text.indexOf('\n', importAfter);
    const at = lineEnd < 0 ? text.length : lineEnd;
    edits.push({ start: at, end: at, insert: `\nimport '${specifier}';` });
  }
  return edits;
}

/** One level of indentation in this file: a tab where the file indents with tabs, else its smallest run of spaces. */
function indentUnit(text: string, indent: string): string {
  if (indent.includes('\t')) return '\t';
  let smallest = Infinity;
  for (const m of text.matchAll(/\n([ \t]+)\S/g)) {
    if (m[1]!.startsWith('\t')) return '\t';
    if (m[1]!.length >= 2) smallest = Math.min(smallest, m[1]!.length);
  }
  return ' '.repeat(Number.isFinite(smallest) && smallest <= 8 ? smallest : 2);
}

/** For each offset of the normalised text (BOM dropped, CRLF and CR as LF), the offset in `raw`. */
function rawOffsets(raw: string, length: number): number[] {
  const map = new Array<number>(length + 1);
  let r = raw.startsWith('\uFEFF') ? 1 : 0;
  for (let n = 0; n < length; n++) {
    map[n] = r;
    r += raw[r] === '\r' && raw[r + 1] === '\n' ? 2 : 1;
  }
  map[length] = r;
  return map;
}
