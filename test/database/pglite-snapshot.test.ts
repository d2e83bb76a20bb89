/**
 * The snapshot store on its own (no PGlite): which snapshot a migration list starts from, what is
 * distrusted, what pruning keeps. The end-to-end behaviour is in embedded-prepare.test.ts.
 */
import { readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLongestPrefix, pruneSnapshots, readSnapshot, writeSnapshot, type SnapshotIdentity } from '../../src/database/pglite-snapshot.js';
import { makeProject, removeProject } from '../support/project-dir.js';

const identity = (n: number, edited = -1): SnapshotIdentity => ({
  pglite: '0.5.16',
  extensions: ['citext'],
  migrations: Array.from({ length: n }, (_, i) => [String(i + 1), (i === edited ? 'e' : 'a').repeat(96)] as const),
});
const bytes = (n: number) => Buffer.from(`data directory after ${n} migrations`);

describe('PGlite snapshot store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeProject();
  });
  afterEach(() => removeProject(dir));
  const write = (id: SnapshotIdentity, data: Buffer, keep = 4) => writeSnapshot(dir, id, data, { keep });

  it('starts from the longest prefix of the current migrations, never from a longer or diverging list', async () => {
    await write(identity(3), bytes(3));
    await write(identity(5), bytes(5));
    await write(identity(7), bytes(7));
    await write(identity(6, 4), bytes(6)); // migration 5 edited
    const found = await findLongestPrefix(dir, identity(6));
    expect(found.found?.manifest.migrations).toHaveLength(5);
    expect(found.found?.data).toEqual(bytes(5));
    // An edit of migration 4 falls back to the snapshot before it.
    expect((await findLongestPrefix(dir, identity(6, 3))).found?.manifest.migrations).toHaveLength(3);
    // Another PGlite or other extensions share nothing.
    expect((await findLongestPrefix(dir, { ...identity(6), pglite: '0.6.0' })).found).toBeUndefined();
    expect((await findLongestPrefix(dir, { ...identity(6), extensions: [] })).found).toBeUndefined();
  });

  it('a snapshot whose bytes changed is reported, removed, and the next best one used', async () => {
    await write(identity(3), bytes(3));
    const five = await write(identity(5), bytes(5));
    await writeFile(path.join(dir, five.data), 'tampered');
    const found = await findLongestPrefix(dir, identity(6));
    expect(found.corrupt).toBe('a snapshot whose bytes do not match its manifest');
    expect(found.found?.manifest.migrations).toHaveLength(3);
    expect(await readdir(dir)).not.toContain(five.data);
  });

  it('reads a base snapshot only by its exact identity', async () => {
    await write(identity(0), bytes(0));
    expect((await readSnapshot(dir, identity(0))).status).toBe('found');
    expect((await readSnapshot(dir, { ...identity(0), extensions: [] })).status).toBe('absent');
  });

  it('keeps the most recently used, removes old unreferenced data files and the first format', async () => {
    for (const n of [1, 2, 3]) await write(identity(n), bytes(n), 10);
    const old = new Date(Date.now() - 60 * 60 * 1000);
    for (const f of await readdir(dir)) await utimes(path.join(dir, f), old, old);
    await findLongestPrefix(dir, identity(1)); // used now
    await writeFile(path.join(dir, `pglite-${'b'.repeat(32)}-${'c'.repeat(16)}.tar.gz`), 'orphan');
    await writeFile(path.join(dir, `pglite-${'d'.repeat(32)}.tar.gz`), 'first format');
    await utimes(path.join(dir, `pglite-${'b'.repeat(32)}-${'c'.repeat(16)}.tar.gz`), old, old);
    await pruneSnapshots(dir, 1);
    const left = await readdir(dir);
    expect(left).toHaveLength(2);
    expect((await findLongestPrefix(dir, identity(3))).found?.manifest.migrations).toHaveLength(1);
  });

  it('a data file a concurrent writer has not yet named in a manifest is left alone while young', async () => {
    await write(identity(1), bytes(1));
    const young = `pglite-${'b'.repeat(32)}-${'c'.repeat(16)}.tar.gz`;
    await writeFile(path.join(dir, young), 'being written');
    await pruneSnapshots(dir, 4);
    expect(await readdir(dir)).toContain(young);
  });
});
