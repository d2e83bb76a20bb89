/**
 * `sqlsure prepare --watch`: file events → one prepare cycle against a database kept open.
 *
 * Events are debounced (a save that touches several files is one cycle) and cycles never overlap:
 * events during a cycle schedule exactly one more once it ends. Each cycle reloads the config, brings
 * the open database in line with the migrations (watched-database.ts) and runs the ordinary
 * incremental prepare with that session, so only changed queries are described. Nothing a cycle
 * throws ends the watch: it is reported and the next change is awaited.
 */
import path from 'node:path';
import { migrationsHash } from '../cache/schema-hash.js';
import { readIfExists } from '../cache/atomic-write.js';
import { CONFIG_FILE, resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import type { EmbeddedProgress } from '../database/embedded-database.js';
import { snapshotDirFor } from '../database/pglite-snapshot.js';
import { prepare, type PrepareResult } from '../prepare/prepare.js';
import type { PrepareProgress } from '../prepare/prepare-progress.js';
import { ProjectWatcher, type WatchTargets } from './project-watcher.js';
import { WatchedDatabase, type DatabaseStep } from './watched-database.js';

/** Quiet time after the last event before a cycle starts. */
export const DEBOUNCE_MS = 80;

export interface CycleReport {
  /** Project-relative paths that changed; empty for the first cycle. */
  changed: string[];
  step?: DatabaseStep;
  result?: PrepareResult;
  error?: unknown;
  elapsedMs: number;
}

export interface WatchHandlers {
  onCycle(report: CycleReport): void;
  /** Once, after the first cycle, with the project-relative paths being watched. */
  onReady(watched: string[]): void;
  onProgress?: (progress: PrepareProgress) => void;
}

export interface PrepareWatch {
  /** Stops watching, lets a running cycle finish, closes the database. */
  stop(): Promise<void>;
}

export async function watchPrepare(overrides: ConfigOverrides, handlers: WatchHandlers): Promise<PrepareWatch> {
  const root = path.resolve(overrides.root ?? '.');
  const configFile = overrides.config ? path.resolve(overrides.config) : path.join(root, CONFIG_FILE);
  const database = new WatchedDatabase(handlers.onProgress as ((p: EmbeddedProgress) => void) | undefined);
  const changed = new Set<string>();
  // What the last cycle wrote into watched folders (types modules, sources given their query<…>
  // types): an event for such a file whose content is still that write starts no cycle.
  const ownWrites = new Map<string, string>();
  const isOwnWrite = (file: string): boolean => {
    const wrote = ownWrites.get(file);
    if (wrote === undefined) return false;
    const now = readIfExists(path.join(root, file));
    if (now === wrote) return true;
    ownWrites.delete(file);
    return false;
  };
  const watcher = new ProjectWatcher((file) => {
    const relative = path.relative(root, file) || '.';
    if (isOwnWrite(relative)) return;
    changed.add(relative);
    schedule();
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let forceNext = false;
  let watched: string[] = [];

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(kick, DEBOUNCE_MS);
  };
  const kick = (): void => {
    // A cycle is running: the events stay in `changed`, and its end schedules the next one.
    if (running || stopped) return;
    // Events of the cycle's own writes arrive while it runs: they are no change.
    const files = [...changed].filter((f) => !isOwnWrite(f)).sort();
    changed.clear();
    if (files.length === 0) return;
    running = cycle(files).finally(() => {
      running = undefined;
      if (changed.size > 0) schedule();
    });
  };

  const cycle = async (files: string[]): Promise<void> => {
    const started = performance.now();
    let step: DatabaseStep | undefined;
    let config: ResolvedConfig | undefined;
    try {
      config = await resolveConfig(overrides);
      watched = armFor(watcher, targetsFor(config, configFile), root);
      const migrationsDir = path.join(config.root, config.migrations);
      const before = config.databaseUrl ? undefined : await migrationsHash(migrationsDir).catch(() => undefined);
      const ready = await database.ready(config);
      step = ready.step;
      const force = forceNext;
      forceNext = false;
      const result = await prepare({
        ...overrides,
        session: ready.session,
        sessionIsEmbedded: ready.embedded,
        ...(force ? { force } : {}),
        ...(handlers.onProgress ? { onProgress: handlers.onProgress } : {}),
      });
      // A migration edited between building the database and reading the folder's hash would make
      // the recorded fingerprint vouch for a schema the database did not hold: describe all next time.
      if (!config.databaseUrl && (await migrationsHash(migrationsDir).catch(() => undefined)) !== before) forceNext = true;
      ownWrites.clear();
      for (const file of [...result.modulesWritten, ...result.sourcesTyped]) {
        const full = path.join(config.root, file);
        const text = readIfExists(full);
        if (text !== undefined) ownWrites.set(path.relative(root, full), text);
      }
      handlers.onCycle({ changed: files, step, result, elapsedMs: performance.now() - started });
    } catch (error) {
      // A broken connection is reopened next cycle; an embedded database stays (the watched
      // database closes it itself when a migration left it in doubt).
      await database.dropServer();
      if (!config) watched = armFor(watcher, fallbackTargets(root, configFile), root);
      handlers.onCycle({ changed: files, ...(step ? { step } : {}), error, elapsedMs: performance.now() - started });
    }
  };

  running = cycle([]).finally(() => {
    running = undefined;
    if (!stopped) handlers.onReady(watched);
    if (changed.size > 0) schedule();
  });
  await running;

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      watcher.close();
      await running;
      await database.close();
    },
  };
}

function armFor(watcher: ProjectWatcher, targets: WatchTargets, root: string): string[] {
  watcher.arm(targets);
  return [...targets.folders, ...targets.files].map((p) => path.relative(root, p) || '.');
}

function targetsFor(config: ResolvedConfig, configFile: string): WatchTargets {
  const at = (p: string) => path.resolve(config.root, p);
  const folders = [at(config.queries), at(config.migrations), ...config.sources.map((glob) => at(staticBase(glob)))];
  const ignored = [at(config.generated), at(config.cache)];
  try {
    ignored.push(snapshotDirFor(config.root));
  } catch {
    // An unusable local cache folder is prepare's to report.
  }
  // A folder inside another watched one is covered by it.
  const unique = [...new Set(folders)].filter((f, _i, all) => !all.some((o) => o !== f && f.startsWith(o + path.sep)));
  return { root: config.root, folders: unique, files: [configFile], ignored };
}

/** Before the config ever loaded: the default folders and the config file. */
function fallbackTargets(root: string, configFile: string): WatchTargets {
  return { root, folders: [path.join(root, 'queries'), path.join(root, 'migrations')], files: [configFile], ignored: [] };
}

/** The folder part of a glob before its first pattern character (`src/**\/*.ts` → `src`). */
function staticBase(glob: string): string {
  const parts: string[] = [];
  for (const part of glob.split('/')) {
    if (/[*?[\]{}()!]/.test(part)) break;
    parts.push(part);
  }
  // A plain file path: watch its folder.
  if (parts.length === glob.split('/').length) parts.pop();
  return parts.join('/') || '.';
}
