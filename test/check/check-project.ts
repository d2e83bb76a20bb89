import { cp } from 'node:fs/promises';
import { afterAll, beforeAll, expect } from 'vitest';
import { prepare } from '../../src/prepare/prepare.js';
import { createTestDatabase, runSql, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject } from '../support/project-dir.js';

/** The small project the check tests prepare: two tables, three queries in two files (one nested). */
export const INIT_MIGRATION = [
  'CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);',
  'CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES people (id), name text NOT NULL);',
  '',
].join('\n');

export const PROJECT_FILES = {
  'migrations/0001_init.sql': INIT_MIGRATION,
  'queries/people.sql': [
    '-- name: GetPerson :maybe',
    'SELECT id, name, nickname FROM people WHERE id = :id!;',
    '',
    '-- name: ListPeople :many',
    'SELECT id, name FROM people ORDER BY id;',
    '',
  ].join('\n'),
  'queries/more/pets.sql': ['-- name: PetsWithOwners :many', 'SELECT p.name, o.name AS owner FROM pets p LEFT JOIN people o ON o.id = p.owner_id;', ''].join('\n'),
};

/**
 * The check tests' fixture: before the file's tests, prepares PROJECT_FILES once against a fresh
 * database; `copy()` hands each test its own throwaway copy; everything is removed afterwards.
 */
export function usePreparedCheckProject(prefix: string): { copy(): Promise<string>; readonly pristine: string } {
  let db: TestDatabase | undefined;
  let pristine = '';
  const copies: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(prefix);
    await runSql(db.url, INIT_MIGRATION);
    pristine = await makeProject(PROJECT_FILES);
    const r = await prepare({ root: pristine, databaseUrl: db.url, force: true });
    expect(r.problems).toEqual([]);
    expect(r.prepared).toBe(3);
  });
  afterAll(async () => {
    await Promise.all([...copies, pristine].filter(Boolean).map((d) => removeProject(d)));
    await db?.drop();
  });
  return {
    async copy() {
      const dir = await makeProject();
      copies.push(dir);
      await cp(pristine, dir, { recursive: true });
      return dir;
    },
    get pristine() {
      return pristine;
    },
  };
}
