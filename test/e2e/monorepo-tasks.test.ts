/**
 * README "Monorepos": the Turborepo and Nx task declarations for `prepare` and `check` name every
 * file the commands depend on. Both snippets are read from the README (they must agree), then
 * `prepare` (embedded database, from the inputs alone, then again incrementally) and `check` run
 * on a copy of the example project under a preload that records every file the process reads or
 * writes (test/support/trace-fs.mjs). Inside the project, every file read must match the task's
 * inputs (for `prepare`, also its outputs: it reads what it wrote last to stay incremental) and
 * every file written its outputs. Outside it, only sqlsure's own installation (covered by its
 * version being an input), the machine-local caches the README names and system files may be
 * touched. And prepare from the inputs alone reproduces the committed outputs byte for byte.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, copyFixture, REPO_ROOT, removeProject, runCli, snapshotTree } from '../support/project-dir.js';
import { markedJson } from '../support/readme.js';

interface Task {
  inputs: string[];
  outputs: string[];
}

const turbo = markedJson<{ tasks: Record<string, Task> }>('monorepo:turbo.json');
const nx = markedJson<{ targetDefaults: Record<string, { cache?: boolean; inputs: Array<string | object>; outputs: string[] }> }>('monorepo:nx.json');

/** Nx's `{projectRoot}/x/**\/*` and bare output folders, as the project-relative globs Turborepo uses. */
function fromNx(glob: string, kind: 'input' | 'output'): string {
  const rel = glob.replace(/^\{projectRoot\}\//, '');
  if (kind === 'output' && !/[*.]/.test(path.basename(rel))) return `${rel}/**`;
  return rel.replace(/\/\*\*\/\*$/, '/**');
}

function declared(task: string): Task {
  const t = turbo.tasks[task];
  const n = nx.targetDefaults[task];
  if (!t || !n) throw new Error(`README declares no ${task} task for both Turborepo and Nx`);
  const nxInputs = n.inputs.filter((i): i is string => typeof i === 'string').map((g) => fromNx(g, 'input'));
  expect(nxInputs.sort(), `${task}: Nx inputs = Turborepo inputs`).toEqual([...t.inputs].sort());
  expect(n.outputs.map((g) => fromNx(g, 'output')).sort(), `${task}: Nx outputs = Turborepo outputs`).toEqual([...t.outputs].sort());
  // sqlsure's own version is an input (Turborepo takes it from the lockfile by itself).
  expect(n.inputs, `${task}: Nx hashes the sqlsure version`).toContainEqual({ externalDependencies: ['sqlsure'] });
  expect(n.cache, `${task}: cached in Nx`).toBe(true);
  return t;
}

/** Each test starts the embedded PostgreSQL in a spawned CLI: minutes on a loaded 2-core machine. */
const SLOW = 300_000;
const TRACE_PRELOAD = path.join(REPO_ROOT, 'test/support/trace-fs.mjs');
let dir: string;
let machineCache: string;

async function traced(args: string[]): Promise<{ code: number; stderr: string; reads: string[]; writes: string[] }> {
  const traceFile = path.join(machineCache, `trace-${Math.random().toString(36).slice(2)}.tsv`);
  const run = await runCli(args, {
    cwd: dir,
    nodeArgs: ['--import', TRACE_PRELOAD],
    env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: path.join(machineCache, 'project'), SQLSURE_TRACE_FS: traceFile },
  });
  const lines = (await readFile(traceFile, 'utf8')).split('\n').filter(Boolean);
  await rm(traceFile);
  const of = (op: string) => lines.filter((l) => l.startsWith(`${op}\t`)).map((l) => path.resolve(dir, l.slice(op.length + 1)));
  // A file this run wrote and then renamed into place (`x.ts.<pid>.<n>.tmp`) no longer exists when
  // the task ends: only its destination is a result. Moving away a file the run did not write is a write.
  const written = of('write');
  const moved = new Set(of('moved'));
  const writes = [...written.filter((f) => !moved.has(f)), ...[...moved].filter((f) => !written.includes(f))];
  return { code: run.code, stderr: run.stderr, reads: of('read'), writes };
}

/** Files outside the project the commands may touch: sqlsure itself, the machine-local caches, the system. */
function outside(file: string, op: 'read' | 'write'): boolean {
  const under = (root: string) => file === root || file.startsWith(root + path.sep);
  if (under(machineCache) || under(process.env.SQLSURE_USER_CACHE_DIR!)) return true;
  if (op === 'read' && (under(REPO_ROOT) || /^\/(dev|proc|sys|etc)\//.test(file))) return true;
  return false;
}

/** Whether a project-relative path is in a task's globs (`!glob` excludes, as in Turborepo and Nx). */
function matches(rel: string, globs: string[]): boolean {
  const posix = rel.split(path.sep).join('/');
  const hit = (g: string) => path.matchesGlob(posix, g);
  return globs.some((g) => !g.startsWith('!') && hit(g)) && !globs.some((g) => g.startsWith('!') && hit(g.slice(1)));
}

function relativeInProject(file: string): string | undefined {
  const rel = path.relative(dir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
}

/** Project files none of the glob sets cover, and files outside the project that are not allowed. */
function uncovered(files: string[], globSets: string[][], op: 'read' | 'write'): string[] {
  const bad = new Set<string>();
  for (const file of files) {
    const rel = relativeInProject(file);
    // Installed packages (sqlsure and what it loads) are covered by sqlsure's version being an input.
    if (rel !== undefined && op === 'read' && rel.split(path.sep)[0] === 'node_modules') continue;
    if (rel !== undefined ? !globSets.some((globs) => matches(rel, globs)) : !outside(file, op)) bad.add(rel ?? file);
  }
  return [...bad].sort();
}

/** Files prepare wrote that its own inputs cover: a task cache would never hit twice. */
function writtenInputs(writes: string[], inputs: string[]): string[] {
  return [...new Set(writes.map(relativeInProject).filter((rel): rel is string => rel !== undefined && matches(rel, inputs)))].sort();
}

beforeAll(async () => {
  dir = await copyExample();
  machineCache = await mkdtemp(path.join(tmpdir(), 'sqlsure-machine-cache-'));
});
afterAll(async () => {
  await removeProject(dir);
  await rm(machineCache, { recursive: true, force: true });
});

describe('README monorepo task declarations', () => {
  it('prepare, from the inputs alone: reads only its inputs (and what it just wrote), writes only its outputs, and reproduces the committed outputs', async () => {
    const task = declared('sqlsure:prepare');
    const committed = { cache: await snapshotTree(path.join(dir, 'offline-cache')), generated: await snapshotTree(path.join(dir, 'generated')) };
    // A cache miss on a machine that never prepared: no outputs, no machine-local memory.
    await rm(path.join(dir, 'offline-cache'), { recursive: true });
    await rm(path.join(dir, 'generated'), { recursive: true });
    const run = await traced(['prepare']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.reads.some((f) => f.endsWith(path.join('queries', 'users.sql'))), 'the trace saw the query files').toBe(true);
    // It reads back the modules it wrote (to remember their digests); with no outputs before the
    // run, those are the only output files it can read.
    expect(uncovered(run.reads, [task.inputs, task.outputs], 'read'), 'read, but neither an input nor an output').toEqual([]);
    expect(uncovered(run.writes, [task.outputs], 'write'), 'written, but not an output').toEqual([]);
    expect(writtenInputs(run.writes, task.inputs), 'written, and an input').toEqual([]);
    expect(await snapshotTree(path.join(dir, 'offline-cache'))).toEqual(committed.cache);
    expect(await snapshotTree(path.join(dir, 'generated'))).toEqual(committed.generated);
  }, SLOW);

  it('prepare again, incrementally: reads its inputs and its own previous outputs, writes only outputs', async () => {
    const task = declared('sqlsure:prepare');
    const run = await traced(['prepare']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/no changes/);
    expect(uncovered(run.reads, [task.inputs, task.outputs], 'read'), 'read, but neither an input nor an output').toEqual([]);
    expect(uncovered(run.writes, [task.outputs], 'write'), 'written, but not an output').toEqual([]);
  }, SLOW);

  it('check: reads only its inputs and writes nothing in the project', async () => {
    const task = declared('sqlsure:check');
    expect(task.outputs).toEqual([]);
    const run = await traced(['check']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.reads.some((f) => f.includes(`${path.sep}offline-cache${path.sep}`)), 'the trace saw the cache').toBe(true);
    expect(uncovered(run.reads, [task.inputs], 'read'), 'read, but not an input').toEqual([]);
    expect(uncovered(run.writes, [], 'write'), 'written in the project').toEqual([]);
  }, SLOW);
});

describe('README monorepo task declarations, with "sources" (test/fixtures/pgtyped-ts-app)', () => {
  const tasks = markedJson<{ tasks: Record<string, Task> }>('monorepo:turbo.json with sources').tasks;
  let fixture: string;
  beforeAll(async () => {
    fixture = await copyFixture('pgtyped-ts-app');
  }, SLOW);
  afterAll(async () => {
    await removeProject(fixture);
  });

  it('prepare reads only its inputs (and what it wrote), writes only outputs, none of them an input; check reads only its inputs', async () => {
    const config = JSON.parse(await readFile(path.join(fixture, 'sqlsure.config.json'), 'utf8')) as { sources: string[]; generated: string; queries: string };
    const prepare = tasks['sqlsure:prepare']!;
    const check = tasks['sqlsure:check']!;
    // The snippet is this fixture's: its folders and its source globs.
    for (const glob of config.sources) expect(prepare.inputs).toContain(glob);
    expect(prepare.outputs).toContain(`${config.generated}/**`);
    expect(prepare.inputs).toContain(`${config.queries}/**`);

    dir = fixture;
    const run = await traced(['prepare']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.writes.some((f) => f.endsWith('.types.ts')), 'the trace saw a .types.ts written').toBe(true);
    expect(run.reads.some((f) => f.endsWith(path.join('src', 'users.ts'))), 'the trace saw a source read').toBe(true);
    expect(uncovered(run.reads, [prepare.inputs, prepare.outputs], 'read'), 'read, but neither an input nor an output').toEqual([]);
    expect(uncovered(run.writes, [prepare.outputs], 'write'), 'written, but not an output').toEqual([]);
    expect(writtenInputs(run.writes, prepare.inputs), 'written, and an input').toEqual([]);

    const checked = await traced(['check']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(uncovered(checked.reads, [check.inputs], 'read'), 'read, but not an input').toEqual([]);
    expect(uncovered(checked.writes, [], 'write'), 'written in the project').toEqual([]);
  }, SLOW);
});
