/**
 * The unchanged-project test for the `"sources"` globs (unchanged-project.ts covers the query
 * files and outputs): the globs still match exactly the files the last complete run saw, and each
 * TypeScript source still holds the bytes it read. A file that gains a `sql` template, a new file,
 * a deleted one or a stray types module all make the run a full one. Loaded only for projects
 * with `"sources"`: the glob library is not part of an ordinary unchanged run.
 */
import path from 'node:path';
import { listSourceFiles } from '../source/typescript/list-source-files.js';
import type { LoadedTsSources } from '../source/typescript/load-ts-sources.js';
import { isTypesModule } from '../source/typescript/types-module-path.js';
import { stillStamped, type FileStamp } from './file-stamp.js';
import type { PrepareState } from './prepare-state.js';

export async function tsSourcesUnchanged(state: PrepareState, root: string, globs: readonly string[], exclude: readonly string[]): Promise<boolean> {
  const recorded = state.tsSources;
  if (!recorded) return false;
  const listed = await listSourceFiles(root, globs, exclude);
  if (listed.length !== recorded.files.length || listed.some((f, i) => f !== recorded.files[i])) return false;
  for (const [file, stamp] of Object.entries(recorded.stamps)) {
    if (!stillStamped(path.join(root, file), stamp, state.savedAt)) return false;
  }
  return true;
}

/**
 * What a complete run records for the test above, taken after it wrote everything: the globs'
 * listing now (the types modules it wrote are in it), provided every TypeScript source in it is
 * one this run read and stamped — a file that appeared during the run, or one the run read and
 * that vanished, records nothing, so the next run is a full one.
 */
export async function recordTsSources(
  root: string,
  globs: readonly string[],
  exclude: readonly string[],
  loaded: Pick<LoadedTsSources, 'read' | 'listed'>,
  stamps: Record<string, FileStamp>,
  written: ReadonlyMap<string, string>,
): Promise<PrepareState['tsSources'] | undefined> {
  const { read, listed } = loaded;
  const files = await listSourceFiles(root, globs, exclude);
  const now = new Set(files);
  const readFiles = new Set(read.map(([f]) => f));
  const before = new Set(listed);
  const accounted = (f: string) => readFiles.has(f) || written.has(f) || (before.has(f) && isTypesModule(f));
  if (!files.every(accounted) || !read.every(([f]) => now.has(f))) return undefined;
  return { files, stamps };
}
