/**
 * A large, realistic migration set (test/fixtures/migrations-large: enums with ADD VALUE, domains,
 * composite types, generated columns, dollar-quoted and BEGIN ATOMIC function bodies, DO blocks,
 * views over views, a materialized view, renames and drops, `-- no-transaction` concurrent
 * indexes, non-ASCII text, a CRLF file) applied by `runMigrations` to PostgreSQL and to PGlite
 * must leave the same catalog behind — at least everything `prepare` reads from it.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { freshPGlite } from '../support/fresh-pglite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_TABLE } from '../../src/config/config.js';
import type { MigrationConnection } from '../../src/migrate/migration-connection.js';
import { pgClientConnection } from '../../src/migrate/pg-client-connection.js';
import { pgliteConnection } from '../../src/migrate/pglite-connection.js';
import { runMigrations, type RunMigrationsReport } from '../../src/migrate/run-migrations.js';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { REPO_ROOT } from '../support/project-dir.js';

const MIGRATIONS = path.join(REPO_ROOT, 'test/fixtures/migrations-large');

const reachable = await serverReachable();

/** What the catalog says about the schema, in a form that is identical wherever it was read. */
interface Catalog {
  columns: Array<{ relation: string; relkind: string; attnum: number; column_name: string; type: string; not_null: boolean; identity: string; generated: string }>;
  enums: Array<{ name: string; labels: string[] }>;
  domains: Array<{ name: string; base_type: string; not_null: boolean; default_expr: string | null; checks: string[] }>;
  composites: Array<{ name: string; attnum: number; field: string; type: string }>;
  functions: Array<{ name: string; kind: string; identity_args: string; args: string; return_type: string; result: string; returns_set: boolean; strict: boolean; volatility: string }>;
  indexes: Array<{ name: string; relation: string; is_unique: boolean; is_valid: boolean; is_partial: boolean }>;
}

// Views are compared by their columns only: their deparsed text may differ between versions.
const CATALOG_QUERIES: { [K in keyof Catalog]: string } = {
  columns: `
    SELECT c.relname::text AS relation, c.relkind::text AS relkind, a.attnum::int AS attnum, a.attname::text AS column_name,
           format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
           a.attidentity::text AS identity, a.attgenerated::text AS generated
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND c.relname <> $1 AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  enums: `
    SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typnamespace = 'public'::regnamespace
     GROUP BY t.typname ORDER BY 1`,
  domains: `
    SELECT t.typname::text AS name, format_type(t.typbasetype, t.typtypmod) AS base_type, t.typnotnull AS not_null,
           t.typdefault AS default_expr,
           coalesce((SELECT array_agg(co.conname::text ORDER BY co.conname)
                       FROM pg_constraint co WHERE co.contypid = t.oid AND co.contype = 'c'), '{}') AS checks
      FROM pg_type t
     WHERE t.typtype = 'd' AND t.typnamespace = 'public'::regnamespace
     ORDER BY 1`,
  composites: `
    SELECT t.typname::text AS name, a.attnum::int AS attnum, a.attname::text AS field, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_type t
      JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
      JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE t.typnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY 1, 2`,
  functions: `
    SELECT p.proname::text AS name, p.prokind::text AS kind,
           pg_get_function_identity_arguments(p.oid) AS identity_args, pg_get_function_arguments(p.oid) AS args,
           format_type(p.prorettype, NULL) AS return_type, pg_get_function_result(p.oid) AS result,
           p.proretset AS returns_set, p.proisstrict AS strict, p.provolatile::text AS volatility
      FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace
     ORDER BY 1, 3`,
  indexes: `
    SELECT i.relname::text AS name, c.relname::text AS relation, x.indisunique AS is_unique, x.indisvalid AS is_valid,
           x.indpred IS NOT NULL AS is_partial
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class c ON c.oid = x.indrelid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> $1
     ORDER BY 1`,
};

async function readCatalog(conn: MigrationConnection): Promise<Catalog> {
  const catalog = {} as Record<keyof Catalog, unknown[]>;
  for (const [key, sql] of Object.entries(CATALOG_QUERIES) as Array<[keyof Catalog, string]>) {
    catalog[key] = await conn.query(sql, sql.includes('$1') ? [DEFAULT_MIGRATIONS_TABLE] : []);
  }
  return catalog as unknown as Catalog;
}

interface BookkeepingRow {
  version: string;
  description: string;
  success: boolean;
}

function readBookkeeping(conn: MigrationConnection): Promise<BookkeepingRow[]> {
  return conn.query<BookkeepingRow>(`SELECT version::text AS version, description, success FROM ${DEFAULT_MIGRATIONS_TABLE} ORDER BY version`);
}

/** One success row per file: version and description as the file name spells them. */
async function expectedBookkeeping(): Promise<BookkeepingRow[]> {
  const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((f) => {
    const m = /^(\d+)_(.+)\.sql$/.exec(f)!;
    return { version: m[1]!, description: m[2]!.replace(/_/g, ' '), success: true };
  });
}

function expectCleanRun(report: RunMigrationsReport, fileCount: number): void {
  expect(report.problems).toEqual([]);
  expect(report.failed).toBeUndefined();
  expect(report.ok).toBe(true);
  expect(report.applied).toHaveLength(fileCount);
}

describe('the large migration set', () => {
  let lite: PGlite;
  let liteConn: MigrationConnection;
  let liteReport: RunMigrationsReport;
  let expected: BookkeepingRow[];

  beforeAll(async () => {
    expected = await expectedBookkeeping();
    // The only PGlite instance of this file: they take seconds to start.
    lite = await freshPGlite();
    liteConn = pgliteConnection(lite);
    liteReport = await runMigrations(liteConn, MIGRATIONS, {});
  });
  afterAll(async () => {
    await lite?.close();
  });

  it('is large and exercises what it promises', async () => {
    expect(expected.length).toBeGreaterThanOrEqual(42);
    const versions = expected.map((r) => BigInt(r.version));
    for (let i = 1; i < versions.length; i++) expect(versions[i]! > versions[i - 1]!).toBe(true);
  });

  it('applies on PGlite, one success row per file', async () => {
    expectCleanRun(liteReport, expected.length);
    expect(await readBookkeeping(liteConn)).toEqual(expected);
  });

  it('leaves the schema the migrations describe (PGlite)', async () => {
    const catalog = await readCatalog(liteConn);
    const enumLabels = Object.fromEntries(catalog.enums.map((e) => [e.name, e.labels]));
    // ADD VALUE … AFTER / BEFORE land in their declared positions.
    expect(enumLabels.issue_status).toEqual(['backlog', 'todo', 'in_progress', 'blocked', 'done', 'canceled']);
    expect(enumLabels.plan_interval).toEqual(['week', 'month', 'year']);
    expect(catalog.domains.find((d) => d.name === 'currency_code')).toMatchObject({ base_type: 'character(3)', not_null: true });
    expect(catalog.domains.find((d) => d.name === 'slug')).toMatchObject({ base_type: 'text', not_null: false, checks: ['slug_check', 'slug_not_reserved'] });
    expect(catalog.composites.filter((c) => c.name === 'money_amount').map((c) => `${c.field} ${c.type}`)).toEqual(['cents bigint', 'currency character(3)']);

    const columnsOf = (relation: string) => catalog.columns.filter((c) => c.relation === relation).map((c) => c.column_name);
    // Renamed table, dropped and renamed columns, recreated views.
    expect(columnsOf('tenants')).toEqual([]);
    expect(columnsOf('workspaces')).toContain('billing_currency');
    expect(columnsOf('issues')).not.toContain('labels');
    expect(columnsOf('issues')).toContain('description');
    expect(columnsOf('open_issues')).toEqual([
      'id', 'workspace_id', 'issue_key', 'title', 'status', 'priority', 'description', 'assignee_name', 'due_on', 'comment_count', 'created_at',
    ]);
    expect(columnsOf('board_columns')).toEqual(['workspace_id', 'status', 'issue_count', 'comment_count', 'next_due']);
    expect(catalog.columns.find((c) => c.relation === 'workspace_usage')?.relkind).toBe('m');
    expect(catalog.columns.find((c) => c.relation === 'invoices' && c.column_name === 'total_cents')).toMatchObject({ generated: 's', type: 'bigint' });
    expect(catalog.columns.find((c) => c.relation === 'users' && c.column_name === 'id')).toMatchObject({ identity: 'a', not_null: true });

    const fn = (name: string) => catalog.functions.filter((f) => f.name === name);
    expect(fn('schema_generation')).toMatchObject([{ return_type: 'integer', identity_args: '' }]);
    expect(fn('project_open_issue_count')).toMatchObject([{ return_type: 'bigint', volatility: 's' }]);
    expect(fn('issue_key')).toHaveLength(2);
    expect(fn('format_invoice_number')).toMatchObject([{ strict: true }]);
    expect(fn('recompute_invoice_subtotal')).toMatchObject([{ return_type: 'trigger' }]);

    // The no-transaction files built their indexes, and built them valid.
    const indexNames = catalog.indexes.map((i) => i.name);
    for (const name of ['issues_open_by_assignee', 'webhook_deliveries_due_idx', 'webhook_deliveries_event_idx', 'audit_events_workspace_time']) {
      expect(indexNames).toContain(name);
    }
    expect(catalog.indexes.filter((i) => !i.is_valid)).toEqual([]);
  });

  describe.skipIf(!reachable)('on PostgreSQL and on PGlite', () => {
    let db: TestDatabase;
    let client: pg.Client;
    let serverConn: MigrationConnection;
    let serverReport: RunMigrationsReport;

    beforeAll(async () => {
      db = await createTestDatabase('sqlsure_large_set');
      client = new pg.Client({ connectionString: db.url });
      await client.connect();
      serverConn = pgClientConnection(client);
      serverReport = await runMigrations(serverConn, MIGRATIONS, {});
    });
    afterAll(async () => {
      await client?.end();
      await db?.drop();
    });

    it('applies on PostgreSQL, one success row per file', async () => {
      expectCleanRun(serverReport, expected.length);
      expect(await readBookkeeping(serverConn)).toEqual(expected);
    });

    it('leaves identical catalogs: columns, enums, domains, composites, functions, indexes', async () => {
      const [onServer, onLite] = [await readCatalog(serverConn), await readCatalog(liteConn)];
      expect(onServer.columns.length).toBeGreaterThan(200);
      // Key by key first, so a failure names the part that differs.
      for (const key of Object.keys(CATALOG_QUERIES) as Array<keyof Catalog>) {
        expect(onLite[key], key).toEqual(onServer[key]);
      }
      expect(onLite).toEqual(onServer);
    });

    it('ran the data migrations identically (seed rows, fixes, triggers)', async () => {
      const snapshot = `
        SELECT json_build_object(
          'plans', (SELECT json_agg(json_build_array(code, name, (price).cents, (price).currency, billing, features, is_public) ORDER BY code) FROM plans),
          'issues', (SELECT json_agg(json_build_array(number, title, status, comment_count) ORDER BY number) FROM issues),
          'users', (SELECT json_agg(display_name ORDER BY email) FROM users),
          'usage', (SELECT json_agg(json_build_array(slug, member_count, active_projects, issue_count)) FROM workspace_usage),
          'audit', (SELECT count(*) FROM audit_events)
        )::text AS doc`;
      const [server] = await serverConn.query<{ doc: string }>(snapshot);
      const [onLite] = await liteConn.query<{ doc: string }>(snapshot);
      const doc = JSON.parse(server!.doc);
      expect(JSON.parse(onLite!.doc)).toEqual(doc);
      expect(doc.plans.find((p: unknown[]) => p[0] === 'team_jp')).toEqual(['team_jp', 'チーム・プロ (日本)', 12000, 'JPY', 'month', ['issues', 'labels'], false]);
      expect(doc.issues.map((i: unknown[]) => i[1])).toContain("Réparer l'export CSV (é, è, ê)");
    });
  });
});
