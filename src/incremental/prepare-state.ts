/**
 * What the last `prepare` of a project described, against which schema fingerprint, and what it
 * left on disk: the proof that lets the next run skip a query — or, when nothing changed, skip
 * everything.
 *
 * It lives outside the project, next to the PGlite snapshots (`node_modules/.cache/sqlsure/`),
 * never in the committed cache: the committed files must be the same bytes whichever database
 * prepared them, while a server's fingerprint is a fact about that server, not about the repo.
 * Losing the file only costs one full describe.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStamp } from './file-stamp.js';
import { localStateFile, writeLocalState } from './local-state-file.js';

const FORMAT = 1;

export interface EntryStamp extends FileStamp {
  /** `file:line` the entry records. */
  source: string;
}

export interface PrepareState {
  format: number;
  /** {@link toolIdentity} of the sqlsure that wrote it. */
  tool: string;
  /** When the state was saved (ms since the epoch): stamps near it are checked by content. */
  savedAt: number;
  /** `embedded:<pglite>:<migrations hash>` or `server:<catalog hash>`. */
  fingerprint: string;
  /** The migrations hash the entries and schema.json carry. */
  schemaHash: string;
  schema: FileStamp;
  /** By query hash. */
  entries: Record<string, EntryStamp>;
  /**
   * Query files and generated modules by path, recorded only after a run without errors (every
   * query cached, every module written): what proves that a run would change nothing.
   */
  sources?: Record<string, FileStamp>;
  modules?: Record<string, FileStamp>;
  /**
   * With `"sources"`: every file the globs matched and a stamp of each TypeScript source, recorded
   * like `sources` (and not at all after a run that wrote type arguments into a source).
   */
  tsSources?: { files: string[]; stamps: Record<string, FileStamp> };
  /** The queries and generated folders the modules were written for. */
  layout: string;
}

/** One state file per project cache folder, named by its absolute path. */
export function stateFileFor(localCacheDir: string, root: string, cache: string): string {
  return localStateFile(localCacheDir, 'prepare', path.resolve(root), cache);
}

export type PreviousState = { state: PrepareState; staleBecause?: undefined } | { state?: undefined; staleBecause?: string };

/** The previous state, unless there is none, or none that this sqlsure can trust (and why). */
export async function readPrepareState(file: string, tool: string): Promise<PreviousState> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    const state = JSON.parse(text) as PrepareState;
    if (state.format !== FORMAT || !state.entries || !state.schema || typeof state.savedAt !== 'number') return {};
    if (state.tool !== tool) return { staleBecause: 'sqlsure itself changed since the last prepare' };
    return { state };
  } catch {
    return {};
  }
}

/** Best effort: a read-only or missing cache folder only makes the next run a full one. */
export async function writePrepareState(file: string, state: Omit<PrepareState, 'format' | 'savedAt'>): Promise<void> {
  await writeLocalState(file, JSON.stringify({ format: FORMAT, savedAt: Date.now(), ...state }));
}
