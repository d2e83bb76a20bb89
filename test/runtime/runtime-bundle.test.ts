/**
 * An application pays for `sqlsure/runtime` at start-up: the package ships it as one bundled
 * file (built by `npm run build` and by the tests' fresh build), so importing it resolves and
 * compiles a single module. Its types still come from tsc's declarations.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/project-dir.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };

/**
 * Imports `specifier` in a fresh Node (from the repository, which resolves its own package name)
 * with a loader hook that records every module loaded; returns the modules and the export names.
 */
function importInFreshProcess(specifier: string): { loaded: string[]; exports: string[] } {
  const hook = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
  const script = [
    `import { register } from 'node:module';`,
    `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`,
    `const m = await import(${JSON.stringify(specifier)});`,
    `console.log(JSON.stringify(Object.keys(m).sort()));`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const loaded = [...r.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1]!);
  return { loaded, exports: JSON.parse(r.stdout) as string[] };
}

describe('sqlsure/runtime as shipped', () => {
  it('is a single file that imports nothing but Node built-ins', () => {
    const { loaded } = importInFreshProcess('sqlsure/runtime');
    const files = loaded.filter((url) => url.startsWith('file:'));
    expect(files).toHaveLength(1);
    const others = loaded.filter((url) => !url.startsWith('file:'));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(others.filter((url) => !builtins.has(url))).toEqual([]);
    // And it is the file package.json names, built from src/runtime (not tsc's re-exporting index).
    const entry = fileURLToPath(files[0]!);
    expect(path.relative(REPO_ROOT, entry)).toBe(pkg.exports['./runtime']!.default.replace(/^\.\//, ''));
    expect(readFileSync(entry, 'utf8')).not.toMatch(/^\s*(?:import|export)\s[^;]*\sfrom\s*['"]\.{1,2}\//m);
  });

  it('exports exactly what src/runtime/index.ts exports (the bundle is not stale)', async () => {
    const source = Object.keys(await import('../../src/runtime/index.js')).sort();
    expect(importInFreshProcess('sqlsure/runtime').exports).toEqual(source);
  });

  it('takes its types from the declarations tsc writes', () => {
    const types = pkg.exports['./runtime']!.types;
    expect(types).toBe('./dist/runtime/index.d.ts');
    expect(existsSync(path.join(REPO_ROOT, types))).toBe(true);
  });
});
