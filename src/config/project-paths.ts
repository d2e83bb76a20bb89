/**
 * The one place where the project's folders are resolved. A folder is given relative to the root
 * or absolute; it leaves here relative to the root, `/`-separated, so every later
 * `path.join(root, folder)` means what the user wrote.
 *
 * The outputs are where sqlsure writes and deletes files, so they must be folders strictly inside
 * the root — not the root itself, not outside it, not reached through a symbolic link that leads
 * out of it — and must not overlap the sources or each other: with `"generated": ".."` a run
 * would otherwise remove a sibling project's modules.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config.js';

export type FolderKey = 'queries' | 'migrations' | 'generated' | 'cache';

export interface ProjectFolders {
  queries: string;
  /** May lie outside the root (`../db/migrations`): it is only read. */
  migrations: string;
  generated: string;
  cache: string;
}

/** `raw` holds what the user wrote (or the default); `root` is absolute. */
export function resolveProjectFolders(root: string, raw: ProjectFolders): ProjectFolders {
  const out = {} as ProjectFolders;
  for (const key of ['queries', 'migrations', 'generated', 'cache'] as const) {
    const written = raw[key];
    if (!written.trim()) throw new ConfigError(`"${key}" must not be empty`);
    if (written.includes('\0')) throw new ConfigError(`"${key}" contains a NUL character`);
    const relative = path.relative(root, path.resolve(root, written));
    if (key !== 'migrations') {
      if (relative === '') throw new ConfigError(`"${key}" (${written}) is the project root ${root}; ${role(key)}, so it must be a folder inside the root`);
      if (isOutside(relative)) throw new ConfigError(`"${key}" (${written}) is outside the project root ${root}; ${role(key)}, so it must be a folder inside the root`);
    }
    out[key] = toPosix(relative) || '.';
  }
  const pairs = [['generated', 'queries'], ['generated', 'migrations'], ['generated', 'cache'], ['cache', 'queries'], ['cache', 'migrations']] as const;
  for (const [output, other] of pairs) {
    if (overlaps(out[output], out[other])) {
      throw new ConfigError(`"${output}" (${raw[output]}) overlaps "${other}" (${raw[other]}); ${role(output)}, so it must be a folder of its own`);
    }
  }
  const realRoot = realPath(root);
  if (realRoot === undefined) throw new ConfigError(`the project root ${root} does not exist`);
  for (const output of ['generated', 'cache'] as const) assertNoLinkOut(root, realRoot, output, raw[output], out[output]);
  return out;
}

function role(key: FolderKey): string {
  if (key === 'queries') return 'sqlsure writes modules for the files found there';
  return key === 'generated' ? 'sqlsure writes and removes generated modules there' : 'sqlsure writes and removes cache entries there';
}

function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** Whether one `/` path is the other or inside it (`.` is the root, inside which everything is). */
function overlaps(a: string, b: string): boolean {
  const inside = (x: string, y: string) => y === '.' || x === y || x.startsWith(`${y}/`);
  return inside(a, b) || inside(b, a);
}

/**
 * The existing part of an output folder must resolve inside the root's real path: writing through
 * `generated -> /elsewhere` would put files where nobody asked for them.
 */
function assertNoLinkOut(root: string, realRoot: string, key: FolderKey, written: string, relative: string): void {
  // The deepest part that exists (a link counts, even a dangling one).
  let existing = path.join(root, relative);
  while (existing !== root && !lstatSync(existing, { throwIfNoEntry: false })) existing = path.dirname(existing);
  if (existing === root) return;
  const real = realPath(existing);
  const rel = real === undefined ? undefined : path.relative(realRoot, real);
  if (rel === undefined || rel === '' || isOutside(rel)) {
    let target = real;
    try {
      target ??= readlinkSync(existing);
    } catch {
      target = 'a path that cannot be resolved';
    }
    throw new ConfigError(`"${key}" (${written}) leads out of the project root through a symbolic link (to ${target}); ${role(key)}, so it must be a folder inside the root`);
  }
}

function realPath(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * A source folder that does not exist is a mistake (a typo, the wrong root), not an empty project:
 * treated as empty, prepare would remove every cache entry and module. An empty folder is fine.
 */
export function requireFolder(root: string, key: 'queries' | 'migrations', folder: string): void {
  const dir = path.resolve(root, folder);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new ConfigError(`the ${key} folder ${dir} does not exist`);
  if (!stat.isDirectory()) throw new ConfigError(`the ${key} folder ${dir} is not a folder`);
}
