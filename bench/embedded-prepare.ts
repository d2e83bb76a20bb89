/**
 * Embedded `prepare` (PGlite) on large migration sets: cold (no snapshot: initdb + every
 * migration + saving the snapshot) and warm (started from the snapshot), with peak memory.
 *
 *   npm run build && npx tsx bench/embedded-prepare.ts [runs=3]
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeMigrationSet } from './fixtures/generate-migrations.js';
import { measure, median, printTable } from './support/measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const runs = Number(process.argv[2] ?? 3);

/** One `SELECT *` per table the migrations create: enough to exercise describe and the catalog. */
async function writeQueries(project: string): Promise<number> {
  const dir = path.join(project, 'migrations');
  const tables = new Set<string>();
  for (const f of await readdir(dir)) {
    for (const m of (await readFile(path.join(dir, f), 'utf8')).matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/gi)) tables.add(m[1]!);
  }
  const renamed = /ALTER TABLE (?:IF EXISTS )?([a-z_][a-z0-9_]*) RENAME TO ([a-z_][a-z0-9_]*)/gi;
  for (const f of await readdir(dir)) for (const m of (await readFile(path.join(dir, f), 'utf8')).matchAll(renamed)) {
    tables.delete(m[1]!);
    tables.add(m[2]!);
  }
  const sql = [...tables].sort().map((t) => `-- name: All_${t} :many\nSELECT * FROM ${t};\n`).join('\n');
  await mkdir(path.join(project, 'queries'), { recursive: true });
  await writeFile(path.join(project, 'queries', 'all.sql'), sql);
  return tables.size;
}

async function scenario(label: string, fill: (migrationsDir: string) => Promise<void>): Promise<Array<string | number>> {
  const project = await mkdtemp(path.join(tmpdir(), 'sqlsure-bench-'));
  try {
    await fill(path.join(project, 'migrations'));
    const files = (await readdir(path.join(project, 'migrations'))).filter((f) => f.endsWith('.sql')).length;
    const queries = await writeQueries(project);
    const cold: number[] = [];
    const warm: number[] = [];
    let coldRss = 0;
    let warmRss = 0;
    for (let i = 0; i < runs; i++) {
      const cacheDir = path.join(project, `.cache-${i}`);
      const env = { SQLSURE_CACHE_DIR: cacheDir, DATABASE_URL: '' };
      const c = await measure(process.execPath, [CLI, 'prepare'], { cwd: project, env });
      if (c.code !== 0 || !c.stderr.includes('initdb')) throw new Error(`cold run failed:\n${c.stderr}`);
      cold.push(c.wallMs);
      coldRss = Math.max(coldRss, c.peakRssMb);
      // --force: an unchanged project would not start PGlite at all (see prepare-vs-pgtyped.ts).
      const w = await measure(process.execPath, [CLI, 'prepare', '--force'], { cwd: project, env });
      if (w.code !== 0 || !w.stderr.includes('started from the snapshot')) throw new Error(`warm run failed:\n${w.stderr}`);
      warm.push(w.wallMs);
      warmRss = Math.max(warmRss, w.peakRssMb);
      await rm(cacheDir, { recursive: true, force: true });
    }
    return [label, files, queries, median(cold) / 1000, coldRss, median(warm) / 1000, warmRss];
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

const rows = [
  await scenario('test/fixtures/migrations-large', (dir) => cp(path.join(ROOT, 'test/fixtures/migrations-large'), dir, { recursive: true })),
  await scenario('generated (bench/fixtures)', async (dir) => {
    await writeMigrationSet(dir, 150);
  }),
];
console.log(`\nembedded prepare, median of ${runs} runs (wall seconds, peak RSS MB)\n`);
printTable(['migration set', 'files', 'queries', 'cold s', 'cold RSS MB', 'warm s', 'warm RSS MB'], rows);
