/**
 * The version of an installed dependency, read from its package.json the way Node would find the
 * package (the nearest `node_modules/<name>` above this module) — without importing it or even
 * resolving it through the module loader: PGlite's WASM is large, and `check` must not touch the
 * SQL parser or a driver at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const known = new Map<string, string>();

export function installedVersion(name: string): string {
  const cached = known.get(name);
  if (cached) return cached;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      if (pkg.version) {
        known.set(name, pkg.version);
        return pkg.version;
      }
    } catch {
      // not installed at this level
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the installed ${name}`);
  }
}
