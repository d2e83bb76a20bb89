/**
 * What "the same sqlsure" means for incremental runs: a hash of sqlsure's own code (every module
 * next to this one) and of the parsers it uses. An upgrade, a rebuild with changed inference, or a
 * new libpg-query makes every remembered result stale, so nothing is reused across them.
 *
 * Hashing the code costs more than the rest of an unchanged run, so the hash is remembered per
 * (path, size, mtime) signature of the files: a rebuild that changed nothing recomputes it once
 * and keeps the same identity.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readIfExists } from '../cache/atomic-write.js';
import { installedVersion } from '../database/installed-version.js';
import { writeLocalState } from './local-state-file.js';

const CODE_FILE = /\.(js|ts)$/;
const SKIPPED = /\.d\.ts$/;

let identity: Promise<string> | undefined;

/** @param localCacheDir where the remembered hash is kept (see local-state-file.ts). */
export function toolIdentity(localCacheDir: string): Promise<string> {
  identity ??= compute(localCacheDir);
  return identity;
}

async function compute(localCacheDir: string): Promise<string> {
  // dist/ when installed or built, src/ when run from source: either way, the whole tool.
  const codeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files = readdirSync(codeDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => CODE_FILE.test(f) && !SKIPPED.test(f))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  const parser = ['libpg-query', '@pgtyped/parser'].map((name) => `${name}@${versionOrMissing(name)}`).join(' ');
  const signature = createHash('sha256').update(codeDir).update(parser);
  for (const f of files) {
    const s = statSync(path.join(codeDir, f));
    signature.update(`${f}\0${s.size}\0${s.mtimeMs}\0`);
  }
  const key = signature.digest('hex');
  const memoFile = path.join(localCacheDir, 'tool-identity.json');
  const remembered = readIfExists(memoFile);
  if (remembered) {
    try {
      const m = JSON.parse(remembered) as { key?: string; identity?: string };
      if (m.key === key && m.identity) return m.identity;
    } catch {
      // recompute
    }
  }
  const hash = createHash('sha256');
  for (const f of files) {
    const content = readFileSync(path.join(codeDir, f));
    hash.update(`${f}\0${content.length}\0`).update(content);
  }
  const computed = hash.update(parser).digest('hex').slice(0, 32);
  await writeLocalState(memoFile, JSON.stringify({ key, identity: computed }));
  return computed;
}

function versionOrMissing(name: string): string {
  try {
    return installedVersion(name);
  } catch {
    return 'missing';
  }
}
