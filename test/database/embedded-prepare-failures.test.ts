/**
 * `prepare` with no DATABASE_URL: the PGlite contrib modules the migrations create are loaded, and
 * a failing migration is reported at file:line:col with its SQLSTATE (exit 1). Runs the real CLI;
 * each test is its own project with its own snapshot folder.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, removeProject, runCli, snapshotTree } from '../support/project-dir.js';

describe('embedded prepare with extensions and failures', () => {
  it('loads the PGlite contrib modules the migrations create', async () => {
    const project = await makeProject({
      'migrations/1_extensions.sql': 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION citext;\nCREATE EXTENSION pg_trgm;\n',
      'migrations/2_people.sql':
        'CREATE TABLE people (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), email citext NOT NULL, nick citext);\nCREATE INDEX people_email_trgm ON people USING gin (email gin_trgm_ops);\n',
      'queries/people.sql': '-- name: FindPeople :many\nSELECT id, email, nick, similarity(email, :q!) AS score FROM people WHERE email % :q!;\n',
    });
    const cacheDir = await makeProject();
    try {
      const r = await runCli(['prepare'], { cwd: project, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir } });
      expect(r.stderr).toContain('prepared 1 of 1 query');
      expect(r.code).toBe(0);
      const generated = (await snapshotTree(project))['generated/people.ts']!;
      expect(generated).toContain('email: string;');
      expect(generated).toContain('nick: string | null;');
      expect(generated).toContain('score: number | null;');
    } finally {
      await removeProject(project);
      await removeProject(cacheDir);
    }
  });

  it('reports a failing migration with file:line:col and SQLSTATE, exit 1', async () => {
    const project = await makeProject({
      'migrations/1_ok.sql': 'CREATE TABLE a (id int);\n',
      'migrations/2_bad.sql': '-- é\nCREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x nosuchtype;\n',
      'queries/a.sql': 'SELECT id FROM a;\n',
    });
    const cacheDir = await makeProject();
    try {
      const r = await runCli(['prepare'], { cwd: project, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/migrations\/2_bad\.sql:3:28: error \[42704\]: .*type "nosuchtype" does not exist/);
    } finally {
      await removeProject(project);
      await removeProject(cacheDir);
    }
  });
});
