/**
 * What `npm pack` ships: the built dist/ and the config schema, and no script that npm would run
 * in the user's project on install (dist/ is built by `prepack`, before packing).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../support/project-dir.js';

const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

it('runs no script on install; builds before packing', () => {
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook], hook).toBeUndefined();
  expect(pkg.scripts.prepack).toBe('npm run build');
});

it('packs dist/ and the config schema, not the sources or tests', async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT });
  const files = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  expect(files).toContain('dist/cli/main.js');
  expect(files).toContain('dist/runtime/index.js');
  expect(files).toContain('schema/sqlsure.config.schema.json');
  expect(files).toContain('package.json');
  expect(files.filter((f) => /^(src|test|node_modules)\//.test(f))).toEqual([]);
}, 60_000);
