/**
 * `check` in-process, against a project prepared once on real PostgreSQL and copied per test:
 * every way the committed cache and modules can stop matching the sources must be reported, at
 * the right place, and a project just prepared must pass. These are the tests that kill mutants in
 * `npm run mutate -- --scope check` (the CLI's exit codes are in check-cli.test.ts).
 */
import { readdir, readFile, rm, writeFile, appendFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { migrateRun } from '../../src/migrate/migrate-commands.js';
import { prepare } from '../../src/prepare/prepare.js';
import type { SourceProblem } from '../../src/source/query-source.js';
import { createTestDatabase } from '../support/pg-test-database.js';
import { usePreparedCheckProject } from './check-project.js';

const project = usePreparedCheckProject('sqlsure_check');
const copy = () => project.copy();


const at = (p: SourceProblem) => `${p.file}:${p.position.line}:${p.position.column}`;
const RUN_PREPARE = 'run `sqlsure prepare` and commit the result';

async function cacheFiles(dir: string): Promise<string[]> {
  return (await readdir(path.join(dir, 'offline-cache'))).filter((f) => f.startsWith('query-')).sort();
}

/** The cache file of one query, found by its name. */
async function cacheFileOf(dir: string, query: string): Promise<string> {
  for (const f of await cacheFiles(dir)) {
    if (JSON.parse(await readFile(path.join(dir, 'offline-cache', f), 'utf8')).name === query) return f;
  }
  throw new Error(`no cache entry for ${query}`);
}

describe('sqlsure check (offline)', () => {
  it('passes on a project just prepared, counting its queries and modules', async () => {
    const r = await check({ root: await copy() });
    expect(r.problems).toEqual([]);
    expect(r.queries).toBe(3);
    expect(r.modules).toBe((await readdir(path.join(project.pristine, 'generated'), { recursive: true })).filter((f) => f.endsWith('.ts')).length);
    expect(r.modules).toBeGreaterThanOrEqual(2);
  });

  it('fails when the migrations changed after prepare (no prepare since)', async () => {
    const dir = await copy();
    await appendFile(path.join(dir, 'migrations/0001_init.sql'), 'ALTER TABLE people ALTER COLUMN nickname SET NOT NULL;\n');
    const problems = (await check({ root: dir })).problems.filter((p) => p.file === 'migrations');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ position: { line: 1, column: 1 }, hint: RUN_PREPARE });
    expect(problems[0]!.message).toMatch(/^the migrations changed since the cache was prepared \(schema hash [0-9a-f]{12} → [0-9a-f]{12}\)$/);
  });

  it('fails when a new migration file was added after prepare', async () => {
    const dir = await copy();
    await writeFile(path.join(dir, 'migrations/0002_index.sql'), 'CREATE INDEX ON pets (owner_id);\n');
    const problems = (await check({ root: dir })).problems.filter((p) => p.file === 'migrations');
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^the migrations changed since the cache was prepared/)]);
  });

  it('fails when a query is left with the entry of a prepare against other migrations (a failed prepare, or a merge)', async () => {
    const dir = await copy();
    // The migration breaks PetsWithOwners only: prepare reports it and keeps its last good
    // entry and module, and refreshes the rest against the new schema.
    const next = await createTestDatabase('sqlsure_check');
    try {
      await writeFile(path.join(dir, 'migrations/0002_drop_owner.sql'), 'ALTER TABLE pets DROP COLUMN owner_id;\n');
      // Migrated the way users do it, so prepare sees an up-to-date database and a failing query.
      const migrated = await migrateRun({ root: dir, databaseUrl: next.url });
      expect(migrated.problems).toEqual([]);
      const r = await prepare({ root: dir, databaseUrl: next.url, force: true });
      expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining('PetsWithOwners')]);
    } finally {
      await next.drop();
    }
    const problems = (await check({ root: dir })).problems;
    // Whatever the cache records about schemas, a stale description must not pass: it is reported
    // at the query (prepared against another schema), at the migrations, or at schema.json (the
    // last prepare did not complete).
    expect(problems.length).toBeGreaterThan(0);
    const stale = problems.filter(
      (p) =>
        (p.file === 'queries/more/pets.sql' && /^query PetsWithOwners .*schema/.test(p.message)) ||
        (p.file === 'migrations' && /^the migrations /.test(p.message)) ||
        (p.file === 'offline-cache/schema.json' && /prepare/.test(p.message)),
    );
    expect(stale, problems.map((p) => `${at(p)} ${p.message}`).join('\n')).not.toEqual([]);
    for (const p of problems) expect(p.hint).toBe(RUN_PREPARE);
  });

  it('reports a query whose SQL changed since prepare, at its position', async () => {
    const dir = await copy();
    await writeFile(path.join(dir, 'queries/more/pets.sql'), '\n-- name: PetsWithOwners :many\nSELECT p.name FROM pets p;\n');
    const r = await check({ root: dir });
    // One mistake, one problem: its old entry (now an orphan) and the module made from it are
    // consequences, named in the query's problem instead of reported after it.
    expect(r.problems.map((p) => `${at(p)} ${p.message.replace(/[0-9a-f]{64}/, '<hash>')}`)).toEqual([
      'queries/more/pets.sql:3:1 query PetsWithOwners has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/query-<hash>.json)',
    ]);
    expect(r.problems[0]!.hint).toBe(RUN_PREPARE);
    expect(r.problems[0]!.query).toBe('PetsWithOwners');
    expect(r.queries).toBe(3);
  });

  it('reports a query that moved within its file, naming where the cache has it', async () => {
    const dir = await copy();
    const file = path.join(dir, 'queries/people.sql');
    await writeFile(file, '\n\n' + (await readFile(file, 'utf8')));
    const r = await check({ root: dir });
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      'queries/people.sql:4:1 query GetPerson moved (cache says queries/people.sql:2)',
      'queries/people.sql:7:1 query ListPeople moved (cache says queries/people.sql:5)',
    ]);
  });

  it('reports a deleted cache entry and orphaned ones, readable or not', async () => {
    const dir = await copy();
    const cacheDir = path.join(dir, 'offline-cache');
    const victim = await cacheFileOf(dir, 'ListPeople');
    await rm(path.join(cacheDir, victim));
    const orphan = `query-${'0'.repeat(64)}.json`;
    const broken = `query-${'1'.repeat(64)}.json`;
    await writeFile(path.join(cacheDir, orphan), await readFile(path.join(cacheDir, await cacheFileOf(dir, 'GetPerson'))));
    await writeFile(path.join(cacheDir, broken), '{ not json');
    const r = await check({ root: dir });
    const messages = r.problems.map((p) => `${at(p)} ${p.message}`);
    expect(messages).toContain('queries/people.sql:5:1 query ListPeople has no cache entry for its current SQL');
    // A copy under a name no query hashes to (named or not, depending on how much of it validates).
    expect(messages.filter((m) => m.startsWith(`offline-cache/${orphan}:1:1 orphaned cache entry`) && m.endsWith(': no current query has this SQL'))).toHaveLength(1);
    expect(messages).toContain(`offline-cache/${broken}:1:1 orphaned cache entry: no current query has this SQL`);
  });

  it('reports a missing schema.json', async () => {
    const dir = await copy();
    await rm(path.join(dir, 'offline-cache/schema.json'));
    const r = await check({ root: dir });
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toContain('offline-cache/schema.json:1:1 the offline cache has no schema.json');
  });

  it('reports a hand-edited generated module at the first differing line and column', async () => {
    const dir = await copy();
    const file = path.join(dir, 'generated/people.ts');
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    const line = lines.findIndex((l) => l.includes('nickname: string | null'));
    expect(line).toBeGreaterThanOrEqual(0);
    const column = lines[line]!.indexOf('string | null') + 'string'.length + 1;
    await writeFile(file, original.replace('nickname: string | null', 'nickname: string'));
    const r = await check({ root: dir });
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      `generated/people.ts:${line + 1}:${column} generated module differs from what the offline cache produces (edited by hand, or stale)`,
    ]);
  });

  it('locates a difference in a truncated or extended module', async () => {
    const dir = await copy();
    const file = path.join(dir, 'generated/people.ts');
    const original = await readFile(file, 'utf8');
    const lineCount = original.split('\n').length;
    await writeFile(file, original + 'export const extra = 1;\n');
    expect((await check({ root: dir })).problems.map(at)).toEqual([`generated/people.ts:${lineCount}:1`]);
    await writeFile(file, original.split('\n').slice(0, 3).join('\n'));
    expect((await check({ root: dir })).problems.map(at)).toEqual(['generated/people.ts:4:1']);
  });

  it('reports a missing generated module and one left behind without its query file', async () => {
    const dir = await copy();
    await rm(path.join(dir, 'generated/more/pets.ts'));
    await mkdir(path.join(dir, 'generated/old'), { recursive: true });
    // A module sqlsure wrote for a query file that is gone: its own header, another source.
    const header = (await readFile(path.join(dir, 'generated/people.ts'), 'utf8')).split('\n')[0]!;
    expect(header).toContain('queries/people.sql');
    await writeFile(path.join(dir, 'generated/old/gone.ts'), `${header.replace('queries/people.sql', 'queries/old/gone.sql')}\nexport {};\n`);
    const r = await check({ root: dir });
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      'generated/more/pets.ts:1:1 generated module is missing',
      'generated/old/gone.ts:1:1 generated module has no query file any more',
    ]);
    // The cache is in order: the modules are made from it alone, without a database.
    for (const p of r.problems) expect(p.hint).toBe('the offline cache is up to date: run `sqlsure generate` (no database needed) and commit the result');
  });

  it('reports a damaged schema.json by file, instead of as missing or as a schema change', async () => {
    const dir = await copy();
    await writeFile(path.join(dir, 'offline-cache/schema.json'), '{}\n');
    const problems = (await check({ root: dir })).problems;
    const mine = problems.filter((p) => p.file === 'offline-cache/schema.json');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.message).not.toBe('the offline cache has no schema.json');
    expect(mine[0]!.hint).toBe(RUN_PREPARE);
    expect(problems.filter((p) => p.file === 'migrations')).toEqual([]);
  });

  it('reports the problems of the query files themselves, and still checks the other files', async () => {
    const dir = await copy();
    await writeFile(path.join(dir, 'queries/broken.sql'), '-- name: Broken :sometimes\nSELECT 1 AS one;\n');
    const r = await check({ root: dir });
    expect(r.problems.filter((p) => p.file === 'queries/broken.sql').length).toBeGreaterThan(0);
    expect(r.problems.filter((p) => p.file !== 'queries/broken.sql' && !p.file.startsWith('generated/'))).toEqual([]);
  });

  it('refuses a missing queries folder, and a migrations folder named in the config that is missing', async () => {
    const noQueries = await copy();
    await rm(path.join(noQueries, 'queries'), { recursive: true });
    await expect(check({ root: noQueries })).rejects.toThrow(/^the queries folder .* does not exist$/);

    const named = await copy();
    await writeFile(path.join(named, 'sqlsure.config.json'), JSON.stringify({ migrations: 'db/migrations' }));
    await expect(check({ root: named })).rejects.toThrow(/^the migrations folder .*db\/migrations does not exist$/);

    // The default folder may be absent (a project without migrations): then it is only stale.
    const unnamed = await copy();
    await rm(path.join(unnamed, 'migrations'), { recursive: true });
    const problems = (await check({ root: unnamed })).problems;
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^the migrations changed since the cache was prepared/));
  });

  it('reports problems root cause first: sources, then the cache, then generated modules (each by file, then position)', async () => {
    const dir = await copy();
    await rename(path.join(dir, 'generated/people.ts'), path.join(dir, 'generated/people.ts.bak'));
    await appendFile(path.join(dir, 'migrations/0001_init.sql'), '-- changed\n');
    await writeFile(path.join(dir, 'queries/more/pets.sql'), '-- name: PetsWithOwners :many\nSELECT 1 AS one;\n');
    const files = (await check({ root: dir })).problems.map((p) => p.file);
    const rank = (f: string) => (f.startsWith('generated/') ? 2 : f.startsWith('offline-cache/') ? 1 : 0);
    expect(files).toEqual([...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
    expect(files).toContain('generated/people.ts');
    expect(files[0]).toBe('migrations');
  });
});
