#!/usr/bin/env node
/**
 * `npm run mutate [-- --scope engine|check|history] [stryker options]`: runs StrykerJS once per
 * scope (every scope when none is named), one after the other; other options go to Stryker
 * (`--concurrency 1`, `--force` to ignore the incremental file, …). Not part of CI: too slow.
 * Exit code: 0 when every run completed, otherwise the first failing run's.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCOPES } from './scopes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const scopes = [];
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--scope') scopes.push(...(args[++i] ?? '').split(','));
  else if (arg.startsWith('--scope=')) scopes.push(...arg.slice('--scope='.length).split(','));
  else passThrough.push(arg);
}
const unknown = scopes.filter((s) => !(s in SCOPES));
if (unknown.length > 0 || (args.includes('--scope') && scopes.length === 0)) {
  console.error(`unknown scope ${unknown.map((s) => JSON.stringify(s)).join(', ') || '(none given)'}; scopes: ${Object.keys(SCOPES).join(', ')}`);
  process.exit(2);
}

// A few tests in the scopes run the built CLI (unmutated) for its exit codes: build it first.
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('the build failed: fix it before mutation testing');
  process.exit(1);
}

let exitCode = 0;
for (const name of scopes.length > 0 ? scopes : Object.keys(SCOPES)) {
  console.log(`\n=== mutation testing: ${name} — ${SCOPES[name].what}\n`);
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'test/mutation/stryker.config.mjs', ...passThrough], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATE_SCOPE: name },
  });
  const code = run.status ?? 1;
  if (code !== 0 && exitCode === 0) exitCode = code;
}
process.exit(exitCode);
