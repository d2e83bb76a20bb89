// What importing `sqlsure/runtime` costs a cold process (DESIGN: ≤ 5 ms). Prints a table of the
// median and spread over fresh node processes, and how many modules the import loads (one: the
// package ships the runtime bundled, see scripts/bundle-runtime.mjs); never asserted by a test.
//   node bench/runtime-import.mjs [specifier, default sqlsure/runtime]   (RUNS=15)
import { execFileSync, spawnSync } from 'node:child_process';

const RUNS = Number(process.env.RUNS ?? 15);
// The ESM loader's own start-up is paid by any first import: a trivial module is imported first so
// the figure is the runtime's own cost (resolution, reading, compiling, evaluating its files).
const target = process.argv[2] ?? 'sqlsure/runtime';
const probe = `await import('data:text/javascript,export default 1'); const t = performance.now(); await import(${JSON.stringify(target)}); process.stdout.write(String(performance.now() - t));`;
const samples = [];
for (let i = 0; i < RUNS; i++) {
  samples.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })));
}
samples.sort((a, b) => a - b);
const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2);

// A separate process (the hook has a cost of its own): every file the import loads.
const hook = `export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const counter = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)})); await import(${JSON.stringify(target)});`;
const counted = spawnSync(process.execPath, ['--input-type=module', '-e', counter], { encoding: 'utf8' });
const files = (counted.stderr.match(/^LOADED /gm) ?? []).length;

console.log('| import | files loaded | runs | min ms | median ms | p90 ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(`| ${target} | ${files} | ${RUNS} | ${at(0)} | ${at(0.5)} | ${at(0.9)} |`);
