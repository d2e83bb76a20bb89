import { describe, expect, it } from 'vitest';
import { expandRows, type RowsSlot } from '../../src/runtime/index.js';

const text = 'INSERT INTO t (a, b) VALUES ($2::integer, $3::text[]) RETURNING $1::text AS tag';
const slot: RowsSlot = { start: 21, end: 53, context: 'values', firstIndex: 2, casts: ['integer', 'text[]'] };

describe('expandRows', () => {
  it('repeats the typed row once per element, after the fixed values', () => {
    expect(text.slice(slot.start, slot.end)).toBe('VALUES ($2::integer, $3::text[])');
    const rows = [{ a: 1, b: ['x'] }, { a: 2, b: [] }];
    expect(expandRows(text, slot, ['t'], rows, (r) => [r.a, r.b])).toEqual({
      text: 'INSERT INTO t (a, b) VALUES ($2::integer, $3::text[]), ($4::integer, $5::text[]) RETURNING $1::text AS tag',
      values: ['t', 1, ['x'], 2, []],
    });
  });

  it('turns an empty list into a typed zero-row SELECT, not VALUES ()', () => {
    expect(expandRows(text, slot, ['t'], [], () => []).text).toBe(
      'INSERT INTO t (a, b) SELECT NULL::integer, NULL::text[] WHERE false RETURNING $1::text AS tag',
    );
    const inText = 'SELECT 1 WHERE (a, b) NOT IN (($1::integer, $2::text[]))';
    const inSlot: RowsSlot = { start: 22, end: inText.length, context: 'not in', firstIndex: 1, casts: ['integer', 'text[]'] };
    expect(expandRows(inText, inSlot, [], [], () => []).text).toBe('SELECT 1 WHERE (a, b) NOT IN (SELECT NULL::integer, NULL::text[] WHERE false)');
    expect(expandRows(inText, inSlot, [], [{ a: 1 }], (r) => [r.a, null]).text).toBe('SELECT 1 WHERE (a, b) NOT IN (($1::integer, $2::text[]))');
  });

  it('refuses more placeholders than PostgreSQL accepts', () => {
    const many = Array.from({ length: 40000 }, () => ({ a: 1, b: [] }));
    expect(() => expandRows(text, slot, ['t'], many, (r) => [r.a, r.b])).toThrow(/65535/);
  });
});
