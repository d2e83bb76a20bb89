/**
 * The native form (test/fixtures/native-ts-app): `query` templates of sqlsure/runtime in sqlsure's
 * `.sql` syntax, committed without any type argument. prepare writes each type argument in place
 * (and the import of the types module), nothing else; a second prepare changes no byte; tsc
 * --strict accepts the application written against those types; the queries run on PGlite and pg;
 * check catches every stale or edited type argument offline, pointing at the template.
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
  [{ id: 3, tags: ['a', 'b'] }],
  'ann@example.com',
  true,
  'happy',
  null,
  [
    { id: 1, email: 'ann@example.com' },
    { id: 2, email: 'bob@example.com' },
  ],
  [],
  [
    { email: 'ann@example.com', age: 30 },
    { email: 'bob@example.com', age: null },
    { email: 'cy@example.com', age: null },
  ],
  [{ email: 'ann@example.com', age: 30 }],
  { email: 'ann@example.com', age: 30 },
  undefined,
  { prefs: { theme: 'dark' } },
  2,
  { total: '3', kind: 'member' },
  [{ id: 1, email: 'ann@example.com' }],
];

/** moods.ts as prepare must leave it: CRLF, tabs, the renamed tag and its comment kept; two insertions. */
const MOODS_PREPARED = [
  '// A CRLF file indented with tabs: prepare keeps both.',
  "import { query as q } from 'sqlsure/runtime'; // renamed tag",
  "import './moods.types.js';",
  '',
  'export function queries() {',
  '\treturn {',
  '\t\thappy: happyUsers,',
  '\t};',
  '}',
  '',
  'const happyUsers = q<{',
  '\tparams: { mood: "happy" | "sad" };',
  '\trow: { id: number; email: string };',
  "\tcardinality: 'many';",
  '}>`',
  '\tSELECT id, email',
  '\tFROM users',
  '\tWHERE mood = :mood!',
  '\tORDER BY id`;',
  '',
].join('\r\n');

// Each step runs the CLI up to four times: minutes on a loaded machine.
describe.skipIf(!reachable)('SQL in TypeScript sources (native query`…` form)', { timeout: 300_000 }, () => {
  let project: string;
  let db: TestDatabase;
  let prepared: CliRun;
  let again: CliRun;
  const users = () => path.join(project, 'src/users.ts');
  const read = (file: string) => readFile(path.join(project, file), 'utf8');

  beforeAll(async () => {
    project = await copyFixture('native-ts-app');
    db = await createTestDatabase('sqlsure_native');
    await runSqlFiles(db.url, path.join(project, 'migrations'));
    prepared = await runCli(['prepare', '--database-url', db.url], { cwd: project });
    const first = { users: await read('src/users.ts'), moods: await read('src/moods.ts') };
    again = await runCli(['prepare', '--database-url', db.url], { cwd: project });
    expect({ users: await read('src/users.ts'), moods: await read('src/moods.ts') }).toEqual(first);
  }, 300_000);
  afterAll(async () => {
    await removeProject(project);
    await db?.drop();
  });

  it('prepare writes the type arguments in place and nothing else; a second prepare changes nothing', async () => {
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(prepared.stderr).toContain('prepared 11 of 11 queries');
    expect(prepared.stderr).toContain('query<…> types written in src/moods.ts, src/users.ts');
    expect(await read('src/moods.ts')).toBe(MOODS_PREPARED);
    const text = await read('src/users.ts');
    const original = await readFile(path.resolve('test/fixtures/native-ts-app/src/users.ts'), 'utf8');
    // Removing what prepare wrote gives the file back, byte for byte.
    const stripped = text.replace("import './users.types.js';\n", '').replace(/query<\{[^`]*?\}>`/g, 'query`');
    expect(stripped).toBe(original);
    expect(text).toContain("import { query } from 'sqlsure/runtime';\nimport './users.types.js';\n");
    expect(text).toContain("export const getUserAge = query<{\n  params: { id: number };\n  row: { email: string; age: number };\n  cardinality: 'one';\n}>`-- :one");
    expect(text).toContain("export const setPrefs = query<{\n  params: { prefs: import('sqlsure/runtime').JsonParam | null; id: number };\n  cardinality: 'exec';\n}>`");
    expect(text).toContain("export const countUsers = query<{\n  row: { total: string; kind: 'admin' | 'member' };\n  cardinality: 'one';\n}>`");
    expect(text).toContain('params: { age?: number | null; ids: readonly number[] };\n  cardinality: \'execrows\';');
    expect(text).toContain('params: { users: readonly { email: string; age: number | null; mood: "happy" | "sad" | null }[] };');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('(no changes)');
  });

  it('check passes offline and tsc --strict accepts the application written against the in-place types', async () => {
    const check = await runCli(['check'], { cwd: project });
    expect(check.stderr).toContain('check passed: 11 queries');
    expect(check.code).toBe(0);
    const tsc = await runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('tsc rejects a call that disagrees with the written types', async () => {
    const probe = path.join(project, 'src/probe.ts');
    await writeFile(probe, "import { getUserAge } from './users.js';\nimport type { Queryable } from 'sqlsure/runtime';\nexport const f = async (db: Queryable) => { const age: string = (await getUserAge.run({ id: '1' }, db)).age; return age; };\n");
    try {
      const tsc = await runTsc(project);
      expect(tsc.code).not.toBe(0);
      expect(tsc.stdout).toMatch(/src\/probe\.ts\(3,.*error TS2322: Type 'string' is not assignable to type 'number'/);
      expect(tsc.stdout).toMatch(/src\/probe\.ts\(3,.*error TS2322: Type 'number' is not assignable to type 'string'/);
    } finally {
      await rm(probe);
    }
  });

  it('runs on PGlite: every cardinality, expansions (empty lists too), runtime-repeated rows, json, enums', async () => {
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(await scenarioOnPGlite(project, 'migrations/20240101000000_init.sql')).toEqual(EXPECTED);
  });

  it('runs on pg the same way', async () => {
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(await scenarioOnPg(project, db.url)).toEqual(EXPECTED);
  });

  describe('check, offline', () => {
    const withEdit = async (file: string, edit: (text: string) => string, body: () => Promise<void>) => {
      const full = path.join(project, file);
      const before = await readFile(full, 'utf8');
      const after = edit(before);
      expect(after).not.toBe(before);
      try {
        await writeFile(full, after);
        await body();
      } finally {
        await writeFile(full, before);
      }
    };
    const checkOutput = async () => {
      const run = await runCli(['check', '--reporter', 'plain'], { cwd: project });
      return { code: run.code, out: run.stdout + run.stderr };
    };

    it('an edited template without prepare fails, pointing at the template', async () => {
      await withEdit('src/users.ts', (t) => t.replace('WHERE id IN :ids[] ORDER BY id`', 'WHERE id IN :ids[] ORDER BY email`'), async () => {
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toMatch(/src\/users\.ts:41:4: error: query listUsersByIds has no cache entry for its current SQL/);
      });
    });

    it('a hand-edited type argument fails at it; generate (no database) writes it back', async () => {
      await withEdit('src/users.ts', (t) => t.replace('row: { email: string; age: number };', 'row: { email: string; age: string };'), async () => {
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toContain("src/users.ts:49:33: error: the type argument of query getUserAge is not what the offline cache gives (edited by hand, or stale): expected { params: { id: number }; row: { email: string; age: number }; cardinality: 'one' }");
        expect(out).toContain('run `sqlsure generate`');
        const generate = await runCli(['generate'], { cwd: project });
        expect(generate.code, generate.stderr).toBe(0);
        expect(generate.stderr).toMatch(/query<…> types written in src\/users\.ts\n/);
        expect((await checkOutput()).code).toBe(0);
      });
    });

    it('a type argument reformatted by a formatter is the same type: check passes, prepare leaves it', async () => {
      // Commas, trailing separators, double quotes (the same number of lines: the query does not move).
      const reformatted = 'getUserAge = query<{\n  params: { id: number, },\n  row: { email: string, age: number, },\n  cardinality: "one",\n}>`';
      await withEdit('src/users.ts', (t) => t.replace(/getUserAge = query<\{[^`]*\}>`/, reformatted), async () => {
        expect((await checkOutput()).code).toBe(0);
        const run = await runCli(['prepare', '--database-url', db.url], { cwd: project });
        expect(run.code, run.stderr).toBe(0);
        expect(await read('src/users.ts')).toContain(reformatted);
      });
    });

    it('a deleted type argument fails where it goes (the queries below it moved up, which is said too)', async () => {
      const prepared = await read('src/users.ts');
      await withEdit('src/users.ts', (t) => t.replace(/getUserAge = query<\{[^`]*\}>`/, 'getUserAge = query`'), async () => {
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toContain('src/users.ts:49:32: error: query getUserAge has no type argument: prepare writes its types here');
        // The queries moved, so the cache is stale (generate refuses it): prepare writes the type
        // argument back and moves the entries of the queries below it with it.
        expect(out).toContain('hint: run `sqlsure prepare` and commit the result');
        expect((await runCli(['generate'], { cwd: project })).code).toBe(1);
        const run = await runCli(['prepare', '--database-url', db.url], { cwd: project });
        expect(run.code, run.stderr).toBe(0);
        expect(await read('src/users.ts')).toBe(prepared);
        expect((await checkOutput()).code).toBe(0);
      });
    });

    it('a type argument deleted in place (no line moved): generate inserts it and moves the entries below', async () => {
      await withEdit('src/users.ts', (t) => t.replace(/getUserAge = query<\{[^`]*\}>`/, 'getUserAge = query\n\n\n\n`'), async () => {
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toContain('src/users.ts:49:32: error: query getUserAge has no type argument: prepare writes its types here');
        expect(out).toContain('run `sqlsure generate`');
        const generate = await runCli(['generate'], { cwd: project });
        expect(generate.code, generate.stderr).toBe(0);
        expect(await read('src/users.ts')).toContain("getUserAge = query<{\n  params: { id: number };\n  row: { email: string; age: number };\n  cardinality: 'one';\n}>\n\n\n\n`-- :one");
        expect((await checkOutput()).code).toBe(0);
      });
      // The file is back as prepared, the entries still moved: prepare puts them back.
      expect((await runCli(['prepare', '--database-url', db.url], { cwd: project })).code).toBe(0);
      expect((await checkOutput()).code).toBe(0);
    });

    it('a deleted side-effect import fails at the first query; prepare adds it back', async () => {
      await withEdit('src/moods.ts', (t) => t.replace("import './moods.types.js';\r\n", ''), async () => {
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toContain("src/moods.ts:10:7: error: query happyUsers: its prepared statement is registered by src/moods.types.ts, which this file does not import for its effect (the query would throw when run)");
        expect(out).toContain("hint: run `sqlsure prepare`, which adds `import './moods.types.js';`");
        const run = await runCli(['prepare', '--database-url', db.url], { cwd: project });
        expect(run.code, run.stderr).toBe(0);
        expect(await read('src/moods.ts')).toBe(MOODS_PREPARED);
      });
    });

    it('a types module sqlsure wrote for a source that is gone: check reports it, generate removes it, a hand-written one stays', async () => {
      const ghost = path.join(project, 'src/ghost.types.ts');
      const mine = path.join(project, 'src/mine.types.ts');
      const header = '// Generated by sqlsure from src/ghost.ts. Do not edit: change the SQL and run `sqlsure prepare`.\n';
      await writeFile(ghost, header + "import { registerInlineQueries } from 'sqlsure/runtime';\nregisterInlineQueries([]);\n");
      // Names another source than its own path's: not ours either.
      await writeFile(mine, header.replace('src/ghost.ts', 'src/users.ts') + 'export type Mine = string;\n');
      try {
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toContain('src/ghost.types.ts:1:1: error: types module has no sql`…` queries in its source any more');
        expect(out).not.toContain('mine.types.ts');
        const generate = await runCli(['generate'], { cwd: project });
        expect(generate.code, generate.stderr).toBe(0);
        expect(generate.stderr).toContain('0 modules written, 1 removed');
        await expect(readFile(ghost, 'utf8')).rejects.toThrow(/ENOENT/);
        expect(await readFile(mine, 'utf8')).toContain('export type Mine = string;');
        expect((await checkOutput()).code).toBe(0);
      } finally {
        await rm(ghost, { force: true });
        await rm(mine, { force: true });
      }
    });

    it('a deleted types module (the registry) fails, pointing at the source', async () => {
      const types = path.join(project, 'src/users.types.ts');
      const before = await readFile(types, 'utf8');
      try {
        await rm(types);
        const { code, out } = await checkOutput();
        expect(code).toBe(1);
        expect(out).toMatch(/src\/users\.ts:\d+:1: .*the types module of this file, src\/users\.types\.ts, is missing/);
      } finally {
        await writeFile(types, before);
      }
    });
  });
});

describe.skipIf(!reachable)('native form: a failing query beside new ones', { timeout: 300_000 }, () => {
  let project: string;
  let db: TestDatabase;
  beforeAll(async () => {
    project = await copyFixture('native-ts-app');
    db = await createTestDatabase('sqlsure_native_fail');
    await runSqlFiles(db.url, path.join(project, 'migrations'));
  });
  afterAll(async () => {
    await removeProject(project);
    await db?.drop();
  });

  it('the others get their types; the error points into the file as written after the edit (CRLF, tabs, multi-line template)', async () => {
    const moods = path.join(project, 'src/moods.ts');
    const text = await readFile(moods, 'utf8');
    await writeFile(moods, text + '\r\nexport const broken = q`\r\n\tSELECT id,\r\n\t\tnope\r\n\tFROM users`;\r\n');
    const run = await runCli(['prepare', '--database-url', db.url, '--reporter', 'plain'], { cwd: project });
    expect(run.code).toBe(1);
    const after = await readFile(moods, 'utf8');
    expect(after.startsWith(MOODS_PREPARED)).toBe(true);
    // Line 23 of the file as it is now: `\t\tnope`, column 3 after two tabs.
    expect(after.split('\r\n')[22]).toBe('\t\tnope');
    expect(run.stdout + run.stderr).toMatch(/src\/moods\.ts:23:3: error \[42703\]: broken: column "nope" does not exist/);
    expect(after).toContain('export const broken = q`');
  });
});
