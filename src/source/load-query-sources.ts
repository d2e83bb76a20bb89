/** Finds every query file under the queries folder and parses it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { QuerySource, SourceProblem } from './query-source.js';
import { parseQueryFile } from './parse-query-file.js';
import { loadSqlParser } from './sql-scanner.js';
import { LineIndex } from './text-position.js';

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
export async function loadQuerySources(root: string, queriesDir: string): Promise<LoadedSources> {
  await loadSqlParser();
  const absolute = path.resolve(root, queriesDir);
  const found = await glob('**/*.sql', { cwd: absolute, onlyFiles: true });
  const files = found.map((f) => toPosix(path.relative(root, path.join(absolute, f)))).sort();
  const queries: QuerySource[] = [];
  const problems: SourceProblem[] = [];
  const texts = await Promise.all(files.map((f) => readFile(path.join(root, f), 'utf8')));
  const lines = new Map<string, LineIndex>();
  let blockCount = 0;
  files.forEach((file, i) => {
    const parsed = parseQueryFile(file, texts[i]!);
    lines.set(file, new LineIndex(texts[i]!.replace(/\r\n?/g, '\n')));
    blockCount += parsed.blockCount;
    queries.push(...parsed.queries);
    problems.push(...parsed.problems);
  });
  return { files, blockCount, queries, problems, lines };
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
