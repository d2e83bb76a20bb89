/**
 * Maps `CREATE EXTENSION` names found in the migrations to the contrib modules PGlite ships, so
 * the embedded database can build a schema that uses them.
 */
import type { Extension } from '@electric-sql/pglite';

/** Built into every PostgreSQL: nothing to load. */
const BUILT_IN = new Set(['plpgsql']);

export class UnsupportedExtensionError extends Error {
  constructor(readonly extension: string) {
    super(
      `the embedded database (PGlite) does not ship the "${extension}" extension that the migrations create; ` +
        'set DATABASE_URL (or --database-url) to prepare against a PostgreSQL server that has it',
    );
    this.name = 'UnsupportedExtensionError';
  }
}

export async function loadPgliteExtensions(names: readonly string[]): Promise<Record<string, Extension>> {
  const extensions: Record<string, Extension> = {};
  for (const name of [...new Set(names)].sort()) {
    if (BUILT_IN.has(name)) continue;
    const moduleName = name.replace(/-/g, '_');
    if (!/^[a-z0-9_]+$/.test(moduleName)) throw new UnsupportedExtensionError(name);
    let mod: Record<string, Extension>;
    try {
      mod = (await import(`@electric-sql/pglite/contrib/${moduleName}`)) as Record<string, Extension>;
    } catch {
      throw new UnsupportedExtensionError(name);
    }
    const extension = mod[moduleName];
    if (!extension) throw new UnsupportedExtensionError(name);
    extensions[moduleName] = extension;
  }
  return extensions;
}
