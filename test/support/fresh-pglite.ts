/**
 * One pre-initialised PGlite data directory for every suite that needs an empty PGlite: initdb
 * runs once per installed PGlite version (in the global setup), its data directory is dumped to
 * node_modules/.cache, and each `freshPGlite()` starts from that dump instead of running initdb
 * again — seconds per instance on this machine, tens of seconds when it is busy.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { startParams } from '../../src/database/pglite-start-params.js';
import { pgliteVersion } from '../../src/database/pglite-version.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PGLITE_DATADIR_DUMP = path.join(ROOT, 'node_modules/.cache/sqlsure-tests', `pglite-${pgliteVersion()}-initdb.tar`);

/** Writes the dump unless one exists; atomic, so a parallel reader never sees half a file. */
export async function ensurePGliteDump(): Promise<void> {
  if (await readFile(PGLITE_DATADIR_DUMP).then(() => true, () => false)) return;
  const lite = new PGlite();
  try {
    await lite.waitReady;
    const dump = Buffer.from(await (await lite.dumpDataDir('none')).arrayBuffer());
    await mkdir(path.dirname(PGLITE_DATADIR_DUMP), { recursive: true });
    const temp = `${PGLITE_DATADIR_DUMP}.${process.pid}.tmp`;
    await writeFile(temp, dump);
    await rename(temp, PGLITE_DATADIR_DUMP);
  } finally {
    await lite.close();
  }
}

/** An empty PGlite, as `new PGlite()` would give, started from the shared initdb dump. */
export async function freshPGlite(options: Omit<PGliteOptions, 'loadDataDir'> = {}): Promise<PGlite> {
  await ensurePGliteDump();
  try {
    return await start(options);
  } catch (err) {
    // A dump that does not load (truncated, another PGlite's layout) is rebuilt once.
    await rm(PGLITE_DATADIR_DUMP, { force: true });
    await ensurePGliteDump();
    return start(options).catch((again: Error) => {
      throw new Error(`PGlite does not start from a freshly made initdb dump: ${again.message}`, { cause: err });
    });
  }
}

async function start(options: Omit<PGliteOptions, 'loadDataDir'>): Promise<PGlite> {
  // The embedded database's small buffer pool: no query answers differently, and each start
  // skips zeroing 112 MB in WebAssembly (about 0.4 s of CPU).
  const lite = new PGlite({ startParams: startParams(PGlite), ...options, loadDataDir: new Blob([await readFile(PGLITE_DATADIR_DUMP)]) });
  await lite.waitReady;
  return lite;
}
