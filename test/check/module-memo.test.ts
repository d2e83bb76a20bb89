/**
 * check remembers the modules it generated, keyed by the bytes of their cache entries, the schema
 * types, the codegen options and the sqlsure that made them: an unchanged project is checked
 * without generating a module, and whatever changed, a check with the memo reports exactly what a
 * check without one reports.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { usePreparedCheckProject } from './check-project.js';

let emitted = 0;
vi.mock('../../src/codegen/emit-module.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/codegen/emit-module.js')>();
  return {
    ...original,
    emitModule: (...args: Parameters<typeof original.emitModule>) => {
      emitted++;
      return original.emitModule(...args);
    },
  };
});
const { check } = await import('../../src/check/check.js');

const localCache = (dir: string) => path.join(dir, 'node_modules/.cache/sqlsure');

/** check, counting the modules it generated. */
async function checkCounting(dir: string): Promise<{ emitted: number; problems: string[] }> {
  emitted = 0;
  const r = await check({ root: dir });
  return { emitted, problems: r.problems.map((p) => `${p.file}:${p.position.line}:${p.position.column} ${p.message}`) };
}

/** What a check with no memo says (and whether the memo changed it). */
async function checkWithoutMemo(dir: string): Promise<string[]> {
  await rm(localCache(dir), { recursive: true, force: true });
  const r = await checkCounting(dir);
  return r.problems;
}

describe('check remembers the modules it generated', () => {
  const project = usePreparedCheckProject('check_module_memo');

  it('an unchanged project: the second check generates no module, and passes', async () => {
    const dir = await project.copy();
    const first = await checkCounting(dir);
    expect(first.problems).toEqual([]);
    expect(first.emitted).toBe(2);
    const second = await checkCounting(dir);
    expect(second.problems).toEqual([]);
    expect(second.emitted).toBe(0);
  });

  it('a module edited by hand is still reported, from the remembered module', async () => {
    const dir = await project.copy();
    await checkCounting(dir);
    const module = path.join(dir, 'generated/people.ts');
    await writeFile(module, (await readFile(module, 'utf8')).replace('GetPerson', 'GetPersonn'));
    const withMemo = await checkCounting(dir);
    expect(withMemo.emitted).toBe(0);
    expect(withMemo.problems.join('\n')).toMatch(/generated\/people\.ts:\d+:\d+ generated module differs/);
    expect(withMemo.problems).toEqual(await checkWithoutMemo(dir));
  });

  it('an entry edited by hand regenerates its module only, and reports what a check without memo does', async () => {
    const dir = await project.copy();
    await checkCounting(dir);
    const cacheDir = path.join(dir, 'offline-cache');
    const { readdir } = await import('node:fs/promises');
    for (const f of await readdir(cacheDir)) {
      if (!f.startsWith('query-')) continue;
      const text = await readFile(path.join(cacheDir, f), 'utf8');
      // A column now nullable: only what the database said changes, so the entry still matches its source.
      if (text.includes('"name": "PetsWithOwners"')) await writeFile(path.join(cacheDir, f), text.replace('"nullable": false', '"nullable": true'));
    }
    const withMemo = await checkCounting(dir);
    expect(withMemo.emitted).toBe(1);
    expect(withMemo.problems.join('\n')).toMatch(/generated\/more\/pets\.ts:\d+:\d+ generated module differs/);
    expect(withMemo.problems).toEqual(await checkWithoutMemo(dir));
  });

  it('a codegen option changed in the config regenerates every module', async () => {
    const dir = await project.copy();
    await checkCounting(dir);
    await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ camelCase: true }));
    const withMemo = await checkCounting(dir);
    expect(withMemo.emitted).toBe(2);
    expect(withMemo.problems).toEqual(await checkWithoutMemo(dir));
  });
});
