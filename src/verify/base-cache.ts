/**
 * The previous release's offline cache, from a folder (a checked-out tag, a CI artifact: its
 * project root or its cache folder) or from a git revision of this repository, read with
 * `git ls-tree` + `git cat-file --batch` so the work tree is never touched.
 *
 * How `--base` is read: an existing directory wins; else a revision git resolves; else a usage
 * error (exit 2) naming both.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CacheEntry, SchemaFile } from '../cache/cache-entry.js';
import { MIGRATIONS_MANIFEST_FILE, MIGRATIONS_MANIFEST_VERSION, type MigrationsManifest } from '../cache/migrations-manifest.js';
import { CacheFormatError, parseCacheEntry, parseSchemaFile } from '../cache/validate-cache-file.js';
import { ConfigError } from '../config/config.js';

const run = promisify(execFile);
const ENTRY_FILE = /^query-[0-9a-f]{64}\.json$/;
const SCHEMA_FILE = 'schema.json';

export interface BaseCache {
  /** What `--base` named, as shown in messages (`v1.2.0:offline-cache`, `../release/offline-cache`). */
  label: string;
  entries: CacheEntry[];
  /** The migrations the base was prepared with, when its cache says (migrations.json). */
  manifest?: MigrationsManifest;
  schema?: SchemaFile;
}

interface RawFiles {
  label: string;
  /** File name → text, for the entry files, schema.json and migrations.json found. */
  files: Map<string, string>;
}

/**
 * @param base what the user passed to `--base`, relative to `cwd`
 * @param root the current project root (git revisions are read from its repository)
 * @param cacheFolder the current config's cache folder, relative to the root
 */
export async function readBaseCache(base: string, cwd: string, root: string, cacheFolder: string): Promise<BaseCache> {
  if (base.trim() === '') throw new ConfigError('--base is empty: name the previous release as a folder or a git revision');
  const dir = path.resolve(cwd, base);
  const raw = isDirectory(dir) ? readFolder(dir, base, cacheFolder) : await readRevision(base, root, cacheFolder);
  return parseBase(raw);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function holdsCache(dir: string): boolean {
  return readdirSync(dir).some((n) => ENTRY_FILE.test(n) || n === SCHEMA_FILE);
}

function readFolder(dir: string, shown: string, cacheFolder: string): RawFiles {
  // The cache folder itself, or a project root holding it (under this project's cache name, or the default).
  const candidates = [dir, path.join(dir, cacheFolder), path.join(dir, 'offline-cache')];
  const found = candidates.find((c) => isDirectory(c) && holdsCache(c));
  if (!found) {
    throw new ConfigError(
      `--base ${shown}: the folder holds no offline cache (no query-*.json or schema.json in it, in ${cacheFolder}/ or in offline-cache/)`,
    );
  }
  const files = new Map<string, string>();
  for (const name of readdirSync(found)) {
    if (!ENTRY_FILE.test(name) && name !== SCHEMA_FILE && name !== MIGRATIONS_MANIFEST_FILE) continue;
    const file = path.join(found, name);
    if (existsSync(file) && statSync(file).isFile()) files.set(name, readFileSync(file, 'utf8'));
  }
  const label = path.relative(process.cwd(), found) || '.';
  return { label: label.split(path.sep).join('/'), files };
}

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch {
    return undefined;
  }
}

async function readRevision(rev: string, root: string, cacheFolder: string): Promise<RawFiles> {
  // A leading dash would be read as an option by git.
  const commit = rev.startsWith('-') ? undefined : (await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]))?.trim();
  if (!commit) {
    throw new ConfigError(
      `--base ${rev}: neither a folder nor a git revision of the repository at ${root}; give the previous release's project folder or offline-cache folder, or a tag, branch or commit`,
    );
  }
  const prefix = ((await git(root, ['rev-parse', '--show-prefix'])) ?? '').trim();
  const folder = path.posix.normalize(`${prefix}${cacheFolder}`).replace(/\/$/, '');
  const listing = await git(root, ['ls-tree', '-z', '--full-tree', '--name-only', commit, '--', `${folder}/`]);
  const names = (listing ?? '')
    .split('\0')
    .filter(Boolean)
    .map((p) => path.posix.basename(p))
    .filter((n) => ENTRY_FILE.test(n) || n === SCHEMA_FILE || n === MIGRATIONS_MANIFEST_FILE);
  if (!names.some((n) => ENTRY_FILE.test(n) || n === SCHEMA_FILE)) {
    throw new ConfigError(`--base ${rev}: revision ${commit.slice(0, 12)} has no committed offline cache in ${folder}/`);
  }
  const texts = await catFiles(root, names.map((n) => `${commit}:${folder}/${n}`));
  return { label: `${rev}:${folder}`, files: new Map(names.map((n, i) => [n, texts[i]!])) };
}

/** Many blobs in one `git cat-file --batch` process: one object per request line. */
function catFiles(root: string, objects: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed (${code}): ${stderr.trim()}`));
      const out = Buffer.concat(chunks);
      const texts: string[] = [];
      let at = 0;
      for (const object of objects) {
        const eol = out.indexOf(0x0a, at);
        const header = out.subarray(at, eol).toString('utf8');
        const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
        if (!m) return reject(new Error(`git cat-file: cannot read ${object} (${header})`));
        const size = Number(m[1]);
        texts.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
        at = eol + 1 + size + 1;
      }
      resolve(texts);
    });
    child.stdin.end(objects.map((o) => `${o}\n`).join(''));
  });
}

function parseBase(raw: RawFiles): BaseCache {
  const where = (name: string) => `${raw.label}/${name}`;
  const entries: CacheEntry[] = [];
  let schema: SchemaFile | undefined;
  let manifest: MigrationsManifest | undefined;
  try {
    for (const [name, text] of [...raw.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (ENTRY_FILE.test(name)) entries.push(parseCacheEntry(text, where(name)));
      else if (name === SCHEMA_FILE) schema = parseSchemaFile(text, where(name));
      else manifest = parseManifest(text);
    }
  } catch (err) {
    if (err instanceof CacheFormatError) throw new ConfigError(`--base: ${err.message}`);
    throw err;
  }
  return { label: raw.label, entries, ...(manifest ? { manifest } : {}), ...(schema ? { schema } : {}) };
}

/** An unreadable manifest only costs the hint about which migration is responsible. */
function parseManifest(text: string): MigrationsManifest | undefined {
  try {
    const parsed = JSON.parse(text) as MigrationsManifest;
    if (parsed?.version !== MIGRATIONS_MANIFEST_VERSION || !Array.isArray(parsed.migrations)) return undefined;
    const ok = parsed.migrations.every((m) => typeof m?.version === 'string' && typeof m.file === 'string' && typeof m.sha384 === 'string');
    return ok ? parsed : undefined;
  } catch {
    return undefined;
  }
}
