// tsc writes dist/cli/main.js without the executable bit. npm sets it when it links a package's
// bin at install time, but in this repo dist/ is built after `npm ci`, so `npx sqlsure` would
// find a file it may not execute ("Permission denied"). Set it here, after every build.
// Usage: node scripts/mark-bin-executable.mjs [package root, default: this repo]
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const bin of Object.values(pkg.bin ?? {})) chmodSync(path.join(root, bin), 0o755);
