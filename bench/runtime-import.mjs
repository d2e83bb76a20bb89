// What importing `sqlsure/runtime` costs a cold process (DESIGN: ≤ 5 ms). Prints a table of the
// median and spread over fresh node processes, and how many modules the import loads (one: the
// package ships the runtime bundled, see scripts/bundle-runtime.mjs); never asserted by a test.
// The floor row imports an empty module file the same way: what Node's ESM loader charges for the
// first file it reads from disk (its fs/promises set-up, resolution, a read), whatever the file.
//   node bench/runtime-import.mjs [specifier, default sqlsure/runtime]   (RUNS=15)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 15);
const target = process.argv[2] ?? 'sqlsure/runtime';
const scratch = mkdtempSync(path.join(tmpdir(), 'sqlsure-import-floor-'));
const empty = path.join(scratch, 'empty.mjs');
writeFileSync(empty, 'export {};\n');

// The ESM loader's own start-up is paid by any first import: a trivial module is imported first so
// the figure is the import's own cost (resolution, reading, compiling, evaluating its files).
const probe = (specifier) =>
  `await import('data:text/javascript,export default 1'); const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
// Interleaved, so a change of load hits both rows.
const samples = { [target]: [], floor: [] };
for (let i = 0; i < RUNS; i++) {
  samples[target].push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe(target)], { encoding: 'utf8' })));
  samples.floor.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe(pathToFileURL(empty).href)], { encoding: 'utf8' })));
}
rmSync(scratch, { recursive: true, force: true });
const at = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))].toFixed(2);

// A separate process (the hook has a cost of its own): every file the import loads.
const hook = `export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const counter = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)})); await import(${JSON.stringify(target)});`;
const counted = spawnSync(process.execPath, ['--input-type=module', '-e', counter], { encoding: 'utf8' });
const files = (counted.stderr.match(/^LOADED /gm) ?? []).length;

console.log('| import | files loaded | runs | min ms | median ms | p90 ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(`| ${target} | ${files} | ${RUNS} | ${at(samples[target], 0)} | ${at(samples[target], 0.5)} | ${at(samples[target], 0.9)} |`);
console.log(`| (floor) an empty .mjs file | 1 | ${RUNS} | ${at(samples.floor, 0)} | ${at(samples.floor, 0.5)} | ${at(samples.floor, 0.9)} |`);
