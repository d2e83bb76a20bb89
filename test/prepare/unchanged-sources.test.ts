/**
 * The unchanged-project fast path with `"sources"`: once a complete run has recorded the files the
 * globs match and stamped each TypeScript source, an unchanged run parses nothing — the TypeScript
 * and SQL parsers are forbidden in those runs, so taking the full path fails them — and any change
 * among the sources (a new template, a new or deleted file, a stray types module) makes it a full
 * run again. A touch that keeps the bytes does not.
 */
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';

const MIGRATION = 'CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);\n';
const PEOPLE_TS = `import { query } from 'sqlsure/runtime';

export const getPerson = query\`
  -- :maybe
  SELECT id, name, nickname FROM people WHERE id = :id!\`;
`;
const PLAIN_TS = 'export const answer = 42;\n';
const NO_PARSERS = ['--import', path.join(REPO_ROOT, 'test/support/forbid-typescript.mjs'), '--import', path.join(REPO_ROOT, 'test/support/forbid-parser.mjs')];

const reachable = await serverReachable();

describe.skipIf(!reachable)('prepare with "sources": nothing changed', () => {
  let db: TestDatabase;
  let dir: string;
  const counts = (stderr: string) => /: (\d+) described, (\d+) unchanged/.exec(stderr)?.slice(1).map(Number);
  const prepare = (nodeArgs: string[] = []) => runCli(['prepare', '--database-url', db.url], { cwd: dir, nodeArgs, env: { SQLSURE_CACHE_DIR: path.join(dir, '.local-cache') } });
  /** A run that may not parse: exit 0 only on the fast path. */
  const unchangedRun = async () => {
    const r = await prepare(NO_PARSERS);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('0 described');
    return r;
  };
  /** A run that must parse: the forbidden parser stops it, so it did not take the fast path. */
  const expectFullRun = async () => {
    const r = await prepare(NO_PARSERS);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/loaded the (TypeScript|SQL) parser/);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await runSql(db.url, MIGRATION);
    dir = await makeProject({
      'migrations/0001_init.sql': MIGRATION,
      'queries/.keep': '',
      'sqlsure.config.json': JSON.stringify({ sources: ['src/**/*.ts'] }),
      'src/people.ts': PEOPLE_TS,
      'src/plain.ts': PLAIN_TS,
    });
    // The first run writes the type argument into src/people.ts, the second finds it written.
    for (let i = 0; i < 2; i++) {
      const r = await prepare();
      expect(r.code, r.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await removeProject(dir);
    await db?.drop();
  });

  it('parses nothing and changes no byte', async () => {
    const before = await snapshotTree(dir);
    expect(counts((await unchangedRun()).stderr)).toEqual([0, 1]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('a touch that keeps the bytes still takes the fast path', async () => {
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(dir, 'src/plain.ts'), later, later);
    await unchangedRun();
  });

  it('a template added to a file that had none is found', async () => {
    await writeFile(path.join(dir, 'src/plain.ts'), `import { query } from 'sqlsure/runtime';\n${PLAIN_TS}\nexport const getAgain = query\`\n  -- :many\n  SELECT id FROM people\`;\n`);
    await expectFullRun();
    const r = await prepare();
    expect(r.code, r.stderr).toBe(0);
    expect(counts(r.stderr)).toEqual([1, 1]);
    expect((await prepare()).code).toBe(0); // finds its own type arguments written, records the stamps
    await unchangedRun();
  });

  it('a new file, a deleted file and a stray types module each make a full run', async () => {
    await writeFile(path.join(dir, 'src/extra.ts'), PLAIN_TS);
    await expectFullRun();
    expect((await prepare()).code).toBe(0);
    await unchangedRun();

    await rm(path.join(dir, 'src/extra.ts'));
    await expectFullRun();
    expect((await prepare()).code).toBe(0);
    await unchangedRun();

    await writeFile(path.join(dir, 'src/stray.types.ts'), PLAIN_TS);
    await expectFullRun();
    expect((await prepare()).code).toBe(0);
    await unchangedRun();
  });

  it('an edited or deleted types module is written again', async () => {
    const typesModule = path.join(dir, 'src/people.types.ts');
    const written = await readFile(typesModule, 'utf8');
    await writeFile(typesModule, `${written}// edited\n`);
    await expectFullRun();
    expect((await prepare()).code).toBe(0);
    expect(await readFile(typesModule, 'utf8')).toBe(written);
    await unchangedRun();

    await rm(typesModule);
    await expectFullRun();
    expect((await prepare()).code).toBe(0);
    expect(await readFile(typesModule, 'utf8')).toBe(written);
    await unchangedRun();
  });
});
