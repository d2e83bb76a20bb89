/**
 * One mistake, one problem: a code generation option changed in sqlsure.config.json after the
 * modules were generated makes every module differ, but `check` reports the configuration — the
 * option, its old and new value, at its line — once, with `sqlsure generate` as the fix. Changes
 * it cannot pin on one option (a "types" entry) are still one problem listing the modules.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { prepare } from '../../src/prepare/prepare.js';
import type { SourceProblem } from '../../src/source/query-source.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli } from '../support/project-dir.js';

const MIGRATION = 'CREATE TABLE accounts (id int8 PRIMARY KEY, display_name text NOT NULL, created_at timestamptz NOT NULL);\n';
const CONFIG = '{\n  "camelCase": true,\n  "int8": "number"\n}\n';
const FILES = {
  'migrations/0001_init.sql': MIGRATION,
  'sqlsure.config.json': CONFIG,
  'queries/accounts.sql': '-- name: GetAccount :maybe\nSELECT id, display_name FROM accounts WHERE id = :id!;\n',
  'queries/recent.sql': '-- name: RecentAccounts :many\nSELECT id, display_name, created_at FROM accounts ORDER BY created_at DESC;\n',
};
const RUN_GENERATE = 'only the configuration changed, the offline cache is up to date: run `sqlsure generate` (no database needed) and commit the result';

const reachable = await serverReachable();
const at = (p: SourceProblem) => `${p.file}:${p.position.line}:${p.position.column}`;

describe.skipIf(!reachable)('check after a configuration change', () => {
  let db: TestDatabase;
  let pristine: string;
  const copies: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_config_change');
    await runSql(db.url, MIGRATION);
    pristine = await makeProject(FILES);
    const r = await prepare({ root: pristine, databaseUrl: db.url, force: true });
    expect(r.problems).toEqual([]);
  });
  afterAll(async () => {
    await Promise.all([pristine, ...copies].filter(Boolean).map((d) => removeProject(d)));
    await db?.drop();
  });
  const withConfig = async (config: string): Promise<string> => {
    const dir = await makeProject();
    copies.push(dir);
    await cp(pristine, dir, { recursive: true });
    await writeFile(path.join(dir, 'sqlsure.config.json'), config);
    return dir;
  };

  it('passes as prepared', async () => {
    expect((await check({ root: pristine })).problems).toEqual([]);
  });

  it('camelCase switched off: one problem at the option, naming both values', async () => {
    const dir = await withConfig(CONFIG.replace('"camelCase": true', '"camelCase": false'));
    const { problems } = await check({ root: dir });
    expect(problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      'sqlsure.config.json:2:3 the generated modules were made with "camelCase": true, but the configuration now says "camelCase": false (2 modules differ)',
    ]);
    expect(problems[0]!.hint).toBe(RUN_GENERATE);
  });

  it('int8 and camelCase both changed: still one problem, naming each', async () => {
    const dir = await withConfig('{\n  "int8": "bigint"\n}\n');
    const { problems } = await check({ root: dir });
    expect(problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      'sqlsure.config.json:2:3 the generated modules were made with "camelCase": true and "int8": "number", but the configuration now says "camelCase": false and "int8": "bigint" (2 modules differ)',
    ]);
    expect(problems[0]!.hint).toBe(RUN_GENERATE);
  });

  it('a change it cannot pin on one option: one problem listing each module and where it differs', async () => {
    const dir = await withConfig(CONFIG.replace('\n}', ',\n  "types": { "timestamptz": "string" }\n}'));
    const { problems } = await check({ root: dir });
    expect(problems).toHaveLength(1);
    // Only recent.sql reads a timestamptz: one module differs, reported as before.
    expect(problems.map((p) => `${at(p)} ${p.message}`)).toEqual([expect.stringMatching(/^generated\/recent\.ts:\d+:\d+ generated module differs/)]);

    const both = await withConfig(CONFIG.replace('\n}', ',\n  "types": { "int8": "string" }\n}'));
    const r = await check({ root: both });
    expect(r.problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      expect.stringMatching(
        /^generated\/accounts\.ts:\d+:\d+ 2 generated modules differ from what the offline cache produces with the current configuration: generated\/accounts\.ts:\d+:\d+, generated\/recent\.ts:\d+:\d+ \(a code generation option changed since they were generated, or they were edited\)$/,
      ),
    ]);
    expect(r.problems[0]!.hint).toBe('the offline cache is up to date: run `sqlsure generate` (no database needed) and commit the result');
  });

  it('a module edited by hand is still its own problem, at the edit', async () => {
    const dir = await withConfig(CONFIG);
    const file = path.join(dir, 'generated/recent.ts');
    await writeFile(file, (await readFile(file, 'utf8')).replace('displayName: string;', 'displayName: number;'));
    const { problems } = await check({ root: dir });
    expect(problems.map((p) => `${p.file} ${p.message}`)).toEqual(['generated/recent.ts generated module differs from what the offline cache produces (edited by hand, or stale)']);
  });

  it('the CLI prints the one problem and exits 1', async () => {
    const dir = await withConfig(CONFIG.replace('"camelCase": true', '"camelCase": false'));
    const r = await runCli(['check', '--reporter', 'plain'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sqlsure.config.json:2:3: error: the generated modules were made with "camelCase": true, but the configuration now says "camelCase": false (2 modules differ)');
    expect(r.stderr).toContain('check failed: 1 problem');
  });
});
