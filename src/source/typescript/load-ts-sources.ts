/**
 * The `"sources"` globs → query records from their `sql` templates. Only files that can hold
 * one (a backtick and a tag module's name in the raw text) are parsed, and the TypeScript and
 * pgtyped parsers are loaded only when some file passes that test.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedSources } from '../load-query-sources.js';
import { loadPgtypedParser } from '../pgtyped-parser.js';
import type { QuerySource, SourceProblem } from '../query-source.js';
import { decodeSource, describeInvalidUtf8, INVALID_UTF8_HINT, normaliseSourceText } from '../source-text.js';
import { digestOf } from '../../incremental/file-stamp.js';
import { LineIndex } from '../text-position.js';
import { listSourceFiles } from './list-source-files.js';
import { loadTypeScript, mayHoldSqlTemplates } from './find-sql-templates.js';
import { isTypeScriptSource, isTypesModule } from './types-module-path.js';

export interface LoadedTsSources extends LoadedSources {
  /** Every file the globs matched (types modules too), as listSourceFiles() lists them. */
  listed: string[];
  /** Each TypeScript source read, with the digest of the bytes read (what a stamp must vouch for). */
  read: Array<[file: string, digest: string]>;
}

export async function loadTsSources(root: string, globs: readonly string[], exclude: readonly string[] = []): Promise<LoadedTsSources> {
  const listed = await listSourceFiles(root, globs, exclude);
  const files = listed.filter((f) => isTypeScriptSource(f) && !isTypesModule(f));
  const bytes = await Promise.all(files.map((f) => readFile(path.join(root, f))));
  const texts = bytes.map((b) => decodeSource(b));
  const read = files.map((f, i): [string, string] => [f, digestOf(bytes[i]!.toString('utf8'))]);
  const queries: QuerySource[] = [];
  const problems: SourceProblem[] = [];
  const lines = new Map<string, LineIndex>();
  const used: string[] = [];
  let blockCount = 0;
  let parse: typeof import('./parse-ts-source.js').parseTsSource | undefined;
  for (const [i, file] of files.entries()) {
    const decoded = texts[i]!;
    if (!mayHoldSqlTemplates(decoded.text)) continue;
    used.push(file);
    if (decoded.invalid.length > 0) {
      for (const bad of decoded.invalid) problems.push({ file, position: bad.position, message: describeInvalidUtf8(bad), hint: INVALID_UTF8_HINT });
      continue;
    }
    if (!parse) {
      await Promise.all([loadTypeScript(), loadPgtypedParser(), import('../sql-scanner.js').then((m) => m.loadSqlParser())]);
      parse = (await import('./parse-ts-source.js')).parseTsSource;
    }
    const parsed = parse(file, decoded.text);
    lines.set(file, new LineIndex(normaliseSourceText(decoded.text)));
    blockCount += parsed.blockCount;
    queries.push(...parsed.queries);
    problems.push(...parsed.problems);
  }
  return { files: used, blockCount, queries, problems, lines, listed, read };
}

/** Query files and TypeScript sources, read as one project. */
export function mergeSources(a: LoadedSources, b: LoadedSources): LoadedSources {
  if (b.files.length === 0 && b.problems.length === 0) return a;
  return {
    files: [...a.files, ...b.files],
    blockCount: a.blockCount + b.blockCount,
    queries: [...a.queries, ...b.queries],
    problems: [...a.problems, ...b.problems],
    lines: new Map([...a.lines, ...b.lines]),
  };
}
