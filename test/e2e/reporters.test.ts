/**
 * `--reporter pretty | plain | json | github` on prepare, check and migrate: the exact output for
 * a broken query, a stale cache and a failed migration (the JSON document is a contract, see
 * README "JSON report format"), and when colours are used (TTY, CI, NO_COLOR, FORCE_COLOR).
 */
import { spawn } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { CLI, makeProject, removeProject, runCli } from '../support/project-dir.js';

const MIGRATION = `CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);\n`;
const QUERIES = `-- name: GetPerson :one
SELECT id, name, nickname FROM people WHERE id = :id!;

-- name: ListPeople :many
SELECT id, name FROM people ORDER BY id;
`;
const BROKEN = QUERIES.replace('SELECT id, name, nickname', 'SELECT id, nam, nickname');
const BAD_MIGRATION = `CREATE TABLE pets (id int PRIMARY KEY);\nALTER TABLE pets ADD COLUMN kind pet_kind;\n`;
const ESC = '\u001b[';
const hashless = (text: string) => text.replace(/query-[0-9a-f]{64}\.json/g, 'query-<hash>.json');

const reachable = await serverReachable();

describe.skipIf(!reachable)('reporters', () => {
  let db: TestDatabase;
  /** A prepared project whose GetPerson query was then edited without prepare. */
  let stale: string;
  let broken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    stale = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'queries/people.sql': QUERIES });
    const migrated = await runCli(['migrate', 'run', '--database-url', db.url], { cwd: stale });
    expect(migrated.code, migrated.stderr).toBe(0);
    const first = await runCli(['prepare', '--database-url', db.url], { cwd: stale });
    expect(first.code, first.stderr).toBe(0);
    broken = await makeProject();
    await cp(stale, broken, { recursive: true });
    await writeFile(path.join(stale, 'queries/people.sql'), QUERIES.replace('ORDER BY id', 'ORDER BY name'));
    await writeFile(path.join(broken, 'queries/people.sql'), BROKEN);
  });
  afterAll(async () => {
    await removeProject(stale);
    await removeProject(broken);
    await db?.drop();
  });

  describe('a broken query (prepare)', () => {
    const prepare = (reporter: string) => runCli(['prepare', '--database-url', db.url, '--reporter', reporter], { cwd: broken });

    it('plain: one line and the hint, on stderr', async () => {
      const r = await prepare('plain');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        'queries/people.sql:2:12: error [42703]: GetPerson: column "nam" does not exist\n  hint: Perhaps you meant to reference the column "people.name".\nprepared 1 of 2 queries, 1 error',
      );
    });

    it('pretty: a code frame with a caret under the token', async () => {
      const r = await prepare('pretty');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        [
          'queries/people.sql:2:12 - error [42703]: GetPerson: column "nam" does not exist',
          '',
          '  2 | SELECT id, nam, nickname FROM people WHERE id = :id!;',
          '    |            ^^^',
          '  hint: Perhaps you meant to reference the column "people.name".',
          '',
          'prepared 1 of 2 queries, 1 error',
        ].join('\n'),
      );
    });

    it('github: one workflow annotation on stdout', async () => {
      const r = await prepare('github');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        '::error file=queries/people.sql,line=2,col=12,endLine=2,endColumn=15,title=sqlsure [42703] GetPerson::GetPerson: column "nam" does not exist%0Ahint: Perhaps you meant to reference the column "people.name".\n',
      );
    });

    it('json: one document on stdout', async () => {
      const r = await prepare('json');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({
        version: 1,
        tool: 'sqlsure',
        command: 'prepare',
        ok: false,
        exitCode: 1,
        summary: { problems: 1, errors: 1, warnings: 0, queries: 2, prepared: 1, described: expect.any(Number), unchanged: expect.any(Number) },
        problems: [
          {
            severity: 'error',
            file: 'queries/people.sql',
            line: 2,
            column: 12,
            endLine: 2,
            endColumn: 15,
            code: '42703',
            sqlstate: '42703',
            query: 'GetPerson',
            message: 'GetPerson: column "nam" does not exist',
            hint: 'Perhaps you meant to reference the column "people.name".',
          },
        ],
      });
      expect(r.stderr).not.toContain('error [42703]');
    });
  });

  it('a parameter used with two types is named with both uses; server messages quote :name, not $n', async () => {
    const dir = await makeProject({
      'migrations/0001_init.sql': MIGRATION,
      'queries/q.sql': '-- name: Conflict :many\nSELECT id FROM people WHERE id = :x AND name = :x;\n\n-- name: ByIds :many\nSELECT id FROM people WHERE id IN :ids;\n',
    });
    try {
      const r = await runCli(['prepare', '--database-url', db.url, '--reporter', 'json'], { cwd: dir });
      expect(r.code).toBe(1);
      const problems = JSON.parse(r.stdout).problems;
      expect(problems).toEqual([
        expect.objectContaining({
          line: 2,
          code: '42883',
          query: 'Conflict',
          message: 'Conflict: operator does not exist: text = integer',
          hint: expect.stringMatching(/^parameter :x is used 2 times \(at 2:34 and 2:48\) where different types are expected/),
        }),
        expect.objectContaining({
          line: 5,
          column: 35,
          endColumn: 39,
          code: '42601',
          query: 'ByIds',
          message: 'ByIds: syntax error at or near ":ids"',
          hint: 'did you mean `IN :ids[]`? An IN list takes one array parameter, written with `[]`',
        }),
      ]);
      expect(r.stdout).not.toContain('$1');
    } finally {
      await removeProject(dir);
    }
  });

  describe('a stale cache (check): one edited query is one problem', () => {
    const check = (reporter: string) => runCli(['check', '--reporter', reporter], { cwd: stale });

    it('plain', async () => {
      const r = await check('plain');
      expect(r.code).toBe(1);
      expect(hashless(r.stderr)).toBe(
        'queries/people.sql:5:1: error: query ListPeople has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/query-<hash>.json)\n' +
          '  hint: run `sqlsure prepare` and commit the result\n' +
          'check failed: 1 problem\n',
      );
    });

    it('pretty', async () => {
      const r = await check('pretty');
      expect(hashless(r.stderr)).toBe(
        [
          'queries/people.sql:5:1 - error: query ListPeople has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/query-<hash>.json)',
          '',
          '  5 | SELECT id, name FROM people ORDER BY name;',
          '    | ^^^^^^',
          '  hint: run `sqlsure prepare` and commit the result',
          '',
          'check failed: 1 problem',
          '',
        ].join('\n'),
      );
    });

    it('github', async () => {
      const r = await check('github');
      expect(hashless(r.stdout)).toBe(
        '::error file=queries/people.sql,line=5,col=1,endLine=5,endColumn=7,title=sqlsure ListPeople::query ListPeople has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/query-<hash>.json)%0Ahint: run `sqlsure prepare` and commit the result\n',
      );
      expect(r.stderr).toBe('check failed: 1 problem\n');
    });

    it('json', async () => {
      const r = await check('json');
      expect(JSON.parse(hashless(r.stdout))).toEqual({
        version: 1,
        tool: 'sqlsure',
        command: 'check',
        ok: false,
        exitCode: 1,
        summary: { problems: 1, errors: 1, warnings: 0, queries: 2, modules: 2 },
        problems: [
          {
            severity: 'error',
            file: 'queries/people.sql',
            line: 5,
            column: 1,
            endLine: 5,
            endColumn: 7,
            code: null,
            sqlstate: null,
            query: 'ListPeople',
            message: 'query ListPeople has no cache entry for its current SQL: it changed since the last prepare (its old entry is offline-cache/query-<hash>.json)',
            hint: 'run `sqlsure prepare` and commit the result',
          },
        ],
      });
    });

    it('json for a run that fails before any check (bad config) is still one document, exit 2', async () => {
      const r = await runCli(['check', '--reporter', 'json', '--config', 'missing.json'], { cwd: stale });
      expect(r.code).toBe(2);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ version: 1, command: 'check', ok: false, exitCode: 2, summary: { problems: 1 } });
      expect(doc.problems[0]).toMatchObject({ file: null, line: null, query: null, message: expect.stringContaining('missing.json') });
    });
  });

  describe('a failed migration (migrate run)', () => {
    let dir: string;
    let target: TestDatabase;
    beforeAll(async () => {
      target = await createTestDatabase();
      dir = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'migrations/0002_pets.sql': BAD_MIGRATION });
    });
    afterAll(async () => {
      await removeProject(dir);
      await target?.drop();
    });
    const run = (reporter: string) => runCli(['migrate', 'run', '--database-url', target.url, '--reporter', reporter], { cwd: dir });

    it('plain and pretty', async () => {
      const plain = await run('plain');
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain('migrations/0002_pets.sql:2:34: error [42704]: type "pet_kind" does not exist\n');
      const pretty = await run('pretty');
      expect(pretty.code).toBe(1);
      expect(pretty.stderr).toContain(
        [
          'migrations/0002_pets.sql:2:34 - error [42704]: type "pet_kind" does not exist',
          '',
          '  2 | ALTER TABLE pets ADD COLUMN kind pet_kind;',
          '    |                                  ^^^^^^^^',
          '',
        ].join('\n'),
      );
    });

    it('github and json', async () => {
      const github = await run('github');
      expect(github.code).toBe(1);
      expect(github.stdout).toBe('::error file=migrations/0002_pets.sql,line=2,col=34,endLine=2,endColumn=42,title=sqlsure [42704]::type "pet_kind" does not exist\n');
      const json = await run('json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        version: 1,
        tool: 'sqlsure',
        command: 'migrate run',
        ok: false,
        exitCode: 1,
        summary: { problems: 1, errors: 1, warnings: 0, applied: 0 },
        problems: [
          {
            severity: 'error',
            file: 'migrations/0002_pets.sql',
            line: 2,
            column: 34,
            endLine: 2,
            endColumn: 42,
            code: '42704',
            sqlstate: '42704',
            query: null,
            message: 'type "pet_kind" does not exist',
            hint: null,
          },
        ],
      });
    });
  });

  it('json keeps stdout for the document: migrate add prints its files on stderr then', async () => {
    const dir = await makeProject({ 'migrations/.keep': '' });
    try {
      const r = await runCli(['migrate', 'add', 'first', '--reporter', 'json'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ version: 1, tool: 'sqlsure', command: 'migrate add', ok: true, exitCode: 0, summary: { problems: 0, errors: 0, warnings: 0 }, problems: [] });
      expect(r.stderr).toMatch(/^migrations\/\d+_first\.sql\n$/);
    } finally {
      await removeProject(dir);
    }
  });

  describe('colours', () => {
    /** Runs `sqlsure check` with exactly `env` on top of a colour-neutral environment; `tty` runs it under a pseudo-terminal. */
    const checkWith = (env: Record<string, string>, tty: boolean) =>
      new Promise<{ code: number; output: string }>((resolve, reject) => {
        const base: NodeJS.ProcessEnv = { ...process.env };
        for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'GITHUB_ACTIONS', 'TERM']) delete base[k];
        const command = [process.execPath, CLI, 'check'];
        const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
        const child = tty
          ? spawn('script', ['-qec', `${quoted} 2>&1`, '/dev/null'], { cwd: stale, env: { ...base, TERM: 'xterm', ...env } })
          : spawn(command[0]!, command.slice(1), { cwd: stale, env: { ...base, ...env } });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, output }));
      });

    it('piped with CI=true: plain, no escapes', async () => {
      const r = await checkWith({ CI: 'true', GITHUB_ACTIONS: 'true' }, false);
      expect(r.code).toBe(1);
      expect(r.output).toContain('queries/people.sql:5:1: error: query ListPeople');
      expect(r.output).not.toContain(ESC);
    });

    it('piped with FORCE_COLOR: coloured', async () => {
      const r = await checkWith({ FORCE_COLOR: '1' }, false);
      expect(r.output).toContain(`${ESC}31merror${ESC}39m`);
      expect((await checkWith({ FORCE_COLOR: '0' }, false)).output).not.toContain(ESC);
    });

    it('on a terminal: pretty and coloured; NO_COLOR keeps it pretty without colour', async () => {
      const tty = await checkWith({}, true);
      expect(tty.code).toBe(1);
      expect(tty.output).toContain(`${ESC}31merror${ESC}39m`);
      expect(tty.output).toContain(' - ');
      expect(tty.output).toMatch(/5 \|/);
      const plain = await checkWith({ NO_COLOR: '1' }, true);
      expect(plain.output).not.toContain(ESC);
      expect(plain.output.replace(/\r\n/g, '\n')).toContain('queries/people.sql:5:1 - error: query ListPeople');
      expect(plain.output.replace(/\r\n/g, '\n')).toContain('  5 | SELECT id, name FROM people ORDER BY name;\n    | ^^^^^^');
      // NO_COLOR wins over FORCE_COLOR.
      expect((await checkWith({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).output).not.toContain(ESC);
    });
  });
});
