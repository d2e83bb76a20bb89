/**
 * The schema fingerprint lives in schema.json only: a migration that changes no query's
 * description (an index) rewrites schema.json and nothing else, so two branches that each add a
 * migration conflict in one file, not in every cache entry. prepare still describes every query
 * again after it, and check still notices a cache prepared against other migrations.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, makeProject, removeProject, runCli, snapshotTree } from '../support/project-dir.js';

describe('a migration that changes no query', () => {
  let dir: string;
  let localCache: string;
  const env = () => ({ DATABASE_URL: undefined, SQLSURE_CACHE_DIR: localCache });

  beforeAll(async () => {
    dir = await copyExample();
    localCache = path.join(await makeProject(), 'cache');
  });
  afterAll(async () => {
    await removeProject(dir);
    await removeProject(path.dirname(localCache));
  });

  it('changes offline-cache/schema.json alone', { timeout: 180_000 }, async () => {
    const first = await runCli(['prepare'], { cwd: dir, env: env() });
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshotTree(dir);
    const entries = Object.keys(before).filter((f) => /^offline-cache\/query-[0-9a-f]{64}\.json$/.test(f));
    expect(entries.length).toBeGreaterThan(40);
    for (const f of entries) expect(before[f]).not.toContain('schemaHash');

    await writeFile(path.join(dir, 'migrations/0100_index_audit_time.sql'), 'CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);\n');
    const stale = await runCli(['check'], { cwd: dir, env: env() });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('the migrations changed since the cache was prepared');

    const second = await runCli(['prepare'], { cwd: dir, env: env() });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('the migrations changed since the last prepare: describing every query');
    expect(second.stderr).toMatch(new RegExp(`: ${entries.length} described, 0 unchanged`));
    const after = await snapshotTree(dir);
    expect(changedOutputs(before, after)).toEqual(['offline-cache/schema.json']);
    expect((await runCli(['check'], { cwd: dir, env: env() })).code).toBe(0);

    // And again with a second migration appended to by hand: still schema.json alone.
    await appendFile(path.join(dir, 'migrations/0100_index_audit_time.sql'), 'CREATE INDEX audit_log_action_time_idx ON audit_log (action, occurred_at);\n');
    const third = await runCli(['prepare'], { cwd: dir, env: env() });
    expect(third.code, third.stderr).toBe(0);
    const last = await snapshotTree(dir);
    expect(changedOutputs(after, last)).toEqual(['offline-cache/schema.json']);
  });
});

/**
 * Changed files among the query entries, schema.json and the query modules. Outputs that record the
 * migrations themselves (the migrations manifest and module) follow every migration by design.
 */
function changedOutputs(before: Record<string, string>, after: Record<string, string>): string[] {
  const relevant = (f: string) => /^offline-cache\/(query-[0-9a-f]{64}|schema)\.json$/.test(f) || (f.startsWith('generated/') && !f.startsWith('generated/_'));
  return Object.keys({ ...before, ...after })
    .filter((f) => relevant(f) && before[f] !== after[f])
    .sort();
}
