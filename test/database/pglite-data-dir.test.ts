/**
 * The data directory image a snapshot stores: taken from a running PGlite, a PGlite started from
 * it holds the same database; it is an ordinary tar file; a damaged one is refused.
 */
import { spawnSync } from 'node:child_process';
import { MemoryFS, PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { captureDataDir, readEntries, restoringFileSystem } from '../../src/database/pglite-data-dir.js';
import { freshPGlite } from '../support/fresh-pglite.js';

describe('PGlite data directory image', () => {
  it('round-trips a database: schema, rows, sequences, and writes after the restore', async () => {
    const source = await freshPGlite();
    let image: Uint8Array;
    try {
      await source.exec(`
        CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, tags text[]);
        CREATE INDEX notes_body ON notes (body);
        INSERT INTO notes (body, tags) SELECT 'note ' || g, ARRAY['t' || g] FROM generate_series(1, 500) g;
        CHECKPOINT;
      `);
      image = captureDataDir(source);
    } finally {
      await source.close();
    }

    const restored = new PGlite({ fs: restoringFileSystem(MemoryFS, image) });
    try {
      await restored.waitReady;
      const { rows } = await restored.query<{ n: number; last: string }>(`SELECT count(*)::int AS n, max(body) AS last FROM notes`);
      expect(rows[0]).toEqual({ n: 500, last: 'note 99' });
      const { rows: idx } = await restored.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'notes' ORDER BY 1`);
      expect(idx.map((r) => r.indexname)).toEqual(['notes_body', 'notes_pkey']);
      // The restored files are writable: the sequence goes on where it was.
      const { rows: next } = await restored.query<{ id: number }>(`INSERT INTO notes (body) VALUES ('after') RETURNING id`);
      expect(next[0]!.id).toBe(501);
    } finally {
      await restored.close();
    }
  });

  it('is a tar file other tools read, with paths relative to the data directory', async () => {
    const db = await freshPGlite();
    let image: Uint8Array;
    try {
      await db.exec('CHECKPOINT');
      image = captureDataDir(db);
    } finally {
      await db.close();
    }
    const names = [...readEntries(image)].map((e) => e.name);
    expect(names).toContain('PG_VERSION');
    expect(names).toContain('base/');
    expect(names).toContain('global/pg_control');
    const listed = spawnSync('tar', ['-tf', '-'], { input: image, encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual(names);
    const version = [...readEntries(image)].find((e) => e.name === 'PG_VERSION')!;
    expect(Buffer.from(version.data).toString()).toMatch(/^\d+\n$/);
  });

  it('refuses a damaged header or a truncated image', async () => {
    const db = await freshPGlite();
    let image: Uint8Array;
    try {
      image = captureDataDir(db);
    } finally {
      await db.close();
    }
    const damaged = image.slice();
    damaged[3] = damaged[3]! ^ 0xff;
    expect(() => [...readEntries(damaged)]).toThrow(/damaged data directory image \(header at byte 0\)/);
    expect(() => [...readEntries(image.subarray(0, image.length - 1024 - 4096))]).toThrow(/truncated data directory image/);
  });
});
