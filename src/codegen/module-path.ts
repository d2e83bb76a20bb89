import path from 'node:path';

/** `queries/a/b.sql` → `generated/a/b.ts` (all relative to the root, `/`-separated). */
export function modulePathFor(queryFile: string, queriesDir: string, generatedDir: string): string {
  const relative = path.posix.relative(queriesDir, queryFile);
  return path.posix.join(generatedDir, relative.replace(/\.sql$/i, '.ts'));
}

/** `queries/users.sql:12` → `queries/users.sql`. */
export function sourceFileOf(source: string): string {
  return source.replace(/:\d+$/, '');
}
