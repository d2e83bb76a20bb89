/**
 * Optional parameters end to end: `:param?` (in a native and a pgtyped-format file) is recorded as
 * `optional` in the cache and generated as `param?: T | null`; every other parameter stays a
 * required property (`T`, or `T | null` when only inference says it accepts NULL). The consumer
 * compiles with `strict` and with `exactOptionalPropertyTypes` (where an explicit `undefined` is
 * the one thing refused), and a parameter left out is sent as NULL on pg and PGlite.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Queryable } from 'sqlsure/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPGlite } from '../support/fresh-pglite.js';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyFixture, removeProject, REPO_ROOT, runCli, type CliRun } from '../support/project-dir.js';

const reachable = await serverReachable();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Module = Record<string, (db: Queryable, params?: any) => Promise<any>>;

function tsc(project: string, config: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'], { cwd: project });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.skipIf(!reachable)('optional parameters (:param?)', () => {
  let db: TestDatabase;
  let project: string;
  let notes: Module;
  let pgtyped: Module;

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_optional');
    await runSqlFiles(db.url, path.join(REPO_ROOT, 'test/fixtures/optional-params/migrations'));
    project = await copyFixture('optional-params');
    const prepared = await runCli(['prepare', '--database-url', db.url], { cwd: project });
    expect(prepared.stderr).toContain('prepared 5 of 5 queries');
    expect(prepared.code).toBe(0);
    notes = await import(path.join(project, 'generated/notes.ts'));
    pgtyped = await import(path.join(project, 'generated/pgtyped.ts'));
  });
  afterAll(async () => {
    await db?.drop();
    if (project) await removeProject(project);
  });

  it('records optional: true in the cache for :param? only, and check passes', async () => {
    const dir = path.join(project, 'offline-cache');
    const entries = await Promise.all(
      (await readdir(dir)).filter((f) => f.startsWith('query-')).map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8'))),
    );
    const optional = Object.fromEntries(
      entries.map((e: { name: string; params: Array<{ name: string; optional?: boolean }> }) => [e.name, e.params.map((p) => `${p.name}${p.optional === true ? '?' : ''}`)]),
    );
    expect(optional).toEqual({
      AddNote: ['title', 'body?', 'minRank?'],
      SetBody: ['body', 'id'],
      FindNotes: ['title?'],
      NotesByIds: ['ids'],
      NotesWithBody: ['body?'],
    });
    // Absent rather than false, so the entries of queries without `?` are what they were.
    expect(entries.flatMap((e: { params: object[] }) => e.params).filter((p) => 'optional' in p && (p as { optional: unknown }).optional !== true)).toEqual([]);
    const check = await runCli(['check'], { cwd: project });
    expect(check.stderr).toContain('check passed');
    expect(check.code).toBe(0);
  });

  it('generates param?: T | null for :param? and keeps every other parameter required', async () => {
    const source = await readFile(path.join(project, 'generated/notes.ts'), 'utf8');
    expect(source).toContain('export interface AddNoteParams {\n  title: string;\n  body?: string | null;\n  minRank?: number | null;\n}');
    expect(source).toContain('export interface SetBodyParams {\n  body: string | null;\n  id: number;\n}');
    expect(source).toContain('export interface FindNotesParams {\n  title?: string | null;\n}');
    expect(source).toContain('export interface NotesByIdsParams {\n  ids: readonly number[];\n}');
    expect(await readFile(path.join(project, 'generated/pgtyped.ts'), 'utf8')).toContain('export interface NotesWithBodyParams {\n  body?: string | null;\n}');
  });

  it('compiles with strict: omitted, null and values accepted; required ones still required', async () => {
    const run = await tsc(project, 'tsconfig.json');
    expect(run.stdout + run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('compiles with exactOptionalPropertyTypes, except an explicit undefined', async () => {
    const run = await tsc(project, 'tsconfig.exact.json');
    const errors = (run.stdout + run.stderr).split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors).toEqual([expect.stringMatching(/^explicit-undefined\.ts\(10,\d+\): error TS2379: .*exactOptionalPropertyTypes: true/)]);
    expect(run.code).toBe(2);
  });

  const drivers: Array<[string, () => Promise<{ db: Queryable; close: () => Promise<void> }>]> = [
    [
      'pg',
      async () => {
        const pool = new pg.Pool({ connectionString: db.url, max: 2 });
        await pool.query('TRUNCATE notes RESTART IDENTITY');
        return { db: pool, close: () => pool.end() };
      },
    ],
    [
      'PGlite',
      async () => {
        const lite: PGlite = await freshPGlite();
        await lite.exec(await readFile(path.join(REPO_ROOT, 'test/fixtures/optional-params/migrations/1_notes.sql'), 'utf8'));
        return { db: lite, close: () => lite.close() };
      },
    ],
  ];

  it.each(drivers)('sends NULL for a parameter left out (%s)', async (_, open) => {
    const { db: conn, close } = await open();
    try {
      expect(await notes.addNote!(conn, { title: 'bare' })).toEqual({ id: 1, title: 'bare', body: null, minRank: null });
      expect(await notes.addNote!(conn, { title: 'full', body: 'text', minRank: 2 })).toEqual({ id: 2, title: 'full', body: 'text', minRank: 2 });
      // An explicit undefined (allowed without exactOptionalPropertyTypes) is a NULL too.
      expect(await notes.addNote!(conn, { title: 'undef', body: undefined })).toMatchObject({ id: 3, body: null });
      // Left out, the optional filter is NULL: every note matches; given, it filters.
      expect((await notes.findNotes!(conn, {})).map((r: { id: number }) => r.id)).toEqual([1, 2, 3]);
      expect(await notes.findNotes!(conn, { title: 'full' })).toEqual([{ id: 2, title: 'full' }]);
      expect((await pgtyped.notesWithBody!(conn, {})).map((r: { id: number }) => r.id)).toEqual([1, 2, 3]);
      expect(await pgtyped.notesWithBody!(conn, { body: 'text' })).toEqual([{ id: 2 }]);
    } finally {
      await close();
    }
  });
});
