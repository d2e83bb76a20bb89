/**
 * CLI tests run dist/, so a dist/ older than src/ would silently test stale code. Before any test
 * runs, every src/**.ts is compared with its compiled dist/**.js (and the compiler settings with
 * the oldest output), and src/runtime/** with the bundle that `sqlsure/runtime` ships
 * (dist/runtime/bundle.js); anything missing or older triggers the steps of `npm run build`
 * (tsc, the runtime bundle, the bin's executable bit), and a build that fails stops the run with
 * the compiler's output.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const BUILD_INPUTS = ['tsconfig.build.json', 'tsconfig.base.json', 'package.json'];
/** Built by scripts/bundle-runtime.mjs from every file of src/runtime (see there). */
const RUNTIME_BUNDLE = 'dist/runtime/bundle.js';
const RUNTIME_SOURCES = 'src/runtime';

/** The first reason dist/ cannot be trusted, or undefined when every output is newer than its source. */
export function staleBuildReason(root: string): string | undefined {
  const src = path.join(root, 'src');
  const dist = path.join(root, 'dist');
  let oldestOutput = Infinity;
  for (const rel of walk(src)) {
    if (!rel.endsWith('.ts') || rel.endsWith('.d.ts')) continue;
    const out = path.join(dist, rel.replace(/\.ts$/, '.js'));
    const outTime = mtime(out);
    if (outTime === undefined) return `dist/${rel.replace(/\.ts$/, '.js')} is missing`;
    if (mtime(path.join(src, rel))! > outTime) return `src/${rel} is newer than its build`;
    oldestOutput = Math.min(oldestOutput, outTime);
  }
  for (const input of BUILD_INPUTS) {
    const t = mtime(path.join(root, input));
    if (t !== undefined && t > oldestOutput) return `${input} is newer than the build`;
  }
  return staleRuntimeBundle(root);
}

function staleRuntimeBundle(root: string): string | undefined {
  const sources = path.join(root, RUNTIME_SOURCES);
  if (mtime(sources) === undefined) return undefined;
  const built = mtime(path.join(root, RUNTIME_BUNDLE));
  if (built === undefined) return `${RUNTIME_BUNDLE} is missing`;
  for (const rel of walk(sources)) {
    if (mtime(path.join(sources, rel))! > built) return `${RUNTIME_SOURCES}/${rel} is newer than ${RUNTIME_BUNDLE}`;
  }
  return undefined;
}

/** Builds dist/ when it is stale; throws with the compiler's output when the build fails. */
export function ensureFreshBuild(root: string, log: (line: string) => void = console.log): void {
  // A source edited while tsc runs leaves the build stale again: build again, a few times at most.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const reason = staleBuildReason(root);
    if (reason === undefined) return;
    log(`dist/ is stale (${reason}): running tsc -p tsconfig.build.json and bundling sqlsure/runtime`);
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`the build failed, so the CLI tests would run stale code; fix it and run the tests again:\n${r.stdout}${r.stderr}`);
    }
    // The same steps as `npm run build`: the bundle applications import as sqlsure/runtime (a
    // stale one would test old runtime code), and the bin must stay executable for `npx sqlsure`.
    const bundle = spawnSync(process.execPath, [path.join(root, 'scripts/bundle-runtime.mjs')], { cwd: root, encoding: 'utf8' });
    if (bundle.status !== 0) throw new Error(`bundling sqlsure/runtime failed, so the tests would run a stale runtime:\n${bundle.stdout}${bundle.stderr}`);
    spawnSync(process.execPath, [path.join(root, 'scripts/mark-bin-executable.mjs')], { cwd: root, stdio: 'inherit' });
  }
  const still = staleBuildReason(root);
  if (still !== undefined) throw new Error(`dist/ is still stale after three builds (${still}): src/ keeps changing during the build`);
}

function* walk(dir: string, rel = ''): Generator<string> {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(dir, child);
    else yield child;
  }
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
