/** Throwaway project folders for end-to-end runs of the CLI. */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO_ROOT, 'dist/cli/main.js');

export async function makeProject(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sqlsure-'));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

/** Copies the repo's own example (queries, migrations, cache, generated, config) into a temp folder. */
export async function copyExample(): Promise<string> {
  const dir = await makeProject();
  for (const sub of ['queries', 'migrations', 'offline-cache', 'generated', 'sqlsure.config.json']) {
    await cp(path.join(REPO_ROOT, sub), path.join(dir, sub), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  return dir;
}

/**
 * Copies `test/fixtures/<name>` into a temp folder where `sqlsure/runtime` resolves to this
 * repo's build, so its generated modules can be imported and type-checked.
 */
export async function copyFixture(name: string): Promise<string> {
  const dir = await makeProject();
  await cp(path.join(REPO_ROOT, 'test/fixtures', name), dir, { recursive: true });
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(REPO_ROOT, path.join(dir, 'node_modules', 'sqlsure'), 'dir');
  return dir;
}

/** Runs the repo's TypeScript compiler on a project folder (its tsconfig.json). */
export function runTsc(dir: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function removeProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
    delete env.FORCE_COLOR;
    if (options.env && 'DATABASE_URL' in options.env && options.env.DATABASE_URL === undefined) delete env.DATABASE_URL;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every file under `dir` (relative paths → contents), for byte-for-byte comparisons. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => [])) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else out[child] = await readFile(path.join(dir, child), 'utf8');
    }
  };
  await walk('');
  return out;
}
