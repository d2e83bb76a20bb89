/**
 * The embedded daily loop (issue 10), whole process through the installed bin
 * (`node_modules/.bin/sqlsure`, as an npm script runs it), wall time and peak RSS
 * (`/usr/bin/time`), on a generated project of the real-world shape: 168 migrations (≈75 of them
 * `-- no-transaction`) and ≈190 queries. `npx` adds its own start-up (the npx floor row).
 *
 *   npm run build && npx tsx bench/daily-loop.ts [runs=1]
 *
 * Each run uses a new project with an empty project cache and an empty machine cache
 * (SQLSURE_USER_CACHE_DIR); rows are medians over the runs. The watch row is the time from
 * writing an edited query file to its module's new content on disk, under `prepare --watch`
 * (median of several edits). The load average is printed with the table: the machine is shared.
 * BENCH_KEEP_PROJECT=1 keeps the (last) project and prints its path, to profile a row by hand.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeMigrationSet } from './fixtures/generate-migrations.js';
import { measure, median, printTable, type Measurement } from './support/measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The sqlsure package the project installs: this repo, or a frozen build of it (SQLSURE_BENCH_PACKAGE) when dist/ is busy. */
const PACKAGE = process.env.SQLSURE_BENCH_PACKAGE ? path.resolve(process.env.SQLSURE_BENCH_PACKAGE) : ROOT;
const runs = Number(process.argv[2] ?? 1);
const MIGRATIONS = 168;
const NO_TRANSACTION_SHARE = 0.46;
const QUERIES = 190;

interface Row {
  label: string;
  target: string;
  /** What the run must print (proves it took the intended path). */
  expect: RegExp;
  exitCode?: number;
  args?: string[];
  /** Prepares the project for this row; runs right before it. */
  before?: (project: string, env: NodeJS.ProcessEnv) => Promise<void>;
}

/** Four queries per table (all rows, by id, a count, the newest ids) until there are QUERIES, ten per file. */
async function writeQueries(project: string): Promise<number> {
  const dir = path.join(project, 'migrations');
  const tables: string[] = [];
  for (const f of (await readdir(dir)).sort()) {
    for (const m of (await readFile(path.join(dir, f), 'utf8')).matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/gi)) tables.push(m[1]!);
  }
  const blocks: string[] = [];
  for (let i = 0; blocks.length < QUERIES; i++) {
    const t = tables[i % tables.length]!;
    const round = Math.floor(i / tables.length);
    const kinds = [
      `-- name: All_${t}_${round} :many\nSELECT * FROM ${t} ORDER BY id LIMIT :limit!;`,
      `-- name: ById_${t}_${round} :maybe\nSELECT * FROM ${t} WHERE id = :id!;`,
      `-- name: Count_${t}_${round} :one\nSELECT count(*) AS n FROM ${t} WHERE created_at > :since!;`,
      `-- name: Newest_${t}_${round} :many\nSELECT id, name, updated_at FROM ${t} ORDER BY updated_at DESC LIMIT 10;`,
    ];
    blocks.push(kinds[round % kinds.length]!);
  }
  await mkdir(path.join(project, 'queries'), { recursive: true });
  for (let f = 0; f * 10 < blocks.length; f++) {
    await writeFile(path.join(project, 'queries', `q${String(f).padStart(2, '0')}.sql`), blocks.slice(f * 10, f * 10 + 10).join('\n\n') + '\n');
  }
  return blocks.length;
}

/** A project where `sqlsure` is installed (node_modules/sqlsure → this repo), as an application has it. */
async function makeProject(): Promise<string> {
  const project = await mkdtemp(path.join(tmpdir(), 'sqlsure-daily-'));
  await writeMigrationSet(path.join(project, 'migrations'), MIGRATIONS, undefined, { noTransactionShare: NO_TRANSACTION_SHARE });
  await writeQueries(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'daily-loop-bench', private: true, type: 'module' }) + '\n');
  await mkdir(path.join(project, 'node_modules', '.bin'), { recursive: true });
  await symlink(PACKAGE, path.join(project, 'node_modules', 'sqlsure'), 'dir');
  await symlink('../sqlsure/dist/cli/main.js', path.join(project, 'node_modules', '.bin', 'sqlsure'));
  return project;
}

/** Appends a migration (`TABLE` in its SQL stands for the first table the migrations create). */
const appendIndex = (name: string, sql: string) => async (project: string) => {
  const dir = path.join(project, 'migrations');
  const files = (await readdir(dir)).sort();
  let table = '';
  for (const f of files) table ||= /CREATE TABLE ([a-z_][a-z0-9_]*)/.exec(await readFile(path.join(dir, f), 'utf8'))?.[1] ?? '';
  const next = BigInt(files[files.length - 1]!.split('_')[0]!) + 1n;
  await writeFile(path.join(dir, `${next}_${name}.sql`), sql.replace('TABLE', table));
};

const rows: Row[] = [
  { label: 'first prepare, no snapshot anywhere', target: '≤ 7 s', expect: /initdb \+ 168 migrations applied/ },
  {
    label: 'first prepare, base snapshot exists',
    target: '≤ 5 s',
    expect: /started from the base snapshot \(no initdb\) \+ 168 migrations applied/,
    // Another project (or a fresh CI cache) on a machine that already paid initdb.
    before: (project) => rm(path.join(project, 'node_modules', '.cache'), { recursive: true, force: true }),
  },
  { label: 'prepare --force from the snapshot', target: '≤ 2.5 s', args: ['--force'], expect: /started from the snapshot of 168 migrations/ },
  {
    label: 'one migration appended (CREATE INDEX)',
    target: '≤ 2.5 s',
    expect: /applied 1 new migration on top of the snapshot of 168/,
    before: appendIndex('bench_index', 'CREATE INDEX bench_appended_idx ON TABLE (name);\n'),
  },
  {
    label: 'syntax error in an appended migration',
    target: '≤ 1.5 s',
    exitCode: 1,
    expect: /_broken\.sql:1:\d+: error \[42601\]/,
    before: appendIndex('broken', 'CREATE INDEX broken_idx ON TABLE (name,, id);\n'),
  },
  {
    label: 'nothing changed',
    target: '≤ 0.3 s',
    expect: /nothing to describe/,
    before: async (project, env) => {
      for (const f of await readdir(path.join(project, 'migrations'))) if (f.includes('_broken')) await rm(path.join(project, 'migrations', f));
      const settle = await run(project, env, []);
      if (settle.code !== 0) throw new Error(`prepare after removing the broken migration failed:\n${settle.stderr}`);
    },
  },
];

const bin = (project: string) => path.join(project, 'node_modules', '.bin', 'sqlsure');

function run(project: string, env: NodeJS.ProcessEnv, args: string[]): Promise<Measurement> {
  return measure(bin(project), ['prepare', ...args], { cwd: project, env });
}

const WATCH_EDITS = 5;

/**
 * `prepare --watch` on the prepared project: each edit renames a new version of q00.sql into
 * place (as editors save) and times until generated/q00.ts holds the edited query's column.
 */
async function watchEdits(project: string, env: NodeJS.ProcessEnv): Promise<number[]> {
  const child = spawn(bin(project), ['prepare', '--watch'], { cwd: project, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const seen = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (/watching /.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`prepare --watch exited ${code}:\n${output}`)));
  });
  const times: number[] = [];
  try {
    await seen;
    const queryFile = path.join(project, 'queries', 'q00.sql');
    const moduleFile = path.join(project, 'generated', 'q00.ts');
    const original = await readFile(queryFile, 'utf8');
    for (let i = 0; i < WATCH_EDITS; i++) {
      // A new column alias each time: the module's content must change to show it.
      const alias = `edited_${i}`;
      const edited = original.replace(/SELECT /, `SELECT 1 AS ${alias}, `);
      await writeFile(`${queryFile}.swap`, edited);
      const started = performance.now();
      await rename(`${queryFile}.swap`, queryFile);
      for (;;) {
        const text = await readFile(moduleFile, 'utf8').catch(() => '');
        if (text.includes(alias)) break;
        if (performance.now() - started > 60_000) throw new Error(`the module never showed ${alias}:\n${output}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      times.push(performance.now() - started);
      // Let the watch settle (its cycle line printed) before the next edit.
      await new Promise((r) => setTimeout(r, 300));
    }
    await writeFile(queryFile, original);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return times;
}

const results = new Map<string, { wall: number[]; rss: number[] }>();
const floor: { wall: number[]; rss: number[] } = { wall: [], rss: [] };
const npxFloor: { wall: number[]; rss: number[] } = { wall: [], rss: [] };
const watchMs: number[] = [];
const loadBefore = loadavg();
for (let i = 0; i < runs; i++) {
  const project = await makeProject();
  // DATABASE_URL empty: the embedded database. CI unset: as a developer's terminal would have it (no TTY here: no status line).
  const env: NodeJS.ProcessEnv = { DATABASE_URL: '', SQLSURE_CACHE_DIR: '', SQLSURE_USER_CACHE_DIR: path.join(project, '.user-cache') };
  try {
    const v = await measure(bin(project), ['--version'], { cwd: project, env });
    floor.wall.push(v.wallMs);
    floor.rss.push(v.peakRssMb);
    const n = await measure('npx', ['sqlsure', '--version'], { cwd: project, env });
    npxFloor.wall.push(n.wallMs);
    npxFloor.rss.push(n.peakRssMb);
    for (const row of rows) {
      await row.before?.(project, env);
      const m = await run(project, env, row.args ?? []);
      if (m.code !== (row.exitCode ?? 0) || !row.expect.test(m.stderr)) throw new Error(`${row.label}: exit ${m.code}, expected ${row.expect}:\n${m.stderr}`);
      const r = results.get(row.label) ?? { wall: [], rss: [] };
      r.wall.push(m.wallMs);
      r.rss.push(m.peakRssMb);
      results.set(row.label, r);
    }
    watchMs.push(median(await watchEdits(project, env)));
  } finally {
    if (process.env.BENCH_KEEP_PROJECT === '1') console.log(`project kept: ${project} (its machine cache: ${env.SQLSURE_USER_CACHE_DIR})`);
    else await rm(project, { recursive: true, force: true });
  }
}
const loadAfter = loadavg();

console.log(`\nembedded daily loop: ${MIGRATIONS} migrations, ${QUERIES} queries; median of ${runs} run${runs === 1 ? '' : 's'} (node_modules/.bin/sqlsure prepare, wall s, peak RSS MB)\n`);
printTable(
  ['step', 'wall s', 'peak RSS MB', 'target'],
  [
    ...rows.map((row) => {
      const r = results.get(row.label)!;
      return [row.label, median(r.wall) / 1000, median(r.rss), row.target];
    }),
    ['one query edited in prepare --watch → module rewritten', median(watchMs) / 1000, '—', '≤ 1 s (aim ≤ 0.3 s)'],
    ['(floor) sqlsure --version', median(floor.wall) / 1000, median(floor.rss), '—'],
    ['(npx floor) npx sqlsure --version', median(npxFloor.wall) / 1000, median(npxFloor.rss), '—'],
  ],
);
const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
console.log(`\nload average (1/5/15 min) before: ${fmt(loadBefore)}, after: ${fmt(loadAfter)}`);
