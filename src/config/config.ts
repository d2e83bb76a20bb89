/** `sqlsure.config.json` (optional), defaults, and command-line overrides. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkTypeExpression, TYPE_EXPRESSION_HINT } from '../codegen/type-expression.js';
import { resolveProjectFolders } from './project-paths.js';

export const CONFIG_FILE = 'sqlsure.config.json';

export type ChecksumMode = 'sqlx' | 'normalized';

/** What int8 columns become in TypeScript (and at runtime): pg's digits, a bigint, or a checked number. */
export type Int8Mode = 'string' | 'bigint' | 'number';
export const INT8_MODES: readonly Int8Mode[] = ['string', 'bigint', 'number'];

export interface ConfigFile {
  queries?: string;
  migrations?: string;
  generated?: string;
  cache?: string;
  databaseUrl?: string;
  /** Bookkeeping table of `sqlsure migrate`, optionally schema-qualified (`ops.schema_migrations`). */
  migrationsTable?: string;
  /** `sqlx`: SHA-384 of the raw file bytes; `normalized`: of the text with LF line endings. */
  migrationsChecksum?: ChecksumMode;
  /** Applied versions whose files may be gone without `migrate run` refusing. */
  allowMissing?: Array<number | string>;
  /** Version → hex prefixes of a recorded (old) checksum accepted in place of the file's. */
  alternateChecksums?: Record<string, string[]>;
  /** snake_case columns and parameters become camelCase properties, in types and at runtime. */
  camelCase?: boolean;
  int8?: Int8Mode;
  /** pg type name (`jsonb`, `auth.role`) → TypeScript type, for columns and parameters. */
  types?: Record<string, string>;
  /** `table.column` (or `schema.table.column`) → TypeScript type, for that column and the parameters stored into it. */
  columns?: Record<string, string>;
  /** Type name used in overrides → module it is imported from (relative paths from the project root). */
  imports?: Record<string, string>;
  /** Globs of TypeScript files holding `sql` tagged templates, relative to the root (src/source/typescript/). */
  sources?: string[];
  /** `sqlsure migrate lint`: rule name → "error" | "warn" | "off"; `inCheck` also lints in `check`. */
  lint?: LintConfig;
}

export type LintRuleSetting = 'error' | 'warn' | 'off';
export interface LintConfig {
  rules?: Record<string, LintRuleSetting>;
  inCheck?: boolean;
}

export interface ConfigOverrides extends ConfigFile {
  root?: string;
  /** Path to the config file; when given it must exist. */
  config?: string;
}

export interface ResolvedConfig {
  /** Absolute project root. */
  root: string;
  /** Folders relative to the root, `/`-separated (project-paths.ts); only migrations may start with `../`. */
  queries: string;
  migrations: string;
  /** Whether the migrations folder was named (flag or config file) rather than defaulted. */
  migrationsNamed: boolean;
  generated: string;
  cache: string;
  /** Flag, then env DATABASE_URL, then config file; undefined means the embedded database. */
  databaseUrl?: string;
  migrationsTable: string;
  /** Defaults to `sqlx` for a table named `_sqlx_migrations` (adopting a sqlx database), else `normalized`. */
  migrationsChecksum: ChecksumMode;
  /** Canonical decimal versions. */
  allowMissing: string[];
  /** Canonical decimal version → lower-case hex prefixes. */
  alternateChecksums: Record<string, string[]>;
  camelCase: boolean;
  int8: Int8Mode;
  types: Record<string, string>;
  /** Keys without a `public.` prefix. */
  columns: Record<string, string>;
  imports: Record<string, string>;
  /** Globs of TypeScript sources with inline queries; empty when none are scanned. */
  sources: string[];
  /** Rule names are checked by the lint command, which knows them. */
  lint: { rules: Record<string, LintRuleSetting>; inCheck: boolean };
}

/** Bad configuration or usage: the CLI exits with code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const DEFAULTS = { queries: 'queries', migrations: 'migrations', generated: 'generated', cache: 'offline-cache' } as const;
export const DEFAULT_MIGRATIONS_TABLE = '_sqlsure_migrations';
const STRING_KEYS = new Set(['queries', 'migrations', 'generated', 'cache', 'databaseUrl', 'migrationsTable']);
const KNOWN_KEYS = new Set(['$schema', ...STRING_KEYS, 'migrationsChecksum', 'allowMissing', 'alternateChecksums', 'camelCase', 'int8', 'types', 'columns', 'imports', 'sources', 'lint']);
/** Every key a config file may have; schema/sqlsure.config.schema.json lists the same (a test keeps them in sync). */
export const CONFIG_KEYS: ReadonlySet<string> = KNOWN_KEYS;
const CHECKSUM_MODES: readonly ChecksumMode[] = ['sqlx', 'normalized'];
/** Shorter prefixes would match a random checksum too easily. */
const MIN_CHECKSUM_PREFIX = 6;

export async function resolveConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedConfig> {
  const root = path.resolve(overrides.root ?? '.');
  const configPath = overrides.config ? path.resolve(overrides.config) : path.join(root, CONFIG_FILE);
  const fromFile = await readConfigFile(configPath, overrides.config !== undefined);
  const pick = (key: keyof typeof DEFAULTS): string => overrides[key] ?? fromFile[key] ?? DEFAULTS[key];
  const folders = resolveProjectFolders(root, { queries: pick('queries'), migrations: pick('migrations'), generated: pick('generated'), cache: pick('cache') });
  const databaseUrl = overrides.databaseUrl || env.DATABASE_URL || fromFile.databaseUrl || undefined;
  const migrationsTable = (overrides.migrationsTable ?? fromFile.migrationsTable ?? DEFAULT_MIGRATIONS_TABLE).trim();
  if (!migrationsTable) throw new ConfigError('"migrationsTable" must not be empty');
  const migrationsChecksum = overrides.migrationsChecksum ?? fromFile.migrationsChecksum ?? defaultChecksumMode(migrationsTable);
  if (!CHECKSUM_MODES.includes(migrationsChecksum)) {
    throw new ConfigError(`"migrationsChecksum" must be one of ${CHECKSUM_MODES.join(', ')}, not "${String(migrationsChecksum)}"`);
  }
  return {
    root,
    ...folders,
    migrationsNamed: (overrides.migrations ?? fromFile.migrations) !== undefined,
    ...(databaseUrl ? { databaseUrl } : {}),
    migrationsTable,
    migrationsChecksum,
    allowMissing: validateAllowMissing(overrides.allowMissing ?? fromFile.allowMissing ?? [], configPath),
    alternateChecksums: validateAlternateChecksums(overrides.alternateChecksums ?? fromFile.alternateChecksums ?? {}, configPath),
    ...validateCodegen(overrides, fromFile, configPath),
    sources: validateSources(overrides.sources ?? fromFile.sources ?? [], configPath),
    lint: validateLint(overrides.lint ?? fromFile.lint ?? {}, configPath),
  };
}

const TS_IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The options that shape generated code (and only that: the cache does not depend on them). */
function validateCodegen(overrides: ConfigFile, fromFile: ConfigFile, file: string): Pick<ResolvedConfig, 'camelCase' | 'int8' | 'types' | 'columns' | 'imports'> {
  const camelCase = overrides.camelCase ?? fromFile.camelCase ?? false;
  if (typeof camelCase !== 'boolean') throw new ConfigError(`${file}: "camelCase" must be true or false`);
  const int8 = overrides.int8 ?? fromFile.int8 ?? 'string';
  if (!INT8_MODES.includes(int8)) throw new ConfigError(`${file}: "int8" must be one of ${INT8_MODES.map((m) => `"${m}"`).join(', ')}, not ${JSON.stringify(int8)}`);
  const types = stringRecord(overrides.types ?? fromFile.types ?? {}, `${file}: "types"`, 'pg type names to TypeScript types');
  const columns: Record<string, string> = {};
  for (const [key, type] of Object.entries(stringRecord(overrides.columns ?? fromFile.columns ?? {}, `${file}: "columns"`, '"table.column" to TypeScript types'))) {
    const parts = key.split('.');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
      throw new ConfigError(`${file}: "columns" key "${key}" must be "table.column" or "schema.table.column"`);
    }
    columns[parts.length === 3 && parts[0] === 'public' ? parts.slice(1).join('.') : key] = type;
  }
  // Override types are pasted into generated interfaces: each must be exactly one type.
  for (const [where, table] of [['types', types], ['columns', columns]] as const) {
    for (const [key, type] of Object.entries(table)) {
      const checked = checkTypeExpression(type);
      if (!checked.ok) throw new ConfigError(`${file}: "${where}" → "${key}": ${JSON.stringify(type)} is not a single TypeScript type (column ${checked.offset + 1}: ${checked.message}); ${TYPE_EXPRESSION_HINT}`);
    }
  }
  const imports = stringRecord(overrides.imports ?? fromFile.imports ?? {}, `${file}: "imports"`, 'type names to module specifiers');
  for (const name of Object.keys(imports)) {
    if (!TS_IDENTIFIER.test(name)) throw new ConfigError(`${file}: "imports" key "${name}" is not a TypeScript identifier`);
  }
  return { camelCase, int8, types, columns, imports };
}

function stringRecord(value: unknown, where: string, what: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${where} must be an object mapping ${what}`);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' || !v.trim()) throw new ConfigError(`${where}: "${key}" must map to a non-empty string`);
  }
  return { ...(value as Record<string, string>) };
}

/** Globs stay inside the root: a source glob is read, and its sibling `.types.ts` files written. */
function validateSources(value: unknown, file: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(`${file}: "sources" must be an array of globs (e.g. ["src/**/*.ts"])`);
  return value.map((g) => {
    if (typeof g !== 'string' || !g.trim()) throw new ConfigError(`${file}: "sources" entries must be non-empty strings`);
    const posix = g.trim().replace(/\\/g, '/');
    if (posix.startsWith('/') || /^[A-Za-z]:/.test(posix) || posix.split('/').includes('..')) {
      throw new ConfigError(`${file}: "sources" glob ${JSON.stringify(g)} must be relative to the project root and stay inside it`);
    }
    return posix;
  });
}

const LINT_SETTINGS: readonly LintRuleSetting[] = ['error', 'warn', 'off'];

function validateLint(value: unknown, file: string): ResolvedConfig['lint'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${file}: "lint" must be an object like { "rules": { "require-concurrent-index": "warn" } }`);
  const { rules = {}, inCheck = false, ...rest } = value as LintConfig;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new ConfigError(`${file}: "lint" has unknown key "${unknown[0]}" (known: rules, inCheck)`);
  if (typeof inCheck !== 'boolean') throw new ConfigError(`${file}: "lint"."inCheck" must be true or false`);
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw new ConfigError(`${file}: "lint"."rules" must map rule names to "error", "warn" or "off"`);
  for (const [name, setting] of Object.entries(rules)) {
    if (!LINT_SETTINGS.includes(setting)) throw new ConfigError(`${file}: "lint"."rules"."${name}" must be "error", "warn" or "off", not ${JSON.stringify(setting)}`);
  }
  return { rules: { ...rules }, inCheck };
}

/** A table named like sqlx's is an adopted sqlx database: keep its checksums comparable. */
function defaultChecksumMode(table: string): ChecksumMode {
  const last = table.split('.').pop()!.replace(/^"|"$/g, '');
  return last === '_sqlx_migrations' ? 'sqlx' : 'normalized';
}

/** A migration version as a canonical decimal string; integers beyond 2^53 must be written as strings. */
function canonicalVersion(value: unknown, where: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const v = BigInt(value);
    if (v <= 0x7fffffffffffffffn) return v.toString();
  }
  throw new ConfigError(`${where}: ${JSON.stringify(value)} is not a migration version (a non-negative integer, or a string of digits)`);
}

function validateAllowMissing(value: unknown, file: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(`${file}: "allowMissing" must be an array of versions`);
  return value.map((v) => canonicalVersion(v, `${file}: "allowMissing"`));
}

function validateAlternateChecksums(value: unknown, file: string): Record<string, string[]> {
  const where = `${file}: "alternateChecksums"`;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${where} must be an object mapping versions to arrays of hex checksum prefixes`);
  }
  const out: Record<string, string[]> = {};
  for (const [version, prefixes] of Object.entries(value)) {
    const key = canonicalVersion(version, where);
    if (!Array.isArray(prefixes)) throw new ConfigError(`${where}: "${version}" must be an array of hex checksum prefixes`);
    out[key] = prefixes.map((p) => {
      if (typeof p !== 'string' || !/^[0-9a-fA-F]+$/.test(p) || p.length < MIN_CHECKSUM_PREFIX || p.length > 96) {
        throw new ConfigError(`${where}: ${JSON.stringify(p)} for "${version}" is not a hex checksum prefix of ${MIN_CHECKSUM_PREFIX} to 96 digits`);
      }
      return p.toLowerCase();
    });
  }
  return out;
}

async function readConfigFile(file: string, required: boolean): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return {};
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}:${jsonErrorPosition(text, (err as Error).message)}: invalid JSON (${(err as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`${file}: expected a JSON object`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ConfigError(`${file}: unknown key "${key}" (known: ${[...KNOWN_KEYS].filter((k) => k !== '$schema').join(', ')})`);
    }
    if (STRING_KEYS.has(key) && typeof value !== 'string') throw new ConfigError(`${file}: "${key}" must be a string`);
  }
  return parsed as ConfigFile;
}

/** `line:col` (1-based) of a JSON.parse error, from the offset V8 reports ("at position N"), else the end of the text. */
export function jsonErrorPosition(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Math.min(Number(at[1]), text.length) : text.length;
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}
