import { describe, expect, it } from 'vitest';
import { arrayOf, int8ToBigInt, int8ToNumber, int8ToString } from '../../src/runtime/index.js';

const EDGE = '9007199254740991'; // 2^53 - 1
const BEYOND = '9007199254740993'; // 2^53 + 1

describe('int8 decoders (pg gives strings, PGlite numbers or bigints)', () => {
  it('string mode keeps the digits whatever the driver gave', () => {
    expect(int8ToString(BEYOND)).toBe(BEYOND);
    expect(int8ToString(9007199254740993n)).toBe(BEYOND);
    expect(int8ToString(42)).toBe('42');
  });

  it('bigint mode is exact at and beyond 2^53', () => {
    expect(int8ToBigInt(BEYOND)).toBe(9007199254740993n);
    expect(int8ToBigInt(9007199254740993n)).toBe(9007199254740993n);
    expect(int8ToBigInt(-5)).toBe(-5n);
  });

  it('number mode converts up to ±(2^53 - 1) and throws beyond instead of rounding', () => {
    expect(int8ToNumber(EDGE)).toBe(Number.MAX_SAFE_INTEGER);
    expect(int8ToNumber('-' + EDGE)).toBe(-Number.MAX_SAFE_INTEGER);
    expect(int8ToNumber(12)).toBe(12);
    expect(int8ToNumber(12n)).toBe(12);
    expect(() => int8ToNumber(BEYOND)).toThrow(RangeError);
    expect(() => int8ToNumber('9007199254740992')).toThrow(/beyond/);
    expect(() => int8ToNumber(9007199254740993n)).toThrow(RangeError);
    expect(() => int8ToNumber('-9007199254740993')).toThrow(RangeError);
  });

  it('arrayOf applies through nested arrays and keeps NULL elements', () => {
    expect(arrayOf(int8ToNumber)(['1', null, ['2', '3']])).toEqual([1, null, [2, 3]]);
    expect(arrayOf(int8ToBigInt)([])).toEqual([]);
  });
});
