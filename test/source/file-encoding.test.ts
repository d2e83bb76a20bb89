/**
 * Query files are UTF-8: a BOM is not part of the text, and bytes that are not UTF-8 are
 * reported at file:line:col with their byte offset instead of silently becoming U+FFFD.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuerySources } from '../../src/source/load-query-sources.js';
import { decodeSource } from '../../src/source/source-text.js';
import { makeProject } from '../support/project-dir.js';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeSource', () => {
  it('locates each invalid sequence by byte offset and by line:col, counting CRLF and lone CR as one break', () => {
    const d = decodeSource(bytes('ab\r\nc', [0xe9], 'd\re😀', [0xe2, 0x82], 'x\n', [0xff, 0xfe], '\uFFFD'));
    expect(d.invalid.map((b) => [b.byteOffset, b.bytes, b.position.line, b.position.column])).toEqual([
      [5, '0xE9', 2, 2],
      [13, '0xE2 0x82', 3, 4],
      [17, '0xFF', 4, 1],
      [18, '0xFE', 4, 2],
    ]);
    expect(d.text.endsWith('\uFFFD\uFFFD\uFFFD')).toBe(true); // the last one was a real U+FFFD, not reported
  });

  it('strips a BOM and counts it in byte offsets only', () => {
    const d = decodeSource(bytes([0xef, 0xbb, 0xbf], 'SELECT ', [0xc0], '1'));
    expect(d.hasBom).toBe(true);
    expect(d.text.startsWith('SELECT')).toBe(true);
    expect(d.invalid.map((b) => [b.byteOffset, b.position.column])).toEqual([[10, 8]]);
  });
});

describe('decodeSource on random bytes (deterministic seed)', () => {
  it('reports exactly the sequences the strict decoder rejects, each at a U+FFFD and the right line:col', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pieces = [[0x61], [0x0a], [0x0d, 0x0a], [0x0d], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbf, 0xbd], [0xff], [0xc3], [0xe2, 0x82], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90]];
    for (let n = 0; n < 300; n++) {
      const parts: number[] = [];
      for (let k = Math.floor(random() * 40); k > 0; k--) parts.push(...pieces[Math.floor(random() * pieces.length)]!);
      const input = Uint8Array.from(parts);
      const d = decodeSource(input);
      let strictOk = true;
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
      } catch {
        strictOk = false;
      }
      expect(d.invalid.length === 0, `bytes ${Buffer.from(input).toString('hex')}`).toBe(strictOk);
      let lastByte = -1;
      for (const bad of d.invalid) {
        expect(d.text[bad.offset]).toBe('\uFFFD');
        expect(bad.byteOffset).toBeGreaterThan(lastByte);
        lastByte = bad.byteOffset;
        expect(bad.bytes.startsWith('0x' + input[bad.byteOffset]!.toString(16).toUpperCase().padStart(2, '0'))).toBe(true);
        const before = d.text.slice(0, bad.offset).replace(/\r\n?/g, '\n');
        expect(bad.position.line).toBe(before.split('\n').length);
        expect(bad.position.column).toBe(before.length - before.lastIndexOf('\n'));
      }
    }
  });
});

describe('loading query files', () => {
  it('reports non-UTF-8 bytes and still prepares the queries that do not contain them', async () => {
    const root = await makeProject();
    await writeFile(
      path.join(root, 'q.sql'),
      bytes("-- name: A :one\r\nSELECT 'caf", [0xe9], "' AS a;\r\n-- name: B :one\r\nSELECT 2 AS b; -- na", [0xef], 've\r\n'),
    );
    const loaded = await loadQuerySources(root, '.');
    expect(loaded.problems.map((p) => `${p.file}:${p.position.line}:${p.position.column} ${p.message}`)).toEqual([
      'q.sql:2:12 invalid UTF-8 (byte 0xE9 at byte offset 28)',
      'q.sql:4:21 invalid UTF-8 (byte 0xEF at byte offset 75)',
    ]);
    expect(loaded.problems[0]!.hint).toMatch(/save the file as UTF-8/);
    // A's SQL holds the bad byte; B's bad byte is in a comment after the statement.
    expect(loaded.queries.map((q) => q.name)).toEqual(['B']);
  });

  it('a BOM before the first annotation is ignored and positions are unchanged', async () => {
    const root = await makeProject();
    await writeFile(path.join(root, 'q.sql'), bytes([0xef, 0xbb, 0xbf], '-- name: A :one\nSELECT 1 AS a;\n'));
    const loaded = await loadQuerySources(root, '.');
    expect(loaded.problems).toEqual([]);
    expect(loaded.queries.map((q) => [q.name, q.sql, q.position])).toEqual([['A', 'SELECT 1 AS a', { line: 2, column: 1 }]]);
    expect(loaded.lines.get('q.sql')!.offsetOf(2, 1)).toBe(16);
  });
});
