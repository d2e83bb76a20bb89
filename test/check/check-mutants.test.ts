/**
 * `check` cases found by mutation testing (`npm run mutate -- --scope check`): each pins down a
 * decision the other check tests left open — which hint a problem gets, which orphaned entries are
 * folded into an edited query's problem and which are reported on their own, an interrupted
 * prepare, a module missing only its final newline.
 */
import { readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import type { SourceProblem } from '../../src/source/query-source.js';
import { serverReachable } from '../support/pg-test-database.js';
import { usePreparedCheckProject } from './check-project.js';

const RUN_PREPARE = 'run `sqlsure prepare` and commit the result';
const at = (p: SourceProblem) => `${p.file}:${p.position.line}:${p.position.column}`;
const reachable = await serverReachable();

describe.skipIf(!reachable)('sqlsure check: decisions pinned by mutation testing', () => {
  const project = usePreparedCheckProject('sqlsure_check_mut');
  const copy = () => project.copy();

  async function entryOf(dir: string, query: string): Promise<{ file: string; json: Record<string, unknown> }> {
    for (const f of await readdir(path.join(dir, 'offline-cache'))) {
      if (!f.startsWith('query-')) continue;
      const json = JSON.parse(await readFile(path.join(dir, 'offline-cache', f), 'utf8')) as Record<string, unknown>;
      if (json.name === query) return { file: f, json };
    }
    throw new Error(`no cache entry for ${query}`);
  }

  it('a check after a codegen option changed does not take the modules an earlier check remembered', async () => {
    const dir = await copy();
    expect((await check({ root: dir })).problems).toEqual([]); // fills check's module memo
    await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ columns: { 'people.nickname': 'Nickname' } }) + '\n');
    const r = await check({ root: dir });
    // GetPerson's row type is the one place the override changes: its nickname property.
    expect(r.problems.map((p) => `${at(p)} ${p.message} | ${p.hint}`)).toEqual([
      'generated/people.ts:16:13 generated module differs from what the offline cache produces (edited by hand, or stale) | the offline cache is up to date: run `sqlsure generate` (no database needed) and commit the result',
    ]);
    // And with the option back, the modules on disk are right again.
    await rm(path.join(dir, 'sqlsure.config.json'));
    expect((await check({ root: dir })).problems).toEqual([]);
  });

  it('with the cache stale, a module problem says to run prepare, not generate', async () => {
    const dir = await copy();
    await appendFile(path.join(dir, 'migrations/0001_init.sql'), '-- changed\n');
    await rm(path.join(dir, 'generated/more/pets.ts'));
    const r = await check({ root: dir });
    const missing = r.problems.filter((p) => p.file === 'generated/more/pets.ts');
    expect(missing.map((p) => p.message)).toEqual(['generated module is missing']);
    expect(missing[0]!.hint).toBe(RUN_PREPARE);
  });

  it('reports an interrupted prepare (schema hash "incomplete") at schema.json, not as a migrations change', async () => {
    const dir = await copy();
    const file = path.join(dir, 'offline-cache/schema.json');
    const schema = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...schema, schemaHash: 'incomplete' }, null, 2) + '\n');
    const r = await check({ root: dir });
    expect(r.problems.filter((p) => !p.file.startsWith('generated/')).map((p) => `${at(p)} ${p.message} | ${p.hint}`)).toEqual([
      `offline-cache/schema.json:1:1 the last prepare did not complete: some queries failed, so the cache vouches for no migrations | ${RUN_PREPARE}`,
    ]);
  });

  it('folds only the edited query’s own old entry into its problem; other orphans are reported by name and source', async () => {
    const dir = await copy();
    const cacheDir = path.join(dir, 'offline-cache');
    const list = await entryOf(dir, 'ListPeople');
    const get = await entryOf(dir, 'GetPerson');
    // Same file as the edited query, another name: not its old entry.
    const sameFile = `query-${'a'.repeat(64)}.json`;
    await writeFile(path.join(cacheDir, sameFile), JSON.stringify({ ...list.json, hash: 'a'.repeat(64) }, null, 2) + '\n');
    // Same name as the edited query, another file: not its old entry either.
    const sameName = `query-${'b'.repeat(64)}.json`;
    await writeFile(path.join(cacheDir, sameName), JSON.stringify({ ...get.json, hash: 'b'.repeat(64), source: 'queries/more/pets.sql:2' }, null, 2) + '\n');
    const file = path.join(dir, 'queries/people.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replace('WHERE id = :id!', 'WHERE id = :id! AND name IS NOT NULL'));
    const r = await check({ root: dir });
    expect(r.problems.filter((p) => !p.file.startsWith('generated/')).map((p) => `${at(p)} ${p.message}`)).toEqual([
      `queries/people.sql:2:1 query GetPerson has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/${get.file})`,
      `offline-cache/${sameFile}:1:1 orphaned cache entry for ListPeople (queries/people.sql:5): no current query has this SQL`,
      `offline-cache/${sameName}:1:1 orphaned cache entry for GetPerson (queries/more/pets.sql:2): no current query has this SQL`,
    ]);
  });

  it('folds the old entry of a query renamed in place (same position, new name) into its problem', async () => {
    const dir = await copy();
    const list = await entryOf(dir, 'ListPeople');
    const file = path.join(dir, 'queries/people.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replace('-- name: ListPeople :many', '-- name: AllPeople :many'));
    const r = await check({ root: dir });
    // The module of the file differs as a consequence of the same edit: not reported again.
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      `queries/people.sql:5:1 query AllPeople has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/${list.file})`,
    ]);
  });

  it('locates a module that lost only its final newline at the start of the last line', async () => {
    const dir = await copy();
    const file = path.join(dir, 'generated/people.ts');
    const original = await readFile(file, 'utf8');
    expect(original.endsWith('\n')).toBe(true);
    await writeFile(file, original.slice(0, -1));
    const lines = original.split('\n').length;
    expect((await check({ root: dir })).problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      `generated/people.ts:${lines}:1 generated module differs from what the offline cache produces (edited by hand, or stale)`,
    ]);
  });

  it('reports a damaged schema.json at its first line', async () => {
    const dir = await copy();
    await writeFile(path.join(dir, 'offline-cache/schema.json'), '{ not json');
    const mine = (await check({ root: dir })).problems.filter((p) => p.file === 'offline-cache/schema.json');
    expect(mine.map(at)).toEqual(['offline-cache/schema.json:1:1']);
    expect(mine[0]!.message).toEqual(expect.any(String));
    expect(mine[0]!.message.length).toBeGreaterThan(0);
  });
  it('never splits a migration added since prepare itself (no parser offline): says the cache has no statements for it', async () => {
    const dir = await copy();
    await writeFile(path.join(dir, 'migrations/0002_index.sql'), 'CREATE INDEX ON pets (owner_id);\n');
    const mine = (await check({ root: dir })).problems.filter((p) => p.file === 'migrations/0002_index.sql');
    expect(mine.map((p) => `${at(p)} ${p.hint}`)).toEqual([`migrations/0002_index.sql:1:1 ${RUN_PREPARE}`]);
    expect(mine[0]!.message).toMatch(/^the offline cache has no statements for migration 2 as it is now/);
  });
  it('never reads the generated folder as TypeScript sources, even when the sources globs cover it', async () => {
    const dir = await copy();
    await writeFile(
      path.join(dir, 'generated/stray.ts'),
      "import { sql } from '@pgtyped/runtime';\nimport type { IStrayQuery } from './stray.types.js';\nexport const stray = sql<IStrayQuery>`SELECT 1 AS one`;\n",
    );
    const r = await check({ root: dir, sources: ['**/*.ts'] });
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toEqual([]);
    expect(r.queries).toBe(3);
  });
});
