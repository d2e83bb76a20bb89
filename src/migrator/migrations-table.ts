/**
 * The bookkeeping table, sqlx's layout: one row per applied migration. The name may be
 * schema-qualified; once located, every statement uses the fully qualified name, so a migration
 * that changes `search_path` cannot redirect the bookkeeping.
 */
import { ConfigError } from '../config/config.js';
import type { AppliedMigration } from './migration.js';
import type { MigrationConnection } from './migration-connection.js';

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
    if (!m) throw new ConfigError(`invalid migrations table name "${text}" (expected name or schema.name)`);
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase());
    pos = part.lastIndex;
    if (pos === text.length) break;
    if (text[pos] !== '.' || parts.length === 2) throw new ConfigError(`invalid migrations table name "${text}" (expected name or schema.name)`);
    pos++;
  }
  return parts.length === 2 ? { schema: parts[0]!, table: parts[1]! } : { table: parts[0]! };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface Row {
  version: string;
  description: string;
  installed_on: Date | string | null;
  success: boolean;
  checksum: string;
  execution_time: string;
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

  /** Creates the table (and a named schema) when missing. */
  async ensure(): Promise<void> {
    if (await this.exists()) return;
    if (this.#name.schema) await this.#conn.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.#name.schema)}`);
    await this.#conn.exec(`CREATE TABLE IF NOT EXISTS ${this.#qualified()} (
  version BIGINT PRIMARY KEY,
  description TEXT NOT NULL,
  installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
  success BOOLEAN NOT NULL,
  checksum BYTEA NOT NULL,
  execution_time BIGINT NOT NULL
)`);
  }

  async rows(): Promise<AppliedMigration[]> {
    const rows = await this.#conn.query<Row>(
      `SELECT version::text AS version, description, installed_on, success, encode(checksum, 'hex') AS checksum,
              execution_time::text AS execution_time
         FROM ${this.#qualified()} ORDER BY version`,
    );
    return rows.map((r) => ({
      version: BigInt(r.version),
      description: r.description,
      installedOn: r.installed_on === null ? null : new Date(r.installed_on),
      success: r.success,
      checksum: Buffer.from(r.checksum, 'hex'),
      executionTimeNs: BigInt(r.execution_time),
    }));
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
