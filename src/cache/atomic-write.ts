import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertCreatableFolder } from '../config/creatable-folder.js';

/** Temporary names: unique per process by the pid, within it by this counter. */
let written = 0;

/**
 * Writes `content` only if the file differs; through a temporary file and a rename, so a reader
 * (or a crash) never sees half a file. Returns whether the file changed.
 *
 * The file system calls are synchronous on purpose: prepare writes thousands of small files, and
 * each fs/promises call is a round trip through the thread pool that costs more than the write.
 */
export async function writeFileIfChanged(file: string, content: string): Promise<boolean> {
  if (readIfExists(file) === content) return false;
  const temp = `${file}.${process.pid}.${++written}.tmp`;
  try {
    try {
      writeFileSync(temp, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, content);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return true;
}

/**
 * Synchronous: for many small files one read call is far cheaper than fs/promises' round trips.
 * A missing file is found with a stat that does not throw: thousands of ENOENT exceptions (a
 * first prepare) cost more than the writes.
 */
export function readIfExists(file: string): string | undefined {
  let found;
  try {
    found = statSync(file, { throwIfNoEntry: false });
  } catch (err) {
    // A file where a folder on the path must be: say which, instead of a raw ENOTDIR.
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') assertCreatableFolder(path.dirname(file), `cannot read ${file}`);
    throw err;
  }
  if (!found) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
