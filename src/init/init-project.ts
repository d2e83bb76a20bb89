/**
 * `sqlsure init`: the files a project needs to run `prepare` and `check`, written only where
 * nothing exists yet (`wx`: never overwrite). Folders come from the existing config, if any.
 */
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, ConfigError, jsonErrorPosition, resolveConfig } from '../config/config.js';
import { addMigration } from '../migrate/add-migration.js';

export const SCHEMA_REF = './node_modules/sqlsure/schema/sqlsure.config.schema.json';
export const SCRIPTS = { 'sqlsure:prepare': 'sqlsure prepare', 'sqlsure:check': 'sqlsure check' } as const;

const EXAMPLE_MIGRATION = `CREATE TABLE notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body text NOT NULL,
  pinned boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;

const EXAMPLE_QUERIES = `-- Each query: a "-- name: <Name> :<one|maybe|many|exec|execrows>" line, then one statement.
-- :param! is a required parameter; see the README for the syntax.

-- name: NoteById :maybe
SELECT id, body, pinned, created_at FROM notes WHERE id = :id!;

-- name: AddNote :one
INSERT INTO notes (body) VALUES (:body!) RETURNING id, created_at;

-- name: RecentNotes :many
SELECT id, body FROM notes WHERE pinned OR created_at > now() - interval '7 days' ORDER BY created_at DESC LIMIT :limit!;
`;

/** Without our migration the notes table may not exist: an example that needs no schema. */
const SCHEMA_FREE_QUERY = `-- name: ServerTime :one
SELECT now() AS "now!";
`;

export interface InitResult {
  /** One line per file or folder: what was created, changed or skipped (and why). */
  lines: string[];
  /** Whether package.json lists sqlsure (else the next steps start with installing it). */
  installed: boolean;
  hasPackageJson: boolean;
  /** Folders as configured, for the next steps. */
  queries: string;
  migrations: string;
  generated: string;
  cache: string;
}

export async function initProject(rootArg = '.'): Promise<InitResult> {
  const root = path.resolve(rootArg);
  // Read everything that could be malformed before writing anything.
  const packageJson = await readPackageJson(root);
  const config = await resolveConfig({ root }, {});
  const lines: string[] = [];
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/') || '.';

  const configFile = path.join(root, CONFIG_FILE);
  const configText = JSON.stringify({ $schema: SCHEMA_REF, queries: config.queries, migrations: config.migrations, generated: config.generated, cache: config.cache }, null, 2) + '\n';
  lines.push((await writeNew(configFile, configText)) ? `created ${CONFIG_FILE}` : `skipped ${CONFIG_FILE} (exists)`);

  const migrationsDir = path.join(root, config.migrations);
  let ownMigration = false;
  if (await holdsFiles(migrationsDir, '.sql')) {
    lines.push(`skipped ${config.migrations}/ first migration (the folder already holds migrations)`);
  } else {
    const added = await addMigration(migrationsDir, 'create notes');
    await appendFile(added.files[0]!, EXAMPLE_MIGRATION);
    ownMigration = true;
    lines.push(`created ${rel(added.files[0]!)}`);
  }

  const queriesDir = path.join(root, config.queries);
  if (await holdsFiles(queriesDir, '.sql')) {
    lines.push(`skipped ${config.queries}/ example query (the folder already holds queries)`);
  } else {
    const file = path.join(queriesDir, 'notes.sql');
    await mkdir(queriesDir, { recursive: true });
    lines.push((await writeNew(file, ownMigration ? EXAMPLE_QUERIES : SCHEMA_FREE_QUERY)) ? `created ${rel(file)}` : `skipped ${rel(file)} (exists)`);
  }

  if (packageJson) lines.push(await addScripts(packageJson));
  lines.push(await ignoreNodeModules(root));
  const deps = { ...(packageJson?.value.dependencies as object | undefined), ...(packageJson?.value.devDependencies as object | undefined) };
  return { lines, installed: 'sqlsure' in deps, hasPackageJson: packageJson !== undefined, queries: config.queries, migrations: config.migrations, generated: config.generated, cache: config.cache };
}

interface PackageJson {
  file: string;
  text: string;
  value: Record<string, unknown>;
}

async function readPackageJson(root: string): Promise<PackageJson | undefined> {
  const file = path.join(root, 'package.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}:${jsonErrorPosition(text, (err as Error).message)}: invalid JSON (${(err as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${file}: expected a JSON object`);
  const scripts = (value as Record<string, unknown>).scripts;
  if (scripts !== undefined && (!scripts || typeof scripts !== 'object' || Array.isArray(scripts))) {
    throw new ConfigError(`${file}: "scripts" is not an object`);
  }
  return { file, text, value: value as Record<string, unknown> };
}

/**
 * Not named `prepare`: npm runs a `prepare` script on every `npm install`. The file keeps its
 * indent, line endings, final newline and key order (JSON.parse keeps insertion order).
 */
async function addScripts(pkg: PackageJson): Promise<string> {
  const scripts = { ...((pkg.value.scripts as Record<string, string> | undefined) ?? {}) };
  const added = Object.entries(SCRIPTS).filter(([name]) => scripts[name] === undefined);
  if (!added.length) return `package.json already has the scripts ${Object.keys(SCRIPTS).join(', ')}`;
  for (const [name, command] of added) scripts[name] = command;
  const indent = /^[ \t]+(?=")/m.exec(pkg.text)?.[0] ?? '  ';
  const eol = pkg.text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = /\n$/.test(pkg.text) ? eol : '';
  const text = JSON.stringify({ ...pkg.value, scripts }, null, indent).replace(/\n/g, eol) + finalNewline;
  await writeFile(pkg.file, text);
  return `added to package.json the scripts ${added.map(([name]) => name).join(', ')}`;
}

/** PGlite snapshots and the incremental state live in node_modules/.cache/sqlsure. */
async function ignoreNodeModules(root: string): Promise<string> {
  const file = path.join(root, '.gitignore');
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (text === undefined) {
    await writeFile(file, 'node_modules/\n', { flag: 'wx' });
    return 'created .gitignore (node_modules/)';
  }
  const ignored = text.split(/\r?\n/).some((line) => /^\/?node_modules\/?(\*\*)?\/?$/.test(line.trim()));
  if (ignored) return '.gitignore already ignores node_modules';
  await appendFile(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}node_modules/\n`);
  return 'added node_modules/ to .gitignore';
}

async function writeNew(file: string, content: string): Promise<boolean> {
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

async function holdsFiles(dir: string, ext: string): Promise<boolean> {
  const entries = await readdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return entries.some((e) => String(e).endsWith(ext));
}

/** What to do after `init`, and the CI job that checks it. */
export function nextSteps(r: InitResult): string {
  const install = r.installed ? '' : r.hasPackageJson ? '  npm install --save-dev sqlsure\n' : '  npm init -y && npm install --save-dev sqlsure typescript\n';
  return `
next steps:
${install}  npx sqlsure prepare      describe the queries (embedded PostgreSQL; or set DATABASE_URL to use a server)
                           and write ${r.cache}/ and ${r.generated}/ — commit both
  npx sqlsure check        verify them offline, with no database (run it in CI)
  npx sqlsure migrate add <description>   add the next migration to ${r.migrations}/

CI (GitHub Actions):
  jobs:
    sqlsure:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        - uses: actions/setup-node@v4
          with: { node-version: 20 }
        - run: npm ci
        - run: npx sqlsure check
        - run: npx tsc --noEmit
`;
}
