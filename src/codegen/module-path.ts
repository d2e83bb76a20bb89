import path from 'node:path';
import { isTypeScriptSource, typesModulePath } from '../source/typescript/types-module-path.js';

/**
 * `queries/a/b.sql` → `generated/a/b.ts` (all relative to the root, `/`-separated); a TypeScript
 * source's types sit next to it (`src/users.ts` → `src/users.types.ts`).
 */
export function modulePathFor(queryFile: string, queriesDir: string, generatedDir: string): string {
  if (isTypeScriptSource(queryFile)) return typesModulePath(queryFile);
  const relative = path.posix.relative(queriesDir, queryFile);
  return path.posix.join(generatedDir, relative.replace(/\.sql$/i, '.ts'));
}

/** `queries/users.sql:12` → `queries/users.sql`. */
export function sourceFileOf(source: string): string {
  return source.replace(/:\d+$/, '');
}
