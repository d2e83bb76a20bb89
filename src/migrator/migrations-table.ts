/**
 * The bookkeeping table, sqlx's layout: one row per applied migration. The name may be
 * schema-qualified; once located, every statement uses the fully qualified name, so a migration
 * that changes `search_path` cannot redirect the bookkeeping.
 *
 * Beside it, `<table>_compat` lists the applied migrations that declared themselves breaking
 * (`-- sqlsure: breaking`); the newest is the compatibility floor. A side table rather than a
 * column, so the bookkeeping table keeps sqlx's exact layout and sqlx can still run against it.
 */
import type { MigrationConnection } from './migration-connection.js';
import { MigrationOptionError, type AppliedMigration, type CompatibilityFloor } from './migration-record.js';

export interface TableName {
  schema?: string;
  table: string;
}

/** `name`, `schema.name`, either part double-quoted; unquoted parts fold to lower case, as in SQL. */
export function parseTableName(text: string): TableName {
  const parts: string[] = [];
  const part = /\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\s*/y;
  let pos = 0;
  for (;;) {
    part.lastIndex = pos;
    const m = part.exec(text);
    if (!m) throw new MigrationOptionError(`invalid migrations table name "${text}" (expected name or schema.name)`);
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase());
    pos = part.lastIndex;
    if (pos === text.length) break;
    if (text[pos] !== '.' || parts.length === 2) throw new MigrationOptionError(`invalid migrations table name "${text}" (expected name or schema.name)`);
    pos++;
  }
  return parts.length === 2 ? { schema: parts[0]!, table: parts[1]! } : { table: parts[0]! };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQL name of the compatibility side table: the bookkeeping table's name + `_compat`, in its schema. */
export function compatTableName(name: TableName): TableName {
  return { ...name, table: `${name.table}_compat` };
}

function compatTableSql(qualifiedTable: string): string {
  // `"schema"."table"` → `"schema"."table_compat"`
  return `${qualifiedTable.slice(0, -1)}_compat"`;
}

/** As read: NOT NULL columns can still hold NULL in a table made or edited by someone else. */
interface Row {
  version: string;
  description: string | null;
  installed_on: Date | string | null;
  success: boolean | null;
  checksum: string | null;
  execution_time: string | null;
}

/** The bookkeeping table holds something the runner cannot trust or read. */
export class MigrationTableError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`${message}\n  hint: ${hint}`);
    this.name = 'MigrationTableError';
  }
}

export class MigrationsTable {
  readonly #conn: MigrationConnection;
  readonly #name: TableName;
  /** Fully qualified and quoted, once located. */
  #sql: string | undefined;

  constructor(conn: MigrationConnection, name: string) {
    this.#conn = conn;
    this.#name = parseTableName(name);
  }

  /** As the user wrote it, for messages. */
  get displayName(): string {
    return this.#name.schema ? `${this.#name.schema}.${this.#name.table}` : this.#name.table;
  }

  /**
   * Finds the table. Unqualified, it is looked up on the search path like sqlx does; when absent it
   * would be created in `current_schema()`.
   */
  async exists(): Promise<boolean> {
    const target = this.#name.schema ? `${quoteIdent(this.#name.schema)}.${quoteIdent(this.#name.table)}` : quoteIdent(this.#name.table);
    const [found] = await this.#conn.query<{ schema: string | null; current: string | null }>(
      `SELECT (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = pg_catalog.to_regclass($1)) AS schema,
              pg_catalog.current_schema() AS current`,
      [target],
    );
    const schema = this.#name.schema ?? found?.schema ?? found?.current ?? undefined;
    if (!schema) throw new Error(`cannot create the migrations table ${this.displayName}: the search_path names no existing schema`);
    this.#sql = `${quoteIdent(schema)}.${quoteIdent(this.#name.table)}`;
    return found?.schema != null;
  }

  /** Creates the table (and a named schema) when missing, and the compatibility side table. */
  async ensure(): Promise<void> {
    if (await this.exists()) {
      await this.#ensureCompat();
      return;
    }
    if (this.#name.schema) await this.#conn.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.#name.schema)}`);
    await this.#conn.exec(`CREATE TABLE IF NOT EXISTS ${this.#qualified()} (
  version BIGINT PRIMARY KEY,
  description TEXT NOT NULL,
  installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
  success BOOLEAN NOT NULL,
  checksum BYTEA NOT NULL,
  execution_time BIGINT NOT NULL
)`);
    await this.#ensureCompat();
  }

  async #ensureCompat(): Promise<void> {
    if (await this.#compatExists()) return; // no "already exists" notice on every run
    await this.#conn.exec(`CREATE TABLE IF NOT EXISTS ${this.#compat()} (
  version BIGINT PRIMARY KEY,
  description TEXT NOT NULL,
  recorded_on TIMESTAMPTZ NOT NULL DEFAULT now()
)`);
  }

  /** Records an applied breaking migration (idempotent). */
  async recordBreaking(version: bigint, description: string): Promise<void> {
    await this.#conn.query(
      `INSERT INTO ${this.#compat()} (version, description) VALUES ($1::bigint, $2) ON CONFLICT (version) DO NOTHING`,
      [String(version), description],
    );
  }

  /** Forgets a breaking migration that was reverted or marked pending (no-op when absent). */
  async forgetBreaking(version: bigint): Promise<void> {
    if (!(await this.#compatExists())) return;
    await this.#conn.query(`DELETE FROM ${this.#compat()} WHERE version = $1::bigint`, [String(version)]);
  }

  /** Versions recorded as breaking; none when the side table does not exist (a sqlx database). */
  async breakingVersions(): Promise<bigint[]> {
    if (!(await this.#compatExists())) return [];
    const rows = await this.#conn.query<{ version: string }>(`SELECT version::text AS version FROM ${this.#compat()} ORDER BY version`);
    return rows.map((r) => BigInt(r.version));
  }

  /** The newest applied breaking migration, if any. */
  async compatibilityFloor(): Promise<CompatibilityFloor | undefined> {
    if (!(await this.#compatExists())) return undefined;
    const [row] = await this.#conn.query<{ version: string; description: string }>(
      `SELECT version::text AS version, description FROM ${this.#compat()} ORDER BY version DESC LIMIT 1`,
    );
    return row ? { version: BigInt(row.version), description: row.description } : undefined;
  }

  async #compatExists(): Promise<boolean> {
    const [row] = await this.#conn.query<{ found: boolean }>(`SELECT pg_catalog.to_regclass($1) IS NOT NULL AS found`, [this.#compat()]);
    return row?.found === true;
  }

  #compat(): string {
    this.#qualified();
    return compatTableSql(this.#sql!);
  }

  async rows(): Promise<AppliedMigration[]> {
    const rows = await this.#conn.query<Row>(
      `SELECT version::text AS version, description, installed_on, success, encode(checksum, 'hex') AS checksum,
              execution_time::text AS execution_time
         FROM ${this.#qualified()} ORDER BY version`,
    );
    return rows.map((r) => {
      this.#checkRow(r);
      return {
        version: BigInt(r.version),
        description: r.description!,
        installedOn: r.installed_on === null ? null : new Date(r.installed_on),
        success: r.success!,
        checksum: Buffer.from(r.checksum!, 'hex'),
        executionTimeNs: BigInt(r.execution_time!),
      };
    });
  }

  /** A row edited by hand (or by another tool) may hold NULLs the bookkeeping cannot work with. */
  #checkRow(r: Row): void {
    const nulls = (['description', 'success', 'checksum', 'execution_time'] as const).filter((k) => r[k] === null);
    if (nulls.length === 0) return;
    const label = r.description === null ? `version ${r.version}` : `version ${r.version} (${r.description})`;
    throw new MigrationTableError(
      `the migrations table ${this.displayName} has a row sqlsure cannot read: ${label} has NULL ${nulls.join(', ')}`,
      'fix the row by hand (every column but installed_on is required; the checksum records which file content was applied), or delete it if that migration was never applied',
    );
  }

  async insert(row: { version: bigint; description: string; success: boolean; checksum: Buffer; executionTimeNs: bigint }): Promise<void> {
    await this.#conn.query(
      `INSERT INTO ${this.#qualified()} (version, description, success, checksum, execution_time)
       VALUES ($1::bigint, $2, $3, decode($4, 'hex'), $5::bigint)`,
      [String(row.version), row.description, row.success, row.checksum.toString('hex'), String(row.executionTimeNs)],
    );
  }

  async update(version: bigint, set: { success?: boolean; checksum?: Buffer; executionTimeNs?: bigint }): Promise<void> {
    await this.#conn.query(
      `UPDATE ${this.#qualified()}
          SET success = coalesce($2, success),
              checksum = coalesce(decode($3, 'hex'), checksum),
              execution_time = coalesce($4::bigint, execution_time)
        WHERE version = $1::bigint`,
      [
        String(version),
        set.success ?? null,
        set.checksum ? set.checksum.toString('hex') : null,
        set.executionTimeNs !== undefined ? String(set.executionTimeNs) : null,
      ],
    );
  }

  async delete(version: bigint): Promise<void> {
    await this.#conn.query(`DELETE FROM ${this.#qualified()} WHERE version = $1::bigint`, [String(version)]);
  }

  #qualified(): string {
    if (!this.#sql) throw new Error('internal: migrations table used before it was located');
    return this.#sql;
  }
}
