/**
 * A pgtyped TS-mode project (test/fixtures/pgtyped-ts-app): `sql<IQuery>` templates in
 * TypeScript files, found through "sources". prepare writes `<file>.types.ts` with pgtyped's
 * names; tsc --strict accepts them and the application; the queries run through sqlsure/runtime's
 * `sql` tag on PGlite and pg; check catches every stale inline query offline.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioOnPg, scenarioOnPGlite } from '../support/app-scenario.js';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyFixture, removeProject, runCli, runTsc, type CliRun } from '../support/project-dir.js';

const reachable = await serverReachable();

const EXPECTED = [
  [{ id: 1 }, { id: 2 }],
  [],
  true,
  null,
  [
    { id: 1, email: 'ann@example.com' },
    { id: 2, email: 'bob@example.com' },
  ],
  [],
  [{ id: 1 }],
  [{ id: 3, tags: ['a', 'b'] }],
  [
    { email: 'ann@example.com', age: 30 },
    { email: 'bob@example.com', age: null },
    { email: 'cy@example.com', age: null },
  ],
  [{ email: 'ann@example.com', age: 30 }],
  { email: 'ann@example.com', age: 30 },
  null,
  { email: 'bob@example.com' },
  2,
];

describe.skipIf(!reachable)('SQL in TypeScript sources (pgtyped TS mode)', () => {
  let project: string;
  let db: TestDatabase;
  let prepared: CliRun;

  beforeAll(async () => {
    project = await copyFixture('pgtyped-ts-app');
    db = await createTestDatabase('sqlsure_tsapp');
    await runSqlFiles(db.url, path.join(project, 'migrations'));
    prepared = await runCli(['prepare', '--database-url', db.url], { cwd: project });
  });
  afterAll(async () => {
    await removeProject(project);
    await db?.drop();
  });

  it('prepare writes users.types.ts with pgtyped names; check passes; tsc --strict accepts everything', async () => {
    expect(prepared.stderr).toContain('prepared 11 of 11 queries');
    expect(prepared.code, prepared.stderr).toBe(0);
    const types = await readFile(path.join(project, 'src/users.types.ts'), 'utf8');
    expect(types).toContain("export interface IGetUserAgeQuery {\n  params: IGetUserAgeParams;\n  result: IGetUserAgeResult;\n  cardinality: 'one';\n}");
    for (const name of ['IFindUserByEmailParams', 'IFindUserByEmailResult', 'IFindUserByEmailQuery', 'IInsertUsersParams']) expect(types).toContain(`export interface ${name} `);
    expect(await readFile(path.join(project, 'src/legacy.types.ts'), 'utf8')).toContain('export interface ICountUsersQuery {');
    const check = await runCli(['check'], { cwd: project });
    expect(check.stderr).toContain('check passed: 11 queries');
    expect(check.code).toBe(0);
    const tsc = await runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('runs on PGlite: expansions (empty lists too), tuples, runtime-repeated rows, decoders', async () => {
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(await scenarioOnPGlite(project, 'migrations/20240101000000_init.sql')).toEqual(EXPECTED);
  });

  it('runs on pg the same way', async () => {
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(await scenarioOnPg(project, db.url)).toEqual(EXPECTED);
  });

  describe('check, offline', () => {
    const users = () => path.join(project, 'src/users.ts');
    const typesFile = () => path.join(project, 'src/users.types.ts');

    it('an edited template without prepare fails, pointing at the template', async () => {
      const before = await readFile(users(), 'utf8');
      try {
        await writeFile(users(), before.replace('ORDER BY id`;\n\n/*', 'ORDER BY email`;\n\n/*'));
        const check = await runCli(['check', '--reporter', 'plain'], { cwd: project });
        expect(check.code).toBe(1);
        expect(check.stdout + check.stderr).toMatch(/src\/users\.ts:10:57: error: query listUsersByIds (changed|has no cache entry)/);
      } finally {
        await writeFile(users(), before);
      }
    });

    it('a hand-edited types file fails', async () => {
      const before = await readFile(typesFile(), 'utf8');
      try {
        await writeFile(typesFile(), before.replace('  email: string;\n}', '  email: string | number;\n}'));
        const check = await runCli(['check', '--reporter', 'plain'], { cwd: project });
        expect(check.code).toBe(1);
        expect(check.stdout + check.stderr).toMatch(/src\/users\.types\.ts:\d+:\d+: .*differs/);
      } finally {
        await writeFile(typesFile(), before);
      }
    });

    it('a deleted types file fails, pointing at the source', async () => {
      const before = await readFile(typesFile(), 'utf8');
      try {
        await rm(typesFile());
        const check = await runCli(['check', '--reporter', 'plain'], { cwd: project });
        expect(check.code).toBe(1);
        expect(check.stdout + check.stderr).toMatch(/src\/users\.ts:8:1: .*the types module of this file, src\/users\.types\.ts, is missing/);
      } finally {
        await writeFile(typesFile(), before);
      }
    });

    it('a types module whose source has no queries any more: check reports it, prepare removes it, a hand-written one is left alone', async () => {
      const legacy = path.join(project, 'src/legacy.ts');
      const before = await readFile(legacy, 'utf8');
      const handWritten = path.join(project, 'src/mine.types.ts');
      await writeFile(handWritten, 'export type Mine = string;\n');
      try {
        await writeFile(legacy, '// no queries here any more\nexport {};\n');
        const check = await runCli(['check', '--reporter', 'plain'], { cwd: project });
        expect(check.code).toBe(1);
        expect(check.stdout + check.stderr).toMatch(/src\/legacy\.types\.ts:1:1: error: types module has no sql`…` queries in its source any more/);
        const again = await runCli(['prepare', '--database-url', db.url], { cwd: project });
        expect(again.code, again.stderr).toBe(0);
        await expect(readFile(path.join(project, 'src/legacy.types.ts'), 'utf8')).rejects.toThrow(/ENOENT/);
        expect(await readFile(handWritten, 'utf8')).toBe('export type Mine = string;\n');
        expect((await runCli(['check'], { cwd: project })).code).toBe(0);
      } finally {
        await writeFile(legacy, before);
        await rm(handWritten, { force: true });
        expect((await runCli(['prepare', '--database-url', db.url], { cwd: project })).code).toBe(0);
      }
    });
  });
});
