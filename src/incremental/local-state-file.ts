/**
 * Files sqlsure keeps for itself outside the project (prepare state, remembered parses), next to
 * the PGlite snapshots. Writes are atomic and best effort: a read-only or missing cache folder
 * only makes the next run slower, never wrong. Files of other projects (temp folders, old
 * checkouts) are pruned, newest kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const KEEP = 50;

/** `<dir>/<kind>-<hash of the project parts>.json` */
export function localStateFile(localCacheDir: string, kind: string, ...projectParts: string[]): string {
  const key = createHash('sha256').update(projectParts.join('\0')).digest('hex').slice(0, 24);
  return path.join(localCacheDir, `${kind}-${key}.json`);
}

export async function writeLocalState(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, content);
    await rename(temp, file);
    const kind = /^(.+)-[0-9a-f]+\.json$/.exec(path.basename(file))?.[1];
    if (kind) await prune(dir, kind);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function prune(dir: string, kind: string): Promise<void> {
  const pattern = new RegExp(`^${kind}-[0-9a-f]+\\.json$`);
  const names = (await readdir(dir)).filter((n) => pattern.test(n));
  if (names.length <= KEEP) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(KEEP).map(({ n }) => rm(path.join(dir, n), { force: true })));
}
