/**
 * The manifest behind generated/_migrations.ts, in process: prepare's split is remembered on this
 * machine, so check needs no parser for it; an entry the parser never produced is not trusted.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_MANIFEST_FILE, readManifest, type MigrationsManifest } from '../../src/cache/migrations-manifest.js';
import { embeddedMigrations } from '../../src/codegen/embedded-migrations.js';
import { MigrationSplitMemo } from '../../src/codegen/migration-split-memo.js';
import { makeProject, removeProject } from '../support/project-dir.js';

describe('embedded migrations manifest', () => {
  let root: string;
  let localCache: string;
  const previousCacheDir = process.env.SQLSURE_CACHE_DIR;
  const config = () => ({
    root,
    migrations: 'migrations',
    generated: 'generated',
    cache: 'offline-cache',
    migrationsChecksum: 'normalized' as const,
    migrationsTable: 'ops."odd ""table"""',
    allowMissing: ['7'],
    alternateChecksums: { '2': ['abcdef'] },
  });

  beforeAll(async () => {
    root = await makeProject({
      'migrations/1_init.sql': "CREATE TABLE t (id int);\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b\u2028' $$;\n",
      'migrations/2_more.sql': '-- sqlsure: breaking\nALTER TABLE t ADD COLUMN \"*/ x\" int;\n',
    });
    localCache = await mkdtemp(path.join(tmpdir(), 'sqlsure-memo-'));
    process.env.SQLSURE_CACHE_DIR = localCache;
  });
  afterAll(async () => {
    if (previousCacheDir === undefined) delete process.env.SQLSURE_CACHE_DIR;
    else process.env.SQLSURE_CACHE_DIR = previousCacheDir;
    await removeProject(root);
    await rm(localCache, { recursive: true, force: true });
  });

  it('prepare splits and remembers; check finds every entry confirmed on this machine', async () => {
    const prepared = await embeddedMigrations(config(), { split: true });
    expect(prepared.problems).toEqual([]);
    const [manifestPath, manifestText] = prepared.manifest!;
    expect(manifestPath).toBe(`offline-cache/${MIGRATIONS_MANIFEST_FILE}`);
    await mkdir(path.join(root, 'offline-cache'), { recursive: true });
    await writeFile(path.join(root, manifestPath), manifestText);
    const manifest = readManifest(path.join(root, manifestPath))!.manifest as MigrationsManifest;
    const memo = await MigrationSplitMemo.open(root);
    expect(manifest.migrations.map((e) => memo.has(e))).toEqual([true, true]);

    const checked = await embeddedMigrations(config(), { split: false });
    expect(checked.problems).toEqual([]);
    expect(checked.module).toEqual(prepared.module);
    const module = checked.module![1];
    expect(module).toContain('  table: "ops.\\"odd \\"\\"table\\"\\"\\"",');
    expect(module).toContain('  allowMissing: ["7"],');
    expect(module).toContain('    "2": ["abcdef"],');
    // Strings are escaped for any content, U+2028 included; the comment-closing name stays inside its string.
    expect(module).toContain(String.raw`sql: "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b\u2028' $$" }`);
    expect(module).toContain(String.raw`sql: "ALTER TABLE t ADD COLUMN \"*/ x\" int" }`);
  });

  it('an entry this machine never confirmed is not trusted', async () => {
    const file = path.join(root, 'offline-cache', MIGRATIONS_MANIFEST_FILE);
    const good = await readFile(file, 'utf8');
    const manifest = JSON.parse(good) as MigrationsManifest;
    manifest.migrations[0]!.statements = [[manifest.migrations[0]!.statements[0]![0], manifest.migrations[0]!.statements[1]![1]]];
    await writeFile(file, JSON.stringify(manifest));
    const memo = await MigrationSplitMemo.open(root);
    expect(memo.has(manifest.migrations[0]!)).toBe(false);
    const checked = await embeddedMigrations(config(), { split: false });
    expect(checked.problems.map((p) => p.message)).toEqual([
      "the statements offline-cache/migrations.json records for migration 1 are not how PostgreSQL's parser splits migrations/1_init.sql (edited by hand?)",
    ]);
    expect(checked.module).toBeUndefined();
    await writeFile(file, good);
  });
});
