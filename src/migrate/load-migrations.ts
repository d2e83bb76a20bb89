/** Reads a migrations folder into migrations ordered by version, or says exactly what is wrong with it. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { migrationChecksum, normaliseMigrationText } from './migration-checksum.js';
import type { ChecksumMode, Migration, MigrationProblem } from './migration.js';
import { readDirectives } from './migration-directives.js';
import { decodeSource, describeInvalidUtf8, INVALID_UTF8_HINT } from '../source/source-text.js';

export interface LoadMigrationsOptions {
  /** Default `normalized`. */
  checksum?: ChecksumMode;
  /** How file paths appear in messages; default: the folder as given. */
  displayDir?: string;
}

/** The folder cannot be used as it is: names, pairs or kinds are inconsistent. */
export class MigrationFolderError extends Error {
  readonly problems: MigrationProblem[];

  constructor(problems: MigrationProblem[]) {
    super(problems.map((p) => (p.file ? `${p.file}: ${p.message}` : p.message)).join('\n'));
    this.name = 'MigrationFolderError';
    this.problems = problems;
  }
}

const FILE_NAME = /^(\d+)_(.+?)(\.up|\.down)?\.sql$/;
const MAX_VERSION = 0x7fffffffffffffffn; // BIGINT

interface NamedFile {
  name: string;
  version: bigint;
  /** `<digits>_<description>`, what an up/down pair must share. */
  stem: string;
  description: string;
  direction: 'up' | 'down' | undefined;
}

/** A missing folder is an empty one (a project may not have migrations yet). */
export async function loadMigrations(migrationsDir: string, options: LoadMigrationsOptions = {}): Promise<Migration[]> {
  const mode = options.checksum ?? 'normalized';
  const displayDir = (options.displayDir ?? migrationsDir).split(path.sep).join('/').replace(/\/$/, '');
  const shown = (name: string) => (displayDir ? `${displayDir}/${name}` : name);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });

  const problems: MigrationProblem[] = [];
  const byVersion = new Map<bigint, NamedFile[]>();
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.sql')) continue;
    const named = parseFileName(entry.name);
    if (typeof named === 'string') {
      problems.push({ file: shown(entry.name), message: named });
      continue;
    }
    const group = byVersion.get(named.version) ?? [];
    group.push(named);
    byVersion.set(named.version, group);
  }

  type Pair = { version: bigint; description: string; up: string; down?: string };
  const simple: Pair[] = [];
  const reversible: Pair[] = [];
  for (const [version, group] of byVersion) {
    group.sort((a, b) => (a.name < b.name ? -1 : 1));
    const [first, second] = group;
    if (group.length === 1 && first!.direction === undefined) {
      simple.push({ version, description: first!.description, up: first!.name });
    } else if (group.length === 1) {
      const missing = first!.direction === 'up' ? '.down.sql' : '.up.sql';
      problems.push({ file: shown(first!.name), message: `reversible migration ${version} has no ${missing} file`, hint: `add ${first!.stem}${missing}` });
    } else if (group.length === 2 && first!.direction === 'down' && second!.direction === 'up' && first!.stem === second!.stem) {
      reversible.push({ version, description: second!.description, up: second!.name, down: first!.name });
    } else if (group.length === 2 && first!.direction === 'down' && second!.direction === 'up') {
      problems.push({ file: shown(second!.name), message: `${second!.name} and ${first!.name} have the same version but different names`, hint: 'a reversible pair must be named alike' });
    } else {
      problems.push({
        file: shown(group[0]!.name),
        message: `duplicate migration version ${version}: ${group.map((g) => g.name).join(', ')}`,
        hint: 'every migration needs its own version (a simple file, or one .up.sql/.down.sql pair with the same name)',
      });
    }
  }
  if (simple.length && reversible.length) {
    const s = simple.sort(byVersionOrder)[0]!;
    const r = reversible.sort(byVersionOrder)[0]!;
    problems.push({
      message: `${displayDir || '.'} mixes simple (${s.up}) and reversible (${r.up}) migrations`,
      hint: 'use one kind per folder: all <version>_<description>.sql, or all .up.sql/.down.sql pairs',
    });
  }
  if (problems.length) throw new MigrationFolderError(problems);

  const read = (name: string) => readFile(path.join(migrationsDir, name));
  // Bytes that are not UTF-8 would silently run as U+FFFD: the folder is refused, naming them.
  const textOf = (raw: Buffer, name: string): string => {
    const decoded = decodeSource(raw);
    for (const bad of decoded.invalid) problems.push({ file: shown(name), position: bad.position, message: describeInvalidUtf8(bad), hint: INVALID_UTF8_HINT });
    return decoded.text;
  };
  const pairs = [...simple, ...reversible].sort(byVersionOrder);
  const loaded = await Promise.all(
    pairs.map(async (p): Promise<Migration> => {
      const upRaw = await read(p.up);
      const upSql = normaliseMigrationText(textOf(upRaw, p.up));
      const up = readDirectives(upSql, shown(p.up));
      problems.push(...up.problems);
      const migration: Migration = {
        version: p.version,
        description: p.description,
        kind: p.down ? 'reversible' : 'simple',
        file: shown(p.up),
        upSql,
        checksum: migrationChecksum(upRaw, mode),
        noTransaction: up.directives.noTransaction,
        breaking: up.directives.breaking,
      };
      if (p.down) {
        const downSql = normaliseMigrationText(textOf(await read(p.down), p.down));
        const down = readDirectives(downSql, shown(p.down));
        problems.push(...down.problems);
        Object.assign(migration, { downSql, downFile: shown(p.down), downNoTransaction: down.directives.noTransaction });
      }
      return migration;
    }),
  );
  if (problems.length) throw new MigrationFolderError(problems);
  return loaded;
}

function parseFileName(name: string): NamedFile | string {
  const m = FILE_NAME.exec(name);
  if (!m) return 'not a migration file name: expected <version>_<description>.sql, or .up.sql/.down.sql for reversible migrations';
  const version = BigInt(m[1]!);
  if (version > MAX_VERSION) return `version ${m[1]} does not fit in a BIGINT`;
  const direction = m[3] === '.up' ? 'up' : m[3] === '.down' ? 'down' : undefined;
  return { name, version, stem: `${m[1]}_${m[2]}`, description: m[2]!.replace(/_/g, ' '), direction };
}

function byVersionOrder(a: { version: bigint }, b: { version: bigint }): number {
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
