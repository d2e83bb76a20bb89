// sqlsure/runtime is imported by applications at start-up: it ships as one bundled ES module
// (dist/runtime/bundle.js, what package.json exports), so the import resolves, reads and compiles
// one file instead of one per source module. Its types stay tsc's (dist/runtime/index.d.ts).
// Run after tsc by `npm run build` and by the tests' fresh build (test/support/fresh-build.ts).
// Usage: node scripts/bundle-runtime.mjs [package root, default: this repo]
import { buildSync } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIME_ENTRY = 'src/runtime/index.ts';
export const RUNTIME_BUNDLE = 'dist/runtime/bundle.js';

export function bundleRuntime(root) {
  buildSync({
    absWorkingDir: root,
    entryPoints: [RUNTIME_ENTRY],
    outfile: RUNTIME_BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Not minified: an application's stack traces through the runtime stay readable.
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleRuntime(process.argv[2] ?? path.dirname(path.dirname(fileURLToPath(import.meta.url))));
}
