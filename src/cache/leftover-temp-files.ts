/**
 * Temporary files of atomic writes (`<file>.<pid>.<tag>.tmp`: atomic-write.ts, the PGlite
 * snapshots, the local state files) that a killed run left behind. The next run removes them; a
 * temp file of a process still running is left to it, unless it is so old that the pid must have
 * been reused. Nothing reads them: `check` and the incremental proofs look only at final names.
 */
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const TEMP_FILE = /^.+\.(\d+)\.[0-9a-f]+\.tmp$/;
/** Far longer than any write takes. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** Removes leftovers in `dir` (and, with `recursive`, in its sub-folders, never through a link). */
export function removeLeftoverTempFiles(dir: string, options: { recursive?: boolean; now?: number } = {}): string[] {
  const removed: string[] = [];
  const now = options.now ?? Date.now();
  const visit = (at: string): void => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (options.recursive) visit(path.join(at, e.name));
        continue;
      }
      // Thousands of cache entries pass by here on every run: the name is tested before anything else.
      const pid = TEMP_FILE.exec(e.name)?.[1];
      if (pid === undefined || !e.isFile()) continue;
      const file = path.join(at, e.name);
      if (!abandoned(Number(pid), file, now)) continue;
      try {
        rmSync(file, { force: true });
        removed.push(file);
      } catch {
        // read-only, or gone meanwhile: harmless
      }
    }
  };
  visit(dir);
  return removed;
}

function abandoned(pid: number, file: string, now: number): boolean {
  if (pid === process.pid) return false;
  if (!processAlive(pid)) return true;
  const stat = lstatSync(file, { throwIfNoEntry: false });
  return stat !== undefined && now - stat.mtimeMs > ABANDONED_AFTER_MS;
}

function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
