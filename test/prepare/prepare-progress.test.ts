/**
 * prepare's progress: a status line rewritten in place on an interactive stderr, and nothing
 * animated anywhere else (a pipe, `CI` set, `--quiet`). Runs the real CLI, under a real
 * pseudo-terminal (`script`) where a TTY is needed.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLineFor } from '../../src/cli/status-line.js';
import { progressText } from '../../src/prepare/prepare-progress.js';
import { CLI, makeProject, removeProject, runCli } from '../support/project-dir.js';

/** A stand-in terminal stream: records what is written. */
function stream(isTTY: boolean, columns = 80): NodeJS.WriteStream & { out: string } {
  const s = { isTTY, columns, out: '', write: (chunk: string) => ((s.out += chunk), true) };
  return s as unknown as NodeJS.WriteStream & { out: string };
}

describe('status line', () => {
  it('rewrites one line in place on a terminal and erases it when done', () => {
    const s = stream(true);
    const line = statusLineFor(s, {});
    line.show(progressText({ phase: 'migrate', done: 37, total: 168 }));
    line.show(progressText({ phase: 'describe', queries: 189 }));
    line.clear();
    expect(s.out).toBe('\r\x1b[2Kembedded PostgreSQL: applying migrations 37/168…\r\x1b[2Kdescribing 189 queries…\r\x1b[2K');
  });

  it('never writes a line wider than the terminal (it would wrap and no longer be rewritten)', () => {
    const s = stream(true, 30);
    statusLineFor(s, {}).show(progressText({ phase: 'migrate', done: 1, total: 2 }));
    expect(s.out).toBe('\r\x1b[2Kembedded PostgreSQL: applyin…');
  });

  it.each([
    ['not a terminal', stream(false), {}, false],
    ['CI set', stream(true), { CI: 'true' }, false],
    ['CI set to nothing', stream(true), { CI: '' }, false],
    ['a dumb terminal', stream(true), { TERM: 'dumb' }, false],
    ['--quiet', stream(true), {}, true],
  ] as const)('writes nothing at all when %s', (_, s, env, quiet) => {
    const line = statusLineFor(s, env, quiet);
    line.show('initdb');
    line.clear();
    expect(line.enabled).toBe(false);
    expect(s.out).toBe('');
  });

  it('CI=false is not CI', () => {
    expect(statusLineFor(stream(true), { CI: 'false' }).enabled).toBe(true);
  });
});

describe('prepare output on a pipe, in CI, on a terminal and with --quiet', () => {
  let project: string;
  let env: NodeJS.ProcessEnv;
  let migration = 1;
  /** A new migration each time, so every run starts PGlite and applies one. */
  const addMigration = () => writeFile(path.join(project, 'migrations', `${++migration}_idx.sql`), `CREATE INDEX items_${migration} ON items (name);\n`);

  beforeAll(async () => {
    project = await makeProject({
      'migrations/1_items.sql': 'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);\n',
      'queries/items.sql': '-- name: ItemNames :many\nSELECT name FROM items;\n',
    });
    env = { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: path.join(project, '.cache'), CI: undefined };
    const first = await runCli(['prepare'], { cwd: project, env });
    expect(first.code).toBe(0);
  }, 180_000);
  afterAll(() => removeProject(project));

  it('on a pipe: the report lines and nothing else, no control characters', async () => {
    await addMigration();
    const r = await runCli(['prepare'], { cwd: project, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^embedded PostgreSQL \(PGlite\): applied 1 new migration on top of the snapshot of \d+, snapshot saved\nthe migrations changed since the last prepare: describing every query\nprepared 1 of 1 query in \d+ ms: 1 described, 0 unchanged \([^\n]*\)\n$/,
    );
  });

  it('on a terminal: the status line shows the phases, then the same report', async () => {
    await addMigration();
    const r = await runInTerminal(['prepare'], project, env);
    expect(r.code).toBe(0);
    expect(r.output).toContain('\r\x1b[2Kembedded PostgreSQL: applying migrations 1/1…');
    expect(r.output).toContain('\r\x1b[2Kdescribing 1 query…');
    expect(r.output).toMatch(/\r\x1b\[2Kembedded PostgreSQL \(PGlite\): applied 1 new migration on top of the snapshot of \d+, snapshot saved\r\n/);
  });

  it('on a terminal with CI set: exactly what a pipe gets', async () => {
    await addMigration();
    const r = await runInTerminal(['prepare'], project, { ...env, CI: '1' });
    expect(r.code).toBe(0);
    expect(r.output).not.toContain('\x1b');
    expect(r.output.replace(/\r\n/g, '\n')).toMatch(
      /^embedded PostgreSQL \(PGlite\): applied 1 new migration on top of the snapshot of \d+, snapshot saved\nthe migrations changed since the last prepare: describing every query\nprepared 1 of 1 query in \d+ ms: 1 described, 0 unchanged \([^\n]*\)\n$/,
    );
  });

  it('--quiet on a terminal: nothing at all when all is well', async () => {
    await addMigration();
    const r = await runInTerminal(['prepare', '--quiet'], project, env);
    expect(r.code).toBe(0);
    expect(r.output).toBe('');
  });

  it('--quiet: only the problems and the line that sums them up', async () => {
    await writeFile(path.join(project, 'queries', 'bad.sql'), '-- name: Bad :many\nSELECT nme FROM items;\n');
    try {
      const r = await runCli(['prepare', '--quiet'], { cwd: project, env });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^queries\/bad\.sql:2:8: error \[42703\]: Bad: column "nme" does not exist\n {2}hint: Perhaps you meant to reference the column "items\.name"\.\nprepared 1 of 2 queries, 1 error in \d+ ms: \d+ described, \d+ unchanged \([^\n]*\)\n$/,
      );
    } finally {
      await writeFile(path.join(project, 'queries', 'bad.sql'), '');
    }
  });
});

/** The CLI with stdout and stderr on a pseudo-terminal (util-linux `script`); returns what the terminal got. */
function runInTerminal(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete full[k];
  delete full.FORCE_COLOR;
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}
