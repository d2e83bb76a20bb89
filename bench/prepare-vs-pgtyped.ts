/**
 * sqlsure against pgtyped on the same workloads and the same PostgreSQL, in one session:
 * a 30-table schema and N = 200, 500, 2000 queries over many files (bench/fixtures/generate-workload.ts),
 * written once per syntax. Prints, per N, the wall time (median) and peak RSS of a full `sqlsure
 * prepare` and of `pgtyped`, and their ratio; then, for the largest N, the incremental paths
 * (nothing changed, one query touched), `check`, the embedded database cold and warm, and the
 * cost of a generated call against the raw `pool.query` it wraps.
 *
 *   npm run build && npx tsx bench/prepare-vs-pgtyped.ts [--sizes 200,500,2000] [--runs 3] [--pgtyped-runs 3]
 *
 * pgtyped lives in bench/pgtyped/ (installed on first use with `npm ci`): it asks for
 * TypeScript ≤ 5, sqlsure builds with 6. The server is $BENCH_DATABASE_URL, else
 * $TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; each N gets a database of
 * its own, dropped at the end.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeWorkload } from './fixtures/generate-workload.js';
import { measure, median, printTable, type Measurement } from './support/measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const PGTYPED_DIR = path.join(ROOT, 'bench/pgtyped');
const PGTYPED = path.join(PGTYPED_DIR, 'node_modules/.bin/pgtyped');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200,500,2000' },
    runs: { type: 'string', default: '3' },
    'pgtyped-runs': { type: 'string', default: '3' },
  },
});
const sizes = args.sizes!.split(',').map(Number);
const runs = Number(args.runs);
const pgtypedRuns = Number(args['pgtyped-runs']);

interface Project {
  dir: string;
  url: string;
  dbName: string;
  files: number;
  queries: number;
  localCache: string;
}

async function createProject(n: number): Promise<Project> {
  const dir = await mkdtemp(path.join(tmpdir(), `sqlsure-bench-${n}-`));
  // Generated modules import `sqlsure/runtime`; the overhead measurement imports them.
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(ROOT, path.join(dir, 'node_modules/sqlsure'), 'dir');
  const { files, queries } = await writeWorkload(dir, n);
  const dbName = `sqlsure_bench_${n}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const f of (await readdir(path.join(dir, 'migrations'))).sort()) await client.query(await readFile(path.join(dir, 'migrations', f), 'utf8'));
  } finally {
    await client.end();
  }
  return { dir, url: url.toString(), dbName, files, queries, localCache: path.join(dir, 'node_modules/.cache/sqlsure') };
}

async function dropProject(p: Project): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${p.dbName} WITH (FORCE)`);
  await rm(p.dir, { recursive: true, force: true });
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs the CLI, failing loudly unless it succeeded and (if given) said `expect`. */
async function sqlsure(p: Project, args: string[], expect?: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  const m = await measure(process.execPath, [CLI, ...args], { cwd: p.dir, env: { DATABASE_URL: p.url, ...env } });
  if (m.code !== 0 || (expect && !expect.test(m.stderr))) throw new Error(`sqlsure ${args.join(' ')} failed (exit ${m.code}):\n${m.stderr}`);
  return m;
}

async function clearOutputs(p: Project): Promise<void> {
  for (const d of ['offline-cache', 'generated', 'node_modules/.cache']) await rm(path.join(p.dir, d), { recursive: true, force: true });
}

interface Summary {
  s: number;
  rss: number;
}

function summarize(ms: Measurement[]): Summary {
  return { s: median(ms.map((m) => m.wallMs)) / 1000, rss: Math.max(...ms.map((m) => m.peakRssMb)) };
}

/** A first `prepare`: no cache, no remembered state, every query parsed and described. */
async function fullPrepare(p: Project): Promise<Summary> {
  const ms: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    await clearOutputs(p);
    ms.push(await sqlsure(p, ['prepare'], new RegExp(`prepared ${p.queries} of ${p.queries} queries in \\d+ ms: ${p.queries} described`)));
  }
  return summarize(ms);
}

async function pgtyped(p: Project): Promise<Summary & { saved: number }> {
  const url = new URL(p.url);
  const config = {
    transforms: [{ mode: 'sql', include: '**/*.sql', emitTemplate: '{{dir}}/{{name}}.queries.ts' }],
    srcDir: './pgtyped',
    failOnError: false,
    db: { dbName: p.dbName, user: decodeURIComponent(url.username) || 'postgres', password: decodeURIComponent(url.password), host: url.hostname, port: Number(url.port || 5432) },
  };
  await writeFile(path.join(p.dir, 'pgtyped.json'), JSON.stringify(config, null, 2));
  const ms: Measurement[] = [];
  let saved = 0;
  for (let i = 0; i < pgtypedRuns; i++) {
    for (const f of await readdir(path.join(p.dir, 'pgtyped'), { recursive: true })) {
      if (f.endsWith('.queries.ts')) await rm(path.join(p.dir, 'pgtyped', f));
    }
    const m = await measure(PGTYPED, ['-c', 'pgtyped.json'], { cwd: p.dir, stdout: true });
    saved = [...m.stdout.matchAll(/Saved (\d+) query types/g)].reduce((sum, x) => sum + Number(x[1]), 0);
    if (m.code !== 0 || saved !== p.queries) throw new Error(`pgtyped typed ${saved} of ${p.queries} queries (exit ${m.code}):\n${m.stdout.slice(-2000)}\n${m.stderr.slice(-2000)}`);
    ms.push(m);
  }
  return { ...summarize(ms), saved };
}

/** The incremental paths, check and the embedded database, on one project. */
async function incremental(p: Project): Promise<Array<[string, Summary, string]>> {
  const rows: Array<[string, Summary, string]> = [];
  const repeat = async (fn: (i: number) => Promise<Measurement>) => {
    const ms: Measurement[] = [];
    for (let i = 0; i < runs; i++) ms.push(await fn(i));
    return summarize(ms);
  };
  await clearOutputs(p);
  await sqlsure(p, ['prepare']);
  const all = p.queries;
  rows.push(['prepare, nothing changed (server)', await repeat(() => sqlsure(p, ['prepare'], new RegExp(`: 0 described, ${all} unchanged \\(no changes\\)`))), 'one catalog query, no Parse']);

  // Touch one query: edit its SQL (alternately on and off), so each run describes exactly one.
  const file = path.join(p.dir, 'queries', (await readdir(path.join(p.dir, 'queries'))).sort()[0]!, 'q000.sql');
  const original = await readFile(file, 'utf8');
  const touched = original.replace('SELECT ', 'SELECT  '); // the SQL text of one query changes
  rows.push([
    'prepare, one query touched (server)',
    await repeat(async (i) => {
      await writeFile(file, i % 2 === 0 ? touched : original);
      return sqlsure(p, ['prepare'], new RegExp(`: 1 described, ${all - 1} unchanged`));
    }),
    '1 Parse',
  ]);
  await writeFile(file, original);
  await sqlsure(p, ['prepare']);
  rows.push(['prepare --force (server)', await repeat(() => sqlsure(p, ['prepare', '--force'], new RegExp(`: ${all} described, 0 unchanged`))), 'parses remembered']);
  rows.push(['check', await repeat(() => sqlsure(p, ['check'], /check passed/)), 'no database, no driver']);
  rows.push([
    'check, fresh clone',
    await repeat(async () => {
      await rm(p.localCache, { recursive: true, force: true });
      return sqlsure(p, ['check'], /check passed/);
    }),
    'no remembered parses',
  ]);
  await sqlsure(p, ['prepare']);

  // The machine's base snapshot (shared by projects) lives in a folder of the bench's own, emptied
  // for the cold row: cold means initdb too.
  const userCache = path.join(p.dir, 'user-cache');
  const embedded = { DATABASE_URL: '', SQLSURE_USER_CACHE_DIR: userCache };
  rows.push([
    'embedded prepare, cold',
    await repeat(async () => {
      await clearOutputs(p);
      await rm(userCache, { recursive: true, force: true });
      return sqlsure(p, ['prepare'], /initdb \+ 3 migrations applied, snapshot saved/, embedded);
    }),
    'initdb + migrations + snapshot',
  ]);
  rows.push(['embedded prepare, warm (--force)', await repeat(() => sqlsure(p, ['prepare', '--force'], /started from the snapshot/, embedded)), 'PGlite from the snapshot']);
  rows.push(['embedded prepare, nothing changed', await repeat(() => sqlsure(p, ['prepare'], /nothing to describe/, embedded)), 'PGlite not started']);
  rows.push(['(floor) sqlsure --version', await repeat(() => sqlsure(p, ['--version'])), 'node + CLI start-up']);
  rows.push(['(floor) create the output files', await repeat(() => createFiles(p)), `${all} entries + modules, temp + rename`]);
  await sqlsure(p, ['prepare']);
  return rows;
}

/** What a first prepare cannot avoid: creating every cache entry and module file, atomically. */
async function createFiles(p: Project): Promise<Measurement> {
  const sources: string[] = [];
  for (const dir of ['offline-cache', 'generated']) {
    for (const f of await readdir(path.join(p.dir, dir), { recursive: true })) {
      if (f.endsWith('.json') || f.endsWith('.ts')) sources.push(path.join(p.dir, dir, f));
    }
  }
  const contents = await Promise.all(sources.map((f) => readFile(f, 'utf8')));
  const target = path.join(p.dir, 'floor');
  await rm(target, { recursive: true, force: true });
  mkdirSync(target);
  const started = performance.now();
  contents.forEach((text, i) => {
    writeFileSync(path.join(target, `${i}.tmp`), text);
    renameSync(path.join(target, `${i}.tmp`), path.join(target, `${i}.out`));
  });
  const wallMs = performance.now() - started;
  await rm(target, { recursive: true, force: true });
  return { wallMs, peakRssMb: NaN, code: 0, stderr: '', stdout: '' };
}

/** 10k calls of a generated :maybe function against the same `pool.query` written by hand. */
async function runtimeOverhead(p: Project): Promise<Array<Array<string | number>>> {
  await clearOutputs(p);
  await sqlsure(p, ['prepare']);
  const cacheDir = path.join(p.dir, 'offline-cache');
  let entry: { name: string; statement: string; source: string } | undefined;
  for (const f of await readdir(cacheDir)) {
    if (!f.startsWith('query-')) continue;
    const e = JSON.parse(await readFile(path.join(cacheDir, f), 'utf8')) as { name: string; statement: string; source: string };
    if (e.name === 'GetOrganizations0') entry = e;
  }
  if (!entry) throw new Error('GetOrganizations0 is not in the cache');
  const modulePath = path.join(p.dir, entry.source.replace(/:\d+$/, '').replace(/^queries\//, 'generated/').replace(/\.sql$/, '.ts'));
  const generated = (await import(pathToFileURL(modulePath).href)) as Record<string, (db: unknown, params: { id: string }) => Promise<unknown>>;
  const call = generated.getOrganizations0!;
  const pool = new pg.Pool({ connectionString: p.url, max: 1 });
  try {
    const { rows } = await pool.query<{ id: string }>("INSERT INTO organizations (name) VALUES ('Acme') RETURNING id");
    const id = rows[0]!.id;
    const raw = async () => (await pool.query(entry!.statement, [id])).rows[0] ?? null;
    const viaGenerated = () => call(pool, { id });
    for (let i = 0; i < 2000; i++) await (i % 2 ? raw() : viaGenerated()); // warm-up
    // Interleaved batches, so drift in the server or the machine hits both sides alike.
    const batches = 20;
    const perBatch = 500;
    const rawTimes: number[] = [];
    const genTimes: number[] = [];
    for (let b = 0; b < batches; b++) {
      for (const [fn, out] of b % 2 ? ([[raw, rawTimes], [viaGenerated, genTimes]] as const) : ([[viaGenerated, genTimes], [raw, rawTimes]] as const)) {
        const t = performance.now();
        for (let i = 0; i < perBatch; i++) await fn();
        out.push(((performance.now() - t) * 1000) / perBatch);
      }
    }
    const rawUs = median(rawTimes);
    const genUs = median(genTimes);
    return [
      ['raw pool.query(text, values)', batches * perBatch, rawUs, '—'],
      ['generated getOrganizations0(pool, { id })', batches * perBatch, genUs, `${(((genUs - rawUs) / rawUs) * 100).toFixed(1)} %`],
    ];
  } finally {
    await pool.end();
  }
}

async function ensurePgtyped(): Promise<void> {
  if (existsSync(PGTYPED)) return;
  console.error('installing pgtyped into bench/pgtyped (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PGTYPED_DIR, stdio: 'inherit' });
}

if (!existsSync(CLI)) throw new Error('run `npm run build` first');
await ensurePgtyped();
const main: Array<Array<string | number>> = [];
let details: Array<[string, Summary, string]> = [];
let overhead: Array<Array<string | number>> = [];
for (const n of sizes) {
  const p = await createProject(n);
  try {
    console.error(`N = ${n}: sqlsure…`);
    const s = await fullPrepare(p);
    console.error(`N = ${n}: pgtyped…`);
    const t = await pgtyped(p);
    main.push([n, p.files, s.s, s.rss, t.s, t.rss, `${(t.s / s.s).toFixed(0)}×`]);
    if (n === Math.max(...sizes)) {
      console.error(`N = ${n}: incremental, check, embedded…`);
      details = await incremental(p);
    }
    if (n === Math.min(...sizes)) {
      console.error(`N = ${n}: runtime overhead…`);
      overhead = await runtimeOverhead(p);
    }
  } finally {
    await dropProject(p);
  }
}

console.log(`\nfull prepare vs pgtyped, median of ${runs} (sqlsure) / ${pgtypedRuns} (pgtyped) runs, PostgreSQL at ${new URL(ADMIN_URL).host}\n`);
printTable(['queries', 'files', 'sqlsure s', 'sqlsure RSS MB', 'pgtyped s', 'pgtyped RSS MB', 'pgtyped / sqlsure'], main);
console.log(`\nN = ${Math.max(...sizes)}: incremental runs, check, embedded database (median of ${runs})\n`);
printTable(['run', 'wall s', 'peak RSS MB', 'note'], details.map(([label, s, note]) => [label, s.s, s.rss, note]));
console.log('\nruntime: a generated call against the raw pool.query it wraps (median per-call µs over interleaved batches)\n');
printTable(['call', 'calls', 'µs per call', 'overhead'], overhead);
