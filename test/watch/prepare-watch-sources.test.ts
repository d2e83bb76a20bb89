/**
 * `sqlsure prepare --watch` with "sources": an edit to a TypeScript source starts a cycle that
 * describes the changed template and rewrites its type argument in place; prepare's own writes
 * (the types module beside the source, the source itself) start no cycle of their own.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, removeProject } from '../support/project-dir.js';
import { save, WatchProcess } from '../support/watch-process.js';

const MIGRATION = 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, display_name text);\n';
const USERS_TS = "import { query } from 'sqlsure/runtime';\n\nexport const getUser = query`-- :maybe\nSELECT id, email FROM users WHERE id = :id!`;\n";

let dir: string | undefined;
let watch: WatchProcess | undefined;
afterAll(async () => {
  if (watch && watch.child.exitCode === null) await watch.stop('SIGKILL');
  if (dir) await removeProject(dir);
});

describe('prepare --watch with TypeScript sources', () => {
  it('follows template edits into the type argument, and is not woken by its own writes', { timeout: 240_000 }, async () => {
    dir = await makeProject({
      'migrations/1_users.sql': MIGRATION,
      'queries/.keep': '',
      'src/users.ts': USERS_TS,
      'sqlsure.config.json': '{ "sources": ["src/**/*.ts"], "camelCase": true }\n',
    });
    const users = path.join(dir, 'src/users.ts');
    watch = new WatchProcess(dir, { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: path.join(dir, '.cache') });
    const first = await watch.waitFor(/^prepare → .*query<…> types written in users\.ts/);
    expect(first.line).toMatch(/1 query described/);
    await watch.waitFor(/watching .*src/);
    expect(await readFile(users, 'utf8')).toBe(
      "import { query } from 'sqlsure/runtime';\nimport './users.types.js';\n\nexport const getUser = query<{\n  params: { id: number };\n  row: { id: number; email: string };\n  cardinality: 'maybe';\n}>`-- :maybe\nSELECT id, email FROM users WHERE id = :id!`;\n",
    );
    expect(await readFile(path.join(dir, 'src/users.types.ts'), 'utf8')).toContain('registerInlineQueries');

    // The template changes: one cycle describes it and rewrites the type argument where it is.
    const text = await readFile(users, 'utf8');
    await save(users, text.replace('SELECT id, email FROM', 'SELECT id, email, display_name FROM'));
    const edited = await watch.waitFor(/users\.ts changed → /);
    expect(edited.line).toMatch(/users\.ts changed → 1 query described, 1 module written, query<…> types written in users\.ts in \d+ ms$/);
    expect(await readFile(users, 'utf8')).toContain("  row: { id: number; email: string; displayName: string | null };\n  cardinality: 'maybe';\n}>`-- :maybe\nSELECT id, email, display_name FROM");

    // The cycle's own writes (users.ts, users.types.ts) wake nothing: an unrelated edit is the next cycle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await save(path.join(dir, 'src/other.ts'), 'export const x = 1;\n');
    const next = await watch.waitFor(/changed → /);
    expect(next.line).toMatch(/^other\.ts changed → 0 queries described, 0 modules written in/);
    expect(next.before.filter((l) => / → /.test(l))).toEqual([]);
    expect(await watch.stop()).toBe(0);
  });
});
