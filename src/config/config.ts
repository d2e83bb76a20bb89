/** `sqlsure.config.json` (optional), defaults, and command-line overrides. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const CONFIG_FILE = 'sqlsure.config.json';

export interface ConfigFile {
  queries?: string;
  migrations?: string;
  generated?: string;
  cache?: string;
  databaseUrl?: string;
}

export interface ConfigOverrides extends ConfigFile {
  root?: string;
  /** Path to the config file; when given it must exist. */
  config?: string;
}

export interface ResolvedConfig {
  /** Absolute project root. */
  root: string;
  /** Folders relative to the root, `/`-separated. */
  queries: string;
  migrations: string;
  generated: string;
  cache: string;
  /** Flag, then env DATABASE_URL, then config file; undefined means the embedded database. */
  databaseUrl?: string;
}

/** Bad configuration or usage: the CLI exits with code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const DEFAULTS = { queries: 'queries', migrations: 'migrations', generated: 'generated', cache: 'offline-cache' } as const;
const KNOWN_KEYS = new Set(['$schema', 'queries', 'migrations', 'generated', 'cache', 'databaseUrl']);

export async function resolveConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedConfig> {
  const root = path.resolve(overrides.root ?? '.');
  const configPath = overrides.config ? path.resolve(overrides.config) : path.join(root, CONFIG_FILE);
  const fromFile = await readConfigFile(configPath, overrides.config !== undefined);
  const pick = (key: keyof typeof DEFAULTS): string => normalise(overrides[key] ?? fromFile[key] ?? DEFAULTS[key], key);
  const databaseUrl = overrides.databaseUrl || env.DATABASE_URL || fromFile.databaseUrl || undefined;
  return {
    root,
    queries: pick('queries'),
    migrations: pick('migrations'),
    generated: pick('generated'),
    cache: pick('cache'),
    ...(databaseUrl ? { databaseUrl } : {}),
  };
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
    throw new ConfigError(`${file}: invalid JSON (${(err as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`${file}: expected a JSON object`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ConfigError(`${file}: unknown key "${key}" (known: ${[...KNOWN_KEYS].filter((k) => k !== '$schema').join(', ')})`);
    }
    if (key !== '$schema' && typeof value !== 'string') throw new ConfigError(`${file}: "${key}" must be a string`);
  }
  return parsed as ConfigFile;
}

function normalise(p: string, key: string): string {
  if (!p.trim()) throw new ConfigError(`"${key}" must not be empty`);
  return path.normalize(p).split(path.sep).join('/').replace(/\/$/, '');
}
