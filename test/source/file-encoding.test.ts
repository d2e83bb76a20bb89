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
