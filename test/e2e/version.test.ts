/**
 * `sqlsure --version` is sqlsure's own version wherever it is installed. yargs' own guess reads
 * the package.json above the node_modules that holds yargs, i.e. the user's app when installed.
 */
import { cp, mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { makeProject, removeProject, REPO_ROOT, type CliRun } from '../support/project-dir.js';

/** An app with sqlsure and yargs installed as real folders (as npm would), the rest linked. */
async function appWithSqlsureInstalled(): Promise<string> {
  const app = await makeProject({ 'package.json': JSON.stringify({ name: 'some-app', version: '9.8.7' }) });
  const modules = path.join(app, 'node_modules');
  await mkdir(path.join(modules, 'sqlsure'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'package.json'), path.join(modules, 'sqlsure/package.json'));
  await cp(path.join(REPO_ROOT, 'dist'), path.join(modules, 'sqlsure/dist'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'node_modules/yargs'), path.join(modules, 'yargs'), { recursive: true });
  for (const name of await readdir(path.join(REPO_ROOT, 'node_modules'))) {
    if (name === 'sqlsure' || name === 'yargs' || name === '.bin') continue;
    await symlink(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name));
  }
  return app;
}

function run(cwd: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(cwd, 'node_modules/sqlsure/dist/cli/main.js'), ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

it('prints its own version when installed in another project', async () => {
  const own = (JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  expect(own).not.toBe('9.8.7');
  const app = await appWithSqlsureInstalled();
  try {
    const result = await run(app, ['--version']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(own);
    expect(result.code).toBe(0);
  } finally {
    await removeProject(app);
  }
});
