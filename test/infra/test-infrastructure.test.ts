/**
 * The guards of the test run itself (test/support/global-setup.ts): a stale dist/ is detected, and
 * an unreachable PostgreSQL is a failure unless the developer opted out — never in CI.
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBuildReason } from '../support/fresh-build.js';
import { skipPgRequested, unreachableServerMessage } from '../support/pg-test-database.js';
import { makeProject, removeProject } from '../support/project-dir.js';

describe('stale build detection', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await removeProject(root);
  });

  /** A project with src/a.ts and src/sub/b.ts, and their outputs, each at the given time (seconds). */
  const project = async (times: { a: number; b: number; outA?: number; outB?: number; config?: number }) => {
    root = await makeProject({ 'src/a.ts': '', 'src/sub/b.ts': '', 'src/types.d.ts': '', 'tsconfig.build.json': '{}' });
    const at = (file: string, seconds: number) => utimes(path.join(root!, file), seconds, seconds);
    await mkdir(path.join(root, 'dist/sub'), { recursive: true });
    await at('src/a.ts', times.a);
    await at('src/sub/b.ts', times.b);
    await at('src/types.d.ts', 9_000); // declaration files have no output of their own
    await at('tsconfig.build.json', times.config ?? 0);
    for (const [file, t] of [['dist/a.js', times.outA], ['dist/sub/b.js', times.outB]] as const) {
      if (t === undefined) continue;
      await writeFile(path.join(root, file), '');
      await at(file, t);
    }
    return root;
  };

  it('accepts a build newer than every source', async () => {
    expect(staleBuildReason(await project({ a: 100, b: 100, outA: 200, outB: 200 }))).toBeUndefined();
  });

  it('names a source newer than its output, in a subfolder too', async () => {
    expect(staleBuildReason(await project({ a: 100, b: 300, outA: 200, outB: 200 }))).toBe('src/sub/b.ts is newer than its build');
  });

  it('names a missing output', async () => {
    expect(staleBuildReason(await project({ a: 100, b: 100, outA: 200 }))).toBe('dist/sub/b.js is missing');
  });

  it('notices compiler settings changed after the build', async () => {
    expect(staleBuildReason(await project({ a: 100, b: 100, outA: 200, outB: 200, config: 250 }))).toBe('tsconfig.build.json is newer than the build');
  });

  /** The same, plus src/runtime/codecs.ts compiled at 200 and the runtime bundle built at `bundle`. */
  const withRuntime = async (codecs: number, bundle?: number) => {
    const dir = await project({ a: 100, b: 100, outA: 200, outB: 200 });
    const at = (file: string, seconds: number) => utimes(path.join(dir, file), seconds, seconds);
    await mkdir(path.join(dir, 'src/runtime'), { recursive: true });
    await mkdir(path.join(dir, 'dist/runtime'), { recursive: true });
    await writeFile(path.join(dir, 'src/runtime/codecs.ts'), '');
    await writeFile(path.join(dir, 'dist/runtime/codecs.js'), '');
    await at('src/runtime/codecs.ts', codecs);
    await at('dist/runtime/codecs.js', 200);
    if (bundle !== undefined) {
      await writeFile(path.join(dir, 'dist/runtime/bundle.js'), '');
      await at('dist/runtime/bundle.js', bundle);
    }
    return dir;
  };

  it('names a missing sqlsure/runtime bundle (tsc alone does not build it)', async () => {
    expect(staleBuildReason(await withRuntime(100))).toBe('dist/runtime/bundle.js is missing');
  });

  it('names a runtime source newer than the bundle, though tsc compiled it', async () => {
    expect(staleBuildReason(await withRuntime(150, 120))).toBe('src/runtime/codecs.ts is newer than dist/runtime/bundle.js');
    expect(staleBuildReason(await withRuntime(150, 210))).toBeUndefined();
  });
});

describe('without PostgreSQL', () => {
  it('skips only on the explicit opt-out, and never under REQUIRE_REAL_PG=1', () => {
    expect(skipPgRequested({})).toBe(false);
    expect(skipPgRequested({ SQLSURE_TEST_SKIP_PG: 'true' })).toBe(false);
    expect(skipPgRequested({ SQLSURE_TEST_SKIP_PG: '1' })).toBe(true);
    expect(skipPgRequested({ SQLSURE_TEST_SKIP_PG: '1', REQUIRE_REAL_PG: '1' })).toBe(false);
  });

  it('says how to start a server, where to point TEST_DATABASE_URL, and how to opt out', () => {
    const message = unreachableServerMessage('ECONNREFUSED', {});
    expect(message).toContain('is unreachable (ECONNREFUSED)');
    expect(message).toContain('pg_ctlcluster 15 main start');
    expect(message).toContain('TEST_DATABASE_URL');
    expect(message).toContain('SQLSURE_TEST_SKIP_PG=1 npm test');
    expect(message).not.toContain('is ignored');
    expect(unreachableServerMessage('ECONNREFUSED', { REQUIRE_REAL_PG: '1', SQLSURE_TEST_SKIP_PG: '1' })).toContain(
      'REQUIRE_REAL_PG=1 is set, so SQLSURE_TEST_SKIP_PG=1 is ignored',
    );
  });
});

describe('the build leaves the bin executable', () => {
  const repo = path.resolve(import.meta.dirname, '../..');

  it('npm run build finishes by marking every bin executable (tsc writes them 0644)', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/&& node scripts\/mark-bin-executable\.mjs$/);
  });

  it('the marking script makes a freshly compiled bin executable', async () => {
    const { chmod, stat } = await import('node:fs/promises');
    const { spawnSync } = await import('node:child_process');
    const root = await makeProject({
      'package.json': JSON.stringify({ name: 'x', bin: { x: 'dist/cli/main.js' } }),
      'dist/cli/main.js': '#!/usr/bin/env node\n',
    });
    try {
      await chmod(path.join(root, 'dist/cli/main.js'), 0o644);
      const r = spawnSync(process.execPath, [path.join(repo, 'scripts/mark-bin-executable.mjs'), root], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect((await stat(path.join(root, 'dist/cli/main.js'))).mode & 0o111).toBe(0o111);
    } finally {
      await removeProject(root);
    }
  });
});
