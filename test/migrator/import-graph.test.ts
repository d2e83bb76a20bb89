/**
 * `sqlsure/migrator` is imported by deployed applications: its import graph must stay inside
 * dist/migrator and Node's built-ins — no pg, no PGlite, no libpg-query, no yargs, nothing heavy.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/project-dir.js';

const ENTRY = path.join(REPO_ROOT, 'dist/migrator/index.js');
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(?\s*['"]([^'"]+)['"]/gm;

/** Every file and bare specifier reachable from `entry`, static and dynamic imports alike. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(SPECIFIER)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => path.relative(REPO_ROOT, f)).sort(), packages: [...packages].sort() };
}

describe('sqlsure/migrator import graph', () => {
  it('is built and exported as sqlsure/migrator', () => {
    expect(existsSync(ENTRY)).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./migrator']).toEqual({ types: './dist/migrator/index.d.ts', default: './dist/migrator/index.js' });
  });

  it('reaches only dist/migrator files and Node built-ins', () => {
    const { files, packages } = importGraph(ENTRY);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(f).toMatch(/^dist\/migrator\/[a-z-]+\.js$/);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(packages.filter((p) => !builtins.has(p))).toEqual([]);
    // The walker does see packages: the CLI's runner (which splits with the parser) reaches libpg-query.
    expect(importGraph(path.join(REPO_ROOT, 'dist/migrate/run-migrations.js')).packages).toContain('libpg-query');
  });

  it('loads in a fresh process without resolving a driver, the parser or any other package', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sqlsure-graph-'));
    try {
      // Records every package specifier resolved while importing the entry point.
      const hooks = path.join(dir, 'record.mjs');
      await writeFile(
        hooks,
        `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  if (!/^(node:|\\\\.|\\\\/|file:|data:)/.test(specifier) && !${JSON.stringify(builtinModules)}.includes(specifier) && specifier !== 'sqlsure/migrator') {
    throw new Error('sqlsure/migrator imported the package ' + specifier);
  }
  return next(specifier, context);
}\`));
`,
      );
      const run = (script: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', hooks, '--input-type=module', '-e', script], { cwd: REPO_ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      const migrator = await run(`const m = await import('sqlsure/migrator'); console.log(Object.keys(m).sort().join(','));`);
      expect(migrator.stderr).toBe('');
      expect(migrator.code).toBe(0);
      expect(migrator.stdout.trim().split(',')).toEqual(expect.arrayContaining(['migrate', 'verifySchema', 'MigrateError', 'SchemaVerificationError']));
      // The hook does refuse packages: the CLI's runner loads the parser.
      const cli = await run(`await import(${JSON.stringify(path.join(REPO_ROOT, 'dist/migrate/run-migrations.js'))});`);
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toContain('imported the package libpg-query');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
