/**
 * Start-up is paid by every command: the CLI loads a command's implementation only when that
 * command runs. `--version`, `check`, `generate` and `prepare` written the usual way load no
 * argument-parsing library (yargs' module graph costs about as much as Node's own start-up);
 * `check` loads no driver, no embedded database, no TypeScript, and none of the other commands' code.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePreparedCheckProject } from '../check/check-project.js';
import { REPO_ROOT, runCli, type CliRun } from '../support/project-dir.js';

let scratch = '';
let hooks = '';
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'sqlsure-startup-'));
  hooks = path.join(scratch, 'record.mjs');
  // Appends every module URL Node loads (the hook runs off the main thread) to $SQLSURE_TEST_LOADED.
  const hook = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(process.env.SQLSURE_TEST_LOADED, url + '\\n'); return next(url, context); }`;
  await writeFile(hooks, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));\n`);
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

let runs = 0;
/** Runs the CLI and lists what it loaded: sqlsure's own modules (dist-relative) and packages. */
async function loadedBy(args: string[], cwd = REPO_ROOT): Promise<{ run: CliRun; own: string[]; packages: string[] }> {
  const log = path.join(scratch, `loaded-${++runs}.txt`);
  await writeFile(log, '');
  const run = await runCli(args, { cwd, env: { SQLSURE_TEST_LOADED: log }, nodeArgs: ['--import', hooks] });
  const files = (await readFile(log, 'utf8')).split('\n').filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const dist = path.join(REPO_ROOT, 'dist') + path.sep;
  const own = files.filter((f) => f.startsWith(dist)).map((f) => path.relative(dist, f).split(path.sep).join('/'));
  const packages = [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter((p): p is string => p !== undefined))];
  return { run, own: own.sort(), packages: packages.sort() };
}

const HEAVY_PACKAGES = ['pg', 'pg-protocol', '@electric-sql/pglite', 'libpg-query', 'typescript', '@pgtyped/parser'];
/** yargs and what it brings: --help, --version and the daily commands must not pay for them. */
const ARGUMENT_PARSER = /^(yargs|yargs-parser|cliui|y18n|string-width|strip-ansi|wrap-ansi|escalade|get-caller-file)$/;
const OTHER_COMMANDS = /^(cli\/run-(init|database|verify|lint|watch|prepare-check)\.js|prepare\/|verify\/|init\/|watch\/|lint\/|migrate\/(run|revert|repair)-)/;

describe('what start-up loads', () => {
  it('--version: the entry point and its own flag reader, no argument-parsing library, none of the commands', async () => {
    const { run, own, packages } = await loadedBy(['--version']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(own).toContain('cli/main.js');
    expect(own.filter((f) => !/^cli\/(main|exit-codes|own-version|quick-args|project-command-flags)\.js$|^report\/reporter-names\.js$/.test(f))).toEqual([]);
    expect(packages).toEqual([]);
  });

  it('--help and anything unusual: yargs parses (and explains) it', async () => {
    const { run, packages } = await loadedBy(['check', '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('--queries');
    expect(packages).toContain('yargs');
  });

  describe('check', () => {
    const project = usePreparedCheckProject('startup_imports');

    it('loads no driver, parser, PGlite or TypeScript, nor any other command', async () => {
      const dir = await project.copy();
      // The first check of this build parses the query files (and remembers them); the second parses nothing.
      expect((await runCli(['check'], { cwd: dir })).code).toBe(0);
      const { run, own, packages } = await loadedBy(['check'], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('check passed');
      expect(own).toContain('check/check.js');
      expect(own.filter((f) => OTHER_COMMANDS.test(f))).toEqual([]);
      expect(packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
      expect(packages.filter((p) => ARGUMENT_PARSER.test(p))).toEqual([]);
    });
  });
});
