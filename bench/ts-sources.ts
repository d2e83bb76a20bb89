/**
 * Scanning TypeScript sources for sql`…` templates: 500 files, a dozen of which hold queries.
 * Prints a table (median of 5 runs, in one process after a first cold run that loads the
 * TypeScript and pgtyped parsers). Run: `npx tsx bench/ts-sources.ts`.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTsSources } from '../src/source/typescript/load-ts-sources.js';

const FILES = 500;
const WITH_QUERIES = 12;

const root = await mkdtemp(path.join(tmpdir(), 'sqlsure-bench-ts-'));
try {
  await mkdir(path.join(root, 'src'), { recursive: true });
  for (let i = 0; i < FILES; i++) {
    const plain = `export function f${i}(a: number, b: string): string {\n  return \`\${a}-\${b}\`.repeat(2);\n}\n`.repeat(20);
    const query =
      i < WITH_QUERIES
        ? `import { sql } from 'sqlsure/runtime';\nimport './m${i}.types.js';\nexport const q${i} = sql\`\n  SELECT id, email FROM users WHERE id IN $$ids AND email = $email!\`;\n`
        : '';
    await writeFile(path.join(root, 'src', `m${i}.ts`), query + plain);
  }
  const time = async (): Promise<{ ms: number; queries: number }> => {
    const started = performance.now();
    const loaded = await loadTsSources(root, ['src/**/*.ts']);
    return { ms: performance.now() - started, queries: loaded.queries.length };
  };
  const cold = await time();
  const warm: number[] = [];
  for (let k = 0; k < 5; k++) warm.push((await time()).ms);
  warm.sort((a, b) => a - b);
  console.log('| files | with queries | queries | cold ms (loads parsers) | warm ms (median of 5) |');
  console.log('| ----- | ------------ | ------- | ----------------------- | --------------------- |');
  console.log(`| ${FILES} | ${WITH_QUERIES} | ${cold.queries} | ${cold.ms.toFixed(0)} | ${warm[2]!.toFixed(0)} |`);
} finally {
  await rm(root, { recursive: true, force: true });
}
