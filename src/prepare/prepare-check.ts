/**
 * `sqlsure prepare --check`: everything `prepare --force` would do, but into a scratch mirror of
 * the project, then a comparison with the committed cache and modules. The project is never
 * written: not the cache, not the modules, not the local state (its own temp folder).
 *
 * The mirror links every file and folder of the project except node_modules, and copies the
 * cache and generated folders (and makes real folders of their parents, so that no write can go
 * through a link into the project).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../config/config.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import { prepare, type PrepareOptions } from './prepare.js';

export interface PrepareCheckResult {
  root: string;
  queries: number;
  /** Queries that no longer prepare, then every difference from the committed files. */
  problems: ReportedProblem[];
}

export async function prepareCheck(options: PrepareOptions = {}): Promise<PrepareCheckResult> {
  const config = await resolveConfig(options);
  const root = config.root;
  const scratch = await mkdtemp(path.join(tmpdir(), 'sqlsure-prepare-check-'));
  const mirrorRoot = path.join(scratch, 'project');
  const localState = path.join(scratch, 'local-state');
  const savedCacheDir = process.env.SQLSURE_CACHE_DIR;
  try {
    await mirror(root, mirrorRoot, [config.cache, config.generated].map((p) => p.split('/')));
    process.env.SQLSURE_CACHE_DIR = localState;
    const migrations = path.resolve(root, config.migrations);
    const r = await prepare({
      ...options,
      root: mirrorRoot,
      ...(options.config !== undefined ? { config: path.resolve(options.config) } : {}),
      // A migrations folder outside the project stays where it is.
      ...(config.migrations.startsWith('../') ? { migrations: path.relative(mirrorRoot, migrations).split(path.sep).join('/') } : {}),
      force: true,
    });
    const problems: ReportedProblem[] = [...r.problems];
    problems.push(...(await compareCache(path.join(root, config.cache), path.join(mirrorRoot, config.cache), config.cache)));
    problems.push(...(await compareTree(path.join(root, config.generated), path.join(mirrorRoot, config.generated), config.generated)));
    return { root, queries: r.queries, problems };
  } finally {
    if (savedCacheDir === undefined) delete process.env.SQLSURE_CACHE_DIR;
    else process.env.SQLSURE_CACHE_DIR = savedCacheDir;
    await rm(scratch, { recursive: true, force: true });
  }
}

async function mirror(from: string, to: string, writable: string[][]): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const inside = writable.filter((w) => w[0] === name);
    if (!inside.length) await symlink(path.join(from, name), path.join(to, name));
    else if (inside.some((w) => w.length === 1)) await cp(path.join(from, name), path.join(to, name), { recursive: true });
    else await mirror(path.join(from, name), path.join(to, name), inside.map((w) => w.slice(1)));
  }
}

interface CacheEntry {
  name?: string;
  source?: string;
  params?: Array<{ name: string; pgType: string; nullable?: boolean }>;
  columns?: Array<{ name: string; pgType: string; nullable: boolean }>;
}

async function readJsonFiles(dir: string): Promise<Map<string, { text: string; entry: CacheEntry }>> {
  const out = new Map<string, { text: string; entry: CacheEntry }>();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    let entry: CacheEntry = {};
    try {
      entry = JSON.parse(text) as CacheEntry;
    } catch {
      // A damaged committed entry: compared as bytes, reported as different.
    }
    out.set(name, { text, entry });
  }
  return out;
}

/** A query is the same query when its file and name are (its hash also covers the SQL text). */
const queryKey = (e: CacheEntry) => (e.name ? `${(e.source ?? '').replace(/:\d+$/, '')}#${e.name}` : undefined);

async function compareCache(committedDir: string, freshDir: string, folder: string): Promise<ReportedProblem[]> {
  const [committed, fresh] = await Promise.all([readJsonFiles(committedDir), readJsonFiles(freshDir)]);
  const problems: ReportedProblem[] = [];
  const committedByQuery = new Map<string, string>();
  for (const [file, { entry }] of committed) {
    const key = queryKey(entry);
    if (key) committedByQuery.set(key, file);
  }
  const paired = new Set<string>();
  for (const [file, now] of fresh) {
    const key = queryKey(now.entry);
    const oldFile = committed.has(file) ? file : key ? committedByQuery.get(key) : undefined;
    const where = now.entry.source ? { file: now.entry.source.replace(/:\d+$/, ''), position: { line: Number(/:(\d+)$/.exec(now.entry.source)?.[1] ?? 1), column: 1 } } : { file: `${folder}/${file}` };
    const query = now.entry.name ? { query: now.entry.name } : {};
    if (oldFile === undefined) {
      problems.push({ ...where, ...query, message: now.entry.name ? `${now.entry.name}: no entry in the committed cache` : `${folder}/${file} is missing from the committed cache`, hint: 'run `sqlsure prepare` and commit the result' });
      continue;
    }
    paired.add(oldFile);
    const old = committed.get(oldFile)!;
    if (old.text === now.text) continue;
    const changes = entryChanges(old.entry, now.entry);
    const label = now.entry.name ?? `${folder}/${file}`;
    if (!changes.length) changes.push(`${folder}/${oldFile} differs from what prepare writes`);
    for (const change of changes) problems.push({ ...where, ...query, message: `${label}: ${change}` });
  }
  for (const [file, { entry }] of committed) {
    if (paired.has(file) || fresh.has(file)) continue;
    problems.push({ file: `${folder}/${file}`, message: `orphaned cache entry${entry.name ? ` for ${entry.name}` : ''}: no query produces it any more`, hint: 'run `sqlsure prepare` and commit the result' });
  }
  return problems;
}

function entryChanges(old: CacheEntry, now: CacheEntry): string[] {
  const out: string[] = [];
  const yesNo = (b: boolean | undefined) => (b ? 'yes' : 'no');
  const compare = (what: string, a: Array<{ name: string; pgType: string; nullable?: boolean }> = [], b: typeof a = []) => {
    const before = new Map(a.map((x) => [x.name, x]));
    const after = new Map(b.map((x) => [x.name, x]));
    for (const [name, x] of after) {
      const y = before.get(name);
      if (!y) {
        out.push(`new ${what} "${name}" (${x.pgType})`);
        continue;
      }
      if (y.pgType !== x.pgType) out.push(`${what} "${name}" type ${y.pgType} → ${x.pgType}`);
      if (Boolean(y.nullable) !== Boolean(x.nullable)) out.push(`${what} "${name}" nullable: ${yesNo(y.nullable)} → ${yesNo(x.nullable)}`);
    }
    for (const name of before.keys()) if (!after.has(name)) out.push(`${what} "${name}" is gone`);
  };
  compare('column', old.columns, now.columns);
  compare('parameter', old.params, now.params);
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

async function compareTree(committedDir: string, freshDir: string, folder: string): Promise<ReportedProblem[]> {
  const [committed, fresh] = await Promise.all([listFiles(committedDir), listFiles(freshDir)]);
  const problems: ReportedProblem[] = [];
  const hint = 'run `sqlsure prepare` and commit the result';
  for (const file of fresh) {
    if (!committed.includes(file)) problems.push({ file: `${folder}/${file}`, message: `${folder}/${file} is missing (prepare would write it)`, hint });
    else if (!(await readFile(path.join(committedDir, file))).equals(await readFile(path.join(freshDir, file)))) {
      problems.push({ file: `${folder}/${file}`, message: `${folder}/${file} is not what prepare would write against this database`, hint });
    }
  }
  for (const file of committed) if (!fresh.includes(file)) problems.push({ file: `${folder}/${file}`, message: `${folder}/${file} is orphaned (prepare would remove it)`, hint });
  return problems;
}
