import { describe, expect, it } from 'vitest';
import { codecFor, decodeInterval, decodeTimestamptz, encodeInterval, encodeTimestamptz, jsonNull } from '../../src/runtime/index.js';

describe('timestamptz', () => {
  it('reads every offset PostgreSQL prints, BC years and years beyond 9999, whatever the process TZ', () => {
    expect(decodeTimestamptz('2020-01-01 10:00:00.123456+05:30').toISOString()).toBe('2020-01-01T04:30:00.123Z');
    // New York before 1883 is local mean time, an offset with seconds.
    expect(decodeTimestamptz('1850-06-01 12:00:00-04:56:02').toISOString()).toBe('1850-06-01T16:56:02.000Z');
    expect(decodeTimestamptz('0044-03-15 10:00:00+00 BC').toISOString()).toBe('-000043-03-15T10:00:00.000Z');
    expect(decodeTimestamptz('0001-01-01 00:00:00+00 BC').getUTCFullYear()).toBe(0);
    expect(decodeTimestamptz('0050-01-01 00:00:00+00').getUTCFullYear()).toBe(50);
    expect(decodeTimestamptz('10000-01-01 00:00:00+09').toISOString()).toBe('9999-12-31T15:00:00.000Z');
  });

  it('maps ±infinity to the extreme Dates and back', () => {
    expect(decodeTimestamptz('infinity').getTime()).toBe(8.64e15);
    expect(decodeTimestamptz('-infinity').getTime()).toBe(-8.64e15);
    expect(encodeTimestamptz(new Date(8.64e15))).toBe('infinity');
    expect(encodeTimestamptz(new Date(-8.64e15))).toBe('-infinity');
  });

  it('refuses what a Date cannot hold or what is not ISO text instead of returning Invalid Date', () => {
    expect(() => decodeTimestamptz('294276-12-31 23:59:59+00')).toThrow(RangeError);
    expect(() => decodeTimestamptz('01/02/2020 10:00:00 UTC')).toThrow(/DateStyle/);
    expect(() => encodeTimestamptz(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('writes any year, BC as PostgreSQL spells it', () => {
    const bc = new Date(0);
    bc.setUTCFullYear(-43, 2, 15);
    expect(encodeTimestamptz(bc)).toBe('0044-03-15 00:00:00.000+00 BC');
    expect(encodeTimestamptz(new Date(Date.UTC(10000, 0, 1)))).toBe('10000-01-01 00:00:00.000+00');
  });
});

describe('interval', () => {
  it.each([
    ['1 year 2 mons 3 days 04:05:06.789', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 789 }],
    ['-1 days -00:00:01', { days: -1, seconds: -1 }],
    ['00:00:00', {}],
    ['-1 years +2 mons -3 days +100:00:00.000001', { years: -1, months: 2, days: -3, hours: 100, milliseconds: 0.001 }],
  ])('reads %s', (text, expected) => {
    expect({ ...decodeInterval(text) }).toEqual(expected);
  });

  it('writes the units it is given, and decoded values carry toPostgres like pg’s', () => {
    expect(encodeInterval({ hours: 3, minutes: 30, milliseconds: 0.5 })).toBe('3 hours 30 mins 0.5 msecs');
    expect(encodeInterval({})).toBe('0');
    expect(decodeInterval('1 day').toPostgres?.()).toBe('1 days');
    expect(() => encodeInterval({ hours: Number.NaN })).toThrow(TypeError);
    expect(() => decodeInterval('P1D')).toThrow(/IntervalStyle/);
  });
});

describe('codecs by spec', () => {
  it('bytea in hex and escape output, Buffer out', () => {
    expect(codecFor('bytea').decode('\\x00ff')).toEqual(Buffer.from([0, 255]));
    expect(codecFor('bytea').decode('a\\\\b\\001')).toEqual(Buffer.from([97, 92, 98, 1]));
    expect(codecFor('bytea').encode(new Uint8Array([1, 2]))).toBe('\\x0102');
  });

  it('json: jsonNull is the JSON document null, null is SQL NULL, strings are JSON strings', () => {
    const json = codecFor('json');
    expect(json.encode(jsonNull)).toBe('null');
    expect(json.encode(null)).toBeNull();
    expect(json.encode('a')).toBe('"a"');
    expect(codecFor('json[]').encode([[1], jsonNull, null])).toBe('{"[1]","null",NULL}');
  });

  it('arrays: one dimension by default, any with *, box with ;', () => {
    expect(codecFor('number[]').decode('{1,NULL,3}')).toEqual([1, null, 3]);
    expect(() => codecFor('number[]').decode('{{1},{2}}')).toThrow(/multi-dimensional/);
    expect(codecFor('number[]*').decode('{{1},{2}}')).toEqual([[1], [2]]);
    expect(codecFor('box[]').decode('{(1,1),(0,0);(3,3),(2,2)}')).toEqual(['(1,1),(0,0)', '(3,3),(2,2)']);
    expect(codecFor('box[]').encode(['(1,1),(0,0)', null])).toBe('{"(1,1),(0,0)";NULL}');
    // Arrays PGlite already split into text elements are decoded element by element.
    expect(codecFor('int8:bigint[]').decode(['1', null])).toEqual([1n, null]);
  });

  it('numbers keep -0, NaN and infinities; int8 refuses unsafe numbers', () => {
    expect(codecFor('number').encode(-0)).toBe('-0');
    expect(codecFor('number').encode(Number.NaN)).toBe('NaN');
    expect(codecFor('number').decode('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(() => codecFor('int8').encode(2 ** 53)).toThrow(RangeError);
    expect(codecFor('int8').encode(2n ** 63n - 1n)).toBe('9223372036854775807');
  });

  it('date and timestamp refuse a Date (which day it means depends on a time zone)', () => {
    expect(() => codecFor('date').encode(new Date())).toThrow(/ambiguous/);
    expect(() => codecFor('timestamp[]').encode([new Date()])).toThrow(/ambiguous/);
  });

  it('point and circle both ways', () => {
    expect(codecFor('point').decode('(1.5,-2)')).toEqual({ x: 1.5, y: -2 });
    expect(codecFor('circle').decode('<(1,2),3>')).toEqual({ x: 1, y: 2, radius: 3 });
    expect(codecFor('point').encode({ x: 1, y: 2 })).toBe('(1,2)');
    expect(codecFor('circle').encode({ x: 1, y: 2, radius: 3 })).toBe('<(1,2),3>');
  });

  it('text takes strings, numbers, bigints, booleans and toPostgres() objects, and refuses other objects', () => {
    const text = codecFor('text');
    expect([text.encode('a'), text.encode(1.5), text.encode(2n), text.encode(true)]).toEqual(['a', '1.5', '2', 'true']);
    expect(text.encode({ toPostgres: () => '(1,"x")' })).toBe('(1,"x")');
    expect(() => text.encode({ a: 1 })).toThrow(/expected a string, got an object/);
    expect(() => text.encode(new Date())).toThrow(/got a Date/);
  });

  it('an unknown spec is an error naming it', () => {
    expect(() => codecFor('nope')).toThrow(/no codec "nope"/);
  });

  it('a value the driver already parsed is refused, not passed off as the declared type', () => {
    expect(() => codecFor('number').decode(new Date())).toThrow(/instead of text/);
  });
});
