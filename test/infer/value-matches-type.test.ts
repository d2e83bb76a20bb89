import { describe, expect, it } from 'vitest';
import { parseTypeExpression, valueMatchesType } from '../support/value-matches-type.js';

const interval = { hours: 1, milliseconds: 0.5, toPostgres: (): string => '1 hour' };

describe('valueMatchesType', () => {
  it.each([
    ['a', 'string', true],
    [1, 'string', false],
    [1.5, 'number', true],
    [Number.NaN, 'number', true],
    ['1', 'number', false],
    [true, 'boolean', true],
    [1n, 'bigint', true],
    [undefined, 'undefined', true],
    [null, 'string', false],
    [null, 'string | null', true],
    [new Date(0), 'Date', true],
    ['2020-01-01', 'Date', false],
    [Buffer.from('x'), 'Buffer', true],
    [new Uint8Array(1), 'Buffer', false],
    [interval, 'Interval', true],
    [{ hours: 1 }, 'Interval', true],
    [{ hours: 1, weeks: 2 }, 'Interval', false],
    [{ hours: Number.NaN }, 'Interval', false],
    [new Date(Number.NaN), 'Date', false],
    [{ hours: '1', toPostgres: (): string => '' }, 'Interval', false],
  ])('%o vs %s → %s', (value, type, expected) => {
    expect(valueMatchesType(value, type)).toBe(expected);
  });

  it('checks JsonValue structurally', () => {
    expect(valueMatchesType({ a: [1, 'x', null, { b: false }] }, 'JsonValue')).toBe(true);
    expect(valueMatchesType(null, 'JsonValue')).toBe(true);
    expect(valueMatchesType({ a: undefined }, 'JsonValue')).toBe(false);
    expect(valueMatchesType({ d: new Date() }, 'JsonValue')).toBe(false);
    expect(valueMatchesType([1n], 'JsonValue')).toBe(false);
    expect(valueMatchesType(Number.POSITIVE_INFINITY, 'JsonValue')).toBe(false);
  });

  it('checks JsonParam: JSON without a top-level null, or the runtime jsonNull', async () => {
    const { jsonNull } = await import('../../src/runtime/index.js');
    expect(valueMatchesType(jsonNull, 'JsonParam')).toBe(true);
    expect(valueMatchesType({ a: null }, 'JsonParam')).toBe(true);
    expect(valueMatchesType([null], 'JsonParam')).toBe(true);
    expect(valueMatchesType(null, 'JsonParam')).toBe(false);
    expect(valueMatchesType({ toJSON: () => null }, 'JsonParam')).toBe(false);
    expect(valueMatchesType(jsonNull, 'JsonValue')).toBe(false);
  });

  it('checks string literal unions', () => {
    const type = '"active" | "sus\\"pended" | "é"';
    expect(valueMatchesType('active', type)).toBe(true);
    expect(valueMatchesType('sus"pended', type)).toBe(true);
    expect(valueMatchesType('é', type)).toBe(true);
    expect(valueMatchesType('other', type)).toBe(false);
  });

  it('checks object shapes, allowing extra properties like TypeScript does', () => {
    const type = '{ x: number; y: number }';
    expect(valueMatchesType({ x: 1, y: 2 }, type)).toBe(true);
    expect(valueMatchesType({ x: 1, y: 2, radius: 3 }, type)).toBe(true);
    expect(valueMatchesType({ x: 1 }, type)).toBe(false);
    expect(valueMatchesType({ x: 1, y: '2' }, type)).toBe(false);
    expect(valueMatchesType([1, 2], type)).toBe(false);
    expect(valueMatchesType({ x: 1 }, '{ x: number, y?: string }')).toBe(true);
  });

  it('checks arrays, readonly arrays and nesting', () => {
    expect(valueMatchesType([1, null], '(number | null)[]')).toBe(true);
    expect(valueMatchesType([], '(number | null)[]')).toBe(true);
    expect(valueMatchesType([1, '2'], '(number | null)[]')).toBe(false);
    expect(valueMatchesType('{1}', '(number | null)[]')).toBe(false);
    expect(valueMatchesType(['a', null], 'readonly ("a" | null)[]')).toBe(true);
    expect(valueMatchesType([[1]], 'number[][]')).toBe(true);
    expect(valueMatchesType([{ x: 1, y: 2 }, null], '({ x: number; y: number } | null)[]')).toBe(true);
    expect(valueMatchesType([[1]], '(number | null)[]')).toBe(false);
  });

  it('rejects text outside the grammar', () => {
    for (const bad of ['Map<string, number>', 'string |', '(number', 'readonly number', 'Foo', '{ x }', "'a'"]) {
      expect(() => parseTypeExpression(bad), bad).toThrow();
    }
  });
});
