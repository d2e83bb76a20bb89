/**
 * Incremental prepare against a real server: unchanged queries are not described again (not a
 * single Parse), an out-of-band schema change re-describes them and changes only what the
 * schema change affects, --force describes everything, and every path leaves the same bytes.
 */
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerChannel } from '../../src/database/pg-server-channel.js';
import { WireSession } from '../../src/database/wire-session.js';
import { prepare } from '../../src/prepare/prepare.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';

const MIGRATION = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN pet_name AS text CHECK (VALUE <> '');
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text, mood mood NOT NULL DEFAULT 'happy');
CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES people, name pet_name NOT NULL);
`;

const PEOPLE = `-- name: GetPerson :one
SELECT id, name, nickname, mood FROM people WHERE id = :id!;

-- name: Rename :execrows
UPDATE people SET name = :name! WHERE id = :id!;
`;

const PETS = `-- name: ListPets :many
SELECT id, name FROM pets WHERE owner_id = :ownerId!;

-- name: CountPets :one
SELECT count(*) AS "total!" FROM pets;
`;

const reachable = await serverReachable();

describe.skipIf(!reachable)('incremental prepare', () => {
  let db: TestDatabase;
  let dir: string;
  let localCache: string;
  const env = () => ({ SQLSURE_CACHE_DIR: localCache });
  const cli = (...args: string[]) => runCli(['prepare', '--database-url', db.url, ...args], { cwd: dir, env: env() });
  const counts = (stderr: string) => /: (\d+) described, (\d+) unchanged/.exec(stderr)?.slice(1).map(Number);

  beforeAll(async () => {
    db = await createTestDatabase();
    await runSql(db.url, MIGRATION);
    dir = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'queries/people.sql': PEOPLE, 'queries/pets/list.sql': PETS });
    localCache = path.join(await makeProject(), 'cache');
    process.env.SQLSURE_CACHE_DIR = localCache;
  });
  afterAll(async () => {
    delete process.env.SQLSURE_CACHE_DIR;
    await removeProject(dir);
    await removeProject(path.dirname(localCache));
    await db?.drop();
  });

  it('describes everything the first time, nothing the second, with identical bytes', async () => {
    const first = await cli();
    expect(first.code).toBe(0);
    expect(counts(first.stderr)).toEqual([4, 0]);
    const before = await snapshotTree(dir);
    const second = await cli();
    expect(second.code).toBe(0);
    expect(counts(second.stderr)).toEqual([0, 4]);
    expect(second.stderr).toContain('(no changes)');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('never loads the SQL parser when nothing changed; check neither', async () => {
    const nodeArgs = ['--import', path.join(REPO_ROOT, 'test/support/forbid-parser.mjs')];
    const r = await runCli(['prepare', '--database-url', db.url], { cwd: dir, env: env(), nodeArgs });
    expect(r.code, r.stderr).toBe(0);
    expect(counts(r.stderr)).toEqual([0, 4]);
    const c = await runCli(['check'], { cwd: dir, env: env(), nodeArgs: [...nodeArgs, '--import', path.join(REPO_ROOT, 'test/support/forbid-drivers.mjs')] });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toContain('check passed');
  });

  it('sends no Parse at all when nothing changed (the fingerprint uses the simple protocol)', async () => {
    // A project of its own: the library runs from src/, a different sqlsure than the CLI's dist/.
    const project = await makeProject({ 'queries/people.sql': PEOPLE, 'queries/pets/list.sql': PETS });
    const run = async () => {
      const session = new WireSession(await openServerChannel(db.url));
      try {
        const r = await prepare({ root: project, session });
        return { r, parses: session.parsesSent };
      } finally {
        await session.close();
      }
    };
    try {
      const first = await run();
      expect(first.r.problems).toEqual([]);
      expect([first.r.described, first.r.unchanged]).toEqual([4, 0]);
      expect(first.parses).toBeGreaterThanOrEqual(4);
      const second = await run();
      expect([second.r.described, second.r.unchanged]).toEqual([0, 4]);
      expect(second.parses).toBe(0);
    } finally {
      await removeProject(project);
    }
  });

  it('describes only the query that was edited, and a moved query not at all', async () => {
    const file = path.join(dir, 'queries/people.sql');
    await writeFile(file, PEOPLE.replace('WHERE id = :id!;', 'WHERE id = :id! AND true;'));
    const edited = await cli();
    expect(edited.code).toBe(0);
    expect(counts(edited.stderr)).toEqual([1, 3]);
    await writeFile(file, '\n\n' + PEOPLE);
    const moved = await cli();
    expect(moved.code).toBe(0);
    expect(counts(moved.stderr)).toEqual([1, 3]); // GetPerson's SQL is back to the original: described once more
    const check = await runCli(['check'], { cwd: dir, env: env() });
    expect(check.stderr).toContain('check passed');
    await writeFile(file, PEOPLE);
    const back = await cli();
    expect(counts(back.stderr), back.stderr).toEqual([0, 4]);
    expect(back.stderr).toContain('(2 cache entries written');
  });

  it('keeps schema.json complete when only some queries are described', async () => {
    await cli('--force');
    const full = await snapshotTree(dir);
    expect(full['offline-cache/schema.json']).toContain('"mood"');
    // Only the pets file changes: the enum of the people queries must stay in schema.json.
    const file = path.join(dir, 'queries/pets/list.sql');
    await writeFile(file, PETS.replace('FROM pets;', 'FROM pets WHERE true;'));
    const partial = await cli();
    expect(counts(partial.stderr)).toEqual([1, 3]);
    await writeFile(file, PETS);
    const restored = await cli();
    expect(counts(restored.stderr)).toEqual([1, 3]);
    expect(await snapshotTree(dir)).toEqual(full);
  });

  it('re-describes after an out-of-band ALTER TABLE, and only the affected outputs change', async () => {
    const before = await snapshotTree(dir);
    await runSql(db.url, 'ALTER TABLE people ALTER COLUMN nickname SET NOT NULL;');
    try {
      const r = await cli();
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('the database schema changed since the last prepare: describing every query');
      expect(counts(r.stderr)).toEqual([4, 0]);
      const after = await snapshotTree(dir);
      const changed = Object.keys(after).filter((f) => after[f] !== before[f]).sort();
      expect(changed).toHaveLength(2);
      expect(changed[1]).toBe('offline-cache/' + (await entryFileOf('GetPerson')));
      expect(changed[0]).toBe('generated/people.ts');
      expect(after['generated/people.ts']).toContain('nickname: string;');
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    } finally {
      await runSql(db.url, 'ALTER TABLE people ALTER COLUMN nickname DROP NOT NULL;');
    }
    const reverted = await cli();
    expect(counts(reverted.stderr)).toEqual([4, 0]);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('--force describes everything and changes nothing', async () => {
    const before = await snapshotTree(dir);
    const r = await cli('--force');
    expect(r.code).toBe(0);
    expect(counts(r.stderr)).toEqual([4, 0]);
    expect(r.stderr).toContain('(no changes)');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('describes again an entry edited by hand, and restores a hand-edited module without describing', async () => {
    const before = await snapshotTree(dir);
    const entry = path.join(dir, 'offline-cache', await entryFileOf('ListPets'));
    await writeFile(entry, (await readFile(entry, 'utf8')).replace('"nullable": false', '"nullable": true'));
    const r = await cli();
    expect(counts(r.stderr)).toEqual([1, 3]);
    expect(await snapshotTree(dir)).toEqual(before);

    await appendFile(path.join(dir, 'generated/people.ts'), '// edited\n');
    const m = await cli();
    expect(counts(m.stderr)).toEqual([0, 4]);
    expect(m.stderr).toContain('1 module written');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('reports a broken query among many on the right line, and caches the others', async () => {
    const lines: string[] = [];
    const broken = new Set([7, 150, 151, 299]);
    for (let i = 0; i < 300; i++) {
      lines.push(`-- name: Q${i} :many`);
      lines.push(broken.has(i) ? `SELECT id, nmae FROM people WHERE id = :id;` : `SELECT id, name AS n${i} FROM people WHERE id = :id;`);
      lines.push('');
    }
    await writeFile(path.join(dir, 'queries/many.sql'), lines.join('\n'));
    try {
      const r = await cli();
      expect(r.code).toBe(1);
      for (const i of broken) {
        expect(r.stderr).toContain(`queries/many.sql:${i * 3 + 2}:12: error [42703]: Q${i}: column "nmae" does not exist`);
      }
      expect(r.stderr.match(/error \[42703\]/g)).toHaveLength(broken.size);
      expect(r.stderr).toContain(`prepared ${300 - broken.size + 4} of 304 queries, ${broken.size} errors`);
      expect(counts(r.stderr)).toEqual([300, 4]);
    } finally {
      const { rm } = await import('node:fs/promises');
      await rm(path.join(dir, 'queries/many.sql'));
    }
    const clean = await cli();
    expect(clean.code).toBe(0);
    expect(counts(clean.stderr)).toEqual([0, 4]);
  });

  async function entryFileOf(name: string): Promise<string> {
    const cacheDir = path.join(dir, 'offline-cache');
    for (const f of await readdir(cacheDir)) {
      if (f.startsWith('query-') && JSON.parse(await readFile(path.join(cacheDir, f), 'utf8')).name === name) return f;
    }
    throw new Error(`no cache entry for ${name}`);
  }
});
