/**
 * `sqlsure prepare`: source → database → describe → infer → cache → codegen.
 *
 * Incremental: a query whose hash (file, name, cardinality, SQL) and schema fingerprint are the
 * same as in the last run, and whose cache entry is still the file that run wrote, is not
 * described again (prepare-changes.ts). The embedded database's fingerprint is the migrations
 * hash, known without starting it; a server's is one catalog query. When nothing at all changed
 * — proven by stats against what the last run recorded (unchanged-project.ts) — nothing is
 * parsed, generated or written, and the embedded database is not even started. `force`
 * describes everything. prepare-state.ts says where that memory lives and why.
 */
import path from 'node:path';
import { removeLeftoverTempFiles } from '../cache/leftover-temp-files.js';
import { migrationsHash } from '../cache/schema-hash.js';
import { requireFolder } from '../config/project-paths.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import { openDatabase, type DatabaseInfo } from '../database/open-database.js';
import { assertCreatableFolder } from '../config/creatable-folder.js';
import { snapshotDirFor } from '../database/pglite-snapshot.js';
import { pgliteVersion } from '../database/pglite-version.js';
import { serverFingerprint } from '../database/schema-fingerprint.js';
import type { WireSession } from '../database/wire-session.js';
import { sortProblems } from '../report/sort-problems.js';
import { readPrepareState, stateFileFor, type PrepareState, type PreviousState } from '../incremental/prepare-state.js';
import { toolIdentity } from '../incremental/tool-identity.js';
import { projectUnchanged } from '../incremental/unchanged-project.js';
import type { ChangesOutcome } from './prepare-changes.js';
import type { PrepareProgress } from './prepare-progress.js';

export interface PrepareOptions extends ConfigOverrides {
  /** Injected session (tests, embedded database); otherwise one is opened from the config. */
  session?: WireSession;
  /**
   * The injected session is the embedded database holding exactly the current migrations (watch
   * mode keeps one open): its fingerprint is the migrations hash, as when prepare opens it itself.
   */
  sessionIsEmbedded?: boolean;
  /** Describe every query, ignoring what earlier runs remember. */
  force?: boolean;
  /** Called as each long phase starts (initdb, each migration, describing, writing). */
  onProgress?: (progress: PrepareProgress) => void;
}

export interface PrepareResult extends ChangesOutcome {
  config: ResolvedConfig;
  /** What was described against (absent when a session was injected, or no database was needed). */
  database?: DatabaseInfo;
  elapsedMs: number;
}

export async function prepare(options: PrepareOptions = {}): Promise<PrepareResult> {
  const started = performance.now();
  const config = await resolveConfig(options);
  const root = config.root;
  requireFolder(root, 'queries', config.queries);
  // The embedded database is built from the migrations; against a server they are optional.
  if (config.migrationsNamed || (!options.session && !config.databaseUrl)) requireFolder(root, 'migrations', config.migrations);
  assertCreatableFolder(path.resolve(root, config.cache), 'the cache folder');
  assertCreatableFolder(path.resolve(root, config.generated), 'the generated folder');
  const localDir = snapshotDirFor(root);
  // What a killed run left half-written goes first (leftover-temp-files.ts).
  removeLeftoverTempFiles(path.join(root, config.cache));
  removeLeftoverTempFiles(path.join(root, config.generated), { recursive: true });
  removeLeftoverTempFiles(localDir);
  const stateFile = stateFileFor(localDir, root, config.cache);
  const tool = await toolIdentity(localDir);
  const [remembered, schemaHash] = await Promise.all([
    options.force ? ({} as PreviousState) : readPrepareState(stateFile, tool),
    migrationsHash(path.join(root, config.migrations)),
  ]);
  const previous = remembered.state;
  const layout = outputLayout(config);
  const project = { root, queries: config.queries, cache: config.cache, generated: config.generated, layout, schemaHash };

  let session = options.session;
  let database: DatabaseInfo | undefined;
  const open = async (): Promise<{ session: WireSession; info?: DatabaseInfo }> => {
    if (!session) {
      ({ session, info: database } = await openDatabase({
        root,
        migrations: config.migrations,
        ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }));
    }
    return { session, ...(database ? { info: database } : {}) };
  };
  try {
    let fingerprint: string;
    if ((!options.session || options.sessionIsEmbedded) && !config.databaseUrl) {
      // Embedded: the fingerprint is known before starting anything.
      fingerprint = `embedded:${pgliteVersion()}:${schemaHash}`;
    } else {
      fingerprint = await serverFingerprint((await open()).session);
    }
    if (previous?.fingerprint === fingerprint && projectUnchanged(previous, project) && (await sourcesUnchanged(previous, config))) {
      const count = Object.keys(previous.entries).length;
      return {
        config,
        ...(database ? { database } : {}),
        queries: count,
        prepared: count,
        described: 0,
        unchanged: count,
        problems: [],
        cacheWritten: 0,
        cacheRemoved: 0,
        modulesWritten: [],
        modulesRemoved: [],
        sourcesTyped: [],
        elapsedMs: performance.now() - started,
      };
    }
    const { prepareChanges } = await import('./prepare-changes.js');
    const outcome = await prepareChanges({
      config,
      tool,
      localDir,
      stateFile,
      previous,
      forgetBecause: options.force ? '--force' : remembered.staleBecause,
      fingerprint,
      schemaHash,
      layout,
      database: open,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return {
      config,
      ...(database ? { database } : {}),
      ...outcome,
      problems: sortProblems(outcome.problems),
      elapsedMs: performance.now() - started,
    };
  } finally {
    if (session && !options.session) await session.close();
  }
}

/** With `"sources"`, the TypeScript sources too (a module of its own, loaded only then). */
async function sourcesUnchanged(previous: PrepareState, config: ResolvedConfig): Promise<boolean> {
  if (config.sources.length === 0) return true;
  const { tsSourcesUnchanged } = await import('../incremental/unchanged-ts-sources.js');
  return tsSourcesUnchanged(previous, config.root, config.sources, [config.generated, config.cache]);
}

/** Everything besides the cache entries that generated modules depend on: the whole config. */
function outputLayout(config: ResolvedConfig): string {
  const { root: _root, databaseUrl: _url, ...rest } = config;
  return JSON.stringify(rest);
}
