/**
 * The type matrix described by PostgreSQL 15 and by the embedded PGlite (PostgreSQL 18) must give
 * the same cache entries: same type names, same nullability, hence the same TypeScript types.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli, snapshotTree } from '../support/project-dir.js';

const TYPES = [
  'int2', 'int4', 'int8', 'numeric', 'money', 'float4', 'float8', 'bool', 'text', 'varchar(20)', 'char(3)', 'name',
  'uuid', 'bytea', 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval', 'json', 'jsonb', 'inet', 'cidr',
  'macaddr', 'point', 'tsvector', 'xml', 'bit(3)', 'varbit', 'int4range', 'tstzrange', 'mood', 'positive_int', 'pair',
];

const MIGRATION = `
CREATE TYPE mood AS ENUM ('happy', 'sad', 'it''s complicated');
CREATE DOMAIN positive_int AS int4 CHECK (VALUE > 0);
CREATE TYPE pair AS (a int4, b text);
CREATE TABLE matrix (
${TYPES.map((t, i) => `  c${i} ${t} NOT NULL,\n  a${i} ${t}[]`).join(',\n')}
);
`;

const QUERY = `-- name: AllTypes :many
SELECT * FROM matrix;

-- name: InsertAll :exec
INSERT INTO matrix VALUES (${TYPES.map((_, i) => `:c${i}, :a${i}`).join(', ')});
`;

const reachable = await serverReachable();

describe.skipIf(!reachable)('type matrix on PostgreSQL 15 and PGlite', () => {
  let db: TestDatabase;
  let server: string;
  let embedded: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const files = { 'migrations/1_matrix.sql': MIGRATION, 'queries/matrix.sql': QUERY };
    server = await makeProject(files);
    embedded = await makeProject(files);
    await runSqlFiles(db.url, path.join(server, 'migrations'));
  });
  afterAll(async () => {
    await removeProject(server);
    await removeProject(embedded);
    await db?.drop();
  });

  it('produces byte-identical cache entries and modules', async () => {
    // Two projects, two processes: they run side by side.
    const [a, b] = await Promise.all([
      runCli(['prepare', '--database-url', db.url], { cwd: server }),
      runCli(['prepare'], { cwd: embedded, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: path.join(embedded, '.cache') } }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const pick = async (dir: string) =>
      Object.fromEntries(Object.entries(await snapshotTree(dir)).filter(([f]) => f.startsWith('offline-cache/') || f.startsWith('generated/')));
    const fromServer = await pick(server);
    expect(Object.keys(fromServer).length).toBeGreaterThan(2);
    expect(await pick(embedded)).toEqual(fromServer);
    const module = fromServer['generated/matrix.ts']!;
    const mood = TYPES.indexOf('mood');
    expect(module).toContain(`c${mood}: "happy" | "sad" | "it's complicated";`);
    expect(module).toContain(`a${mood}: ("happy" | "sad" | "it's complicated" | null)[] | null;`);
  });
});
