/** Finds every query file under the queries folder and parses it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { QuerySource, SourceProblem } from './query-source.js';
import type { ParsedQueryFile } from './parse-query-file.js';
import { LineIndex } from './text-position.js';
import { loadPgtypedParser, mayBePgtypedFile } from './pgtyped-parser.js';
import { decodeSource, describeInvalidUtf8, INVALID_UTF8_HINT, normaliseSourceText, type DecodedSource } from './source-text.js';

/** Earlier parses of unchanged files (see src/incremental/source-memo.ts). */
export interface ParsedFileMemo {
  get(file: string, text: string): ParsedQueryFile | undefined;
  set(file: string, text: string, parsed: ParsedQueryFile): void;
}

export interface LoadedSources {
  /** Query files relative to the root, sorted. */
  files: string[];
  /** Query blocks in all files, including the ones that failed to parse. */
  blockCount: number;
  queries: QuerySource[];
  problems: SourceProblem[];
  /** Line tables of the (LF-normalised) files, to locate errors reported later by the server. */
  lines: Map<string, LineIndex>;
}

/** Paths are relative to `root`; results use `/` separators whatever the platform. */
export async function loadQuerySources(root: string, queriesDir: string, memo?: ParsedFileMemo): Promise<LoadedSources> {
  const absolute = path.resolve(root, queriesDir);
  const found = await glob('**/*.sql', { cwd: absolute, onlyFiles: true });
  const files = found.map((f) => toPosix(path.relative(root, path.join(absolute, f)))).sort();
  const queries: QuerySource[] = [];
  const problems: SourceProblem[] = [];
  // Synchronous reads: for many small files one call each beats fs/promises' thread-pool round trips.
  const decoded = files.map((f) => decodeSource(readFileSync(path.join(root, f))));
  const texts = decoded.map((d) => d.text);
  const lines = new Map<string, LineIndex>();
  let blockCount = 0;
  // The parser (WASM) is loaded only when some file is not in the memo.
  let parse: ((file: string, text: string) => ParsedQueryFile) | undefined;
  for (const [i, file] of files.entries()) {
    let parsed = memo?.get(file, texts[i]!);
    if (!parsed) {
      parse ??= await loadParser();
      if (mayBePgtypedFile(texts[i]!)) await loadPgtypedParser();
      parsed = parse(file, texts[i]!);
      memo?.set(file, texts[i]!, parsed);
    }
    const fileLines = new LineIndex(normaliseSourceText(texts[i]!));
    lines.set(file, fileLines);
    blockCount += parsed.blockCount;
    const undecodable = undecodableProblems(file, decoded[i]!);
    // A query holding bytes that are not UTF-8 is not prepared: its text is not what was written.
    const spoilt = (q: QuerySource) => {
      const from = fileLines.offsetOf(q.position.line, q.position.column);
      return undecodable.some(({ offset }) => offset >= from && offset < from + q.sql.length);
    };
    queries.push(...parsed.queries.filter((q) => !spoilt(q)));
    problems.push(...undecodable.map((u) => u.problem), ...parsed.problems);
  }
  return { files, blockCount, queries, problems, lines };
}

/** Bytes that are not UTF-8 became U+FFFD when decoded: each is reported where it is. */
function undecodableProblems(file: string, decoded: DecodedSource): Array<{ offset: number; problem: SourceProblem }> {
  const lines = decoded.invalid.length ? new LineIndex(normaliseSourceText(decoded.text)) : undefined;
  return decoded.invalid.map((bad) => ({
    offset: lines!.offsetOf(bad.position.line, bad.position.column),
    problem: { file, position: bad.position, message: describeInvalidUtf8(bad), hint: INVALID_UTF8_HINT },
  }));
}

async function loadParser(): Promise<(file: string, text: string) => ParsedQueryFile> {
  const [{ parseQueryFile }, { loadSqlParser }] = await Promise.all([import('./parse-query-file.js'), import('./sql-scanner.js')]);
  await loadSqlParser();
  return parseQueryFile;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
