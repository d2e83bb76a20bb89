/**
 * PGlite's WebAssembly module, compiled once per process on V8's background threads. Callers that
 * know PGlite will be needed start it early (prepare, as soon as it knows a query will be
 * described), so the compile overlaps the reading and parsing of queries and migrations.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGliteOptions } from '@electric-sql/pglite';

/** A compiled WebAssembly module as PGlite takes it (this project's TypeScript libs have no WebAssembly namespace). */
export type CompiledWasm = NonNullable<PGliteOptions['pgliteWasmModule']>;

let compiling: Promise<CompiledWasm | undefined> | undefined;

/** The compiled module; undefined (PGlite then compiles it itself) if it cannot be read or compiled here. */
export function compiledPgliteWasm(): Promise<CompiledWasm | undefined> {
  compiling ??= (async () => {
    preferBaselineWasmCompiler();
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    // The global WebAssembly object (this project's TypeScript libs declare only its types).
    const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<CompiledWasm> } }).WebAssembly;
    return wasmApi.compile(await readFile(path.join(path.dirname(entry), 'pglite.wasm')));
  })().catch(() => undefined);
  return compiling;
}

/**
 * V8's optimizing WebAssembly compiler (TurboFan) recompiles PostgreSQL's hot functions on
 * background threads: a prepare is over before that pays back. Measured on `prepare --force` from
 * a snapshot of 168 migrations: the main thread's time is the same either way, the background
 * threads' drops from 4.3 s to 1.3 s of CPU (and a cold run's from 9.8 s to 3.7 s), which on a
 * 2-core machine is time taken from the main thread. Applies to WebAssembly compiled from now on.
 */
function preferBaselineWasmCompiler(): void {
  setFlagsFromString('--liftoff-only');
}
