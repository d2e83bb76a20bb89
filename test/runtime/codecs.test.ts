import { describe, expect, it } from 'vitest';
import { decodeTextArray, encodeJson } from '../../src/runtime/index.js';

describe('decodeTextArray', () => {
  it.each([
    ['{}', []],
    ['{a,b}', ['a', 'b']],
    ['{"b c",NULL,"NULL",null,Null}', ['b c', null, 'NULL', null, null]],
    ['{"x\\"y","a\\\\b"}', ['x"y', 'a\\b']],
    ['{""}', ['']],
    ['{"",""}', ['', '']],
    ['{"{}","a,b"}', ['{}', 'a,b']],
    ['{NULLS,xNULL}', ['NULLS', 'xNULL']],
    ['{"é😀",ü}', ['é😀', 'ü']],
  ])('decodes %s', (raw, expected) => {
    expect(decodeTextArray(raw)).toEqual(expected);
  });

  it('decodes nested arrays', () => {
    expect(decodeTextArray('{{a,b},{c,NULL}}')).toEqual([
      ['a', 'b'],
      ['c', null],
    ]);
    expect(decodeTextArray('{{{1}},{{"2"}}}')).toEqual([[['1']], [['2']]]);
    expect(decodeTextArray('{{},{}}')).toEqual([[], []]);
  });

  it('drops the dimension decoration', () => {
    expect(decodeTextArray('[0:1]={a,b}')).toEqual(['a', 'b']);
    expect(decodeTextArray('[-2:-1][1:1]={{a},{"b"}}')).toEqual([['a'], ['b']]);
    expect(decodeTextArray(' [1:1] = {x}')).toEqual(['x']);
  });

  it('skips insignificant whitespace but keeps it inside elements', () => {
    expect(decodeTextArray(' { a b , "c " ,\n{ d } }\t')).toEqual(['a b', 'c ', ['d']]);
    expect(decodeTextArray('{ NULL }')).toEqual([null]);
  });

  it('honours backslash escapes in unquoted elements', () => {
    expect(decodeTextArray('{a\\,b}')).toEqual(['a,b']);
    expect(decodeTextArray('{\\NULL}')).toEqual(['NULL']);
    expect(decodeTextArray('{a\\ }')).toEqual(['a ']);
    expect(decodeTextArray('{a\\  }')).toEqual(['a ']);
  });

  it.each(['', '{', '{a', 'a}', '{"a}', '{a,}', '{,}', '{a}x', '{a"b}', '{a{b}}', '[1:2]{a}', '{"a"b}', '{a\\'])(
    'rejects malformed %j',
    (raw) => {
      expect(() => decodeTextArray(raw)).toThrow(/malformed array literal/);
    },
  );

  it('round-trips what array_out would print', () => {
    const alphabet = ['a', 'b', ' ', ',', '"', '\\', '{', '}', 'N', 'U', 'L', 'é', '\n'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const items: Array<string | null> = [];
      const count = random(5);
      for (let i = 0; i < count; i++) {
        if (random(6) === 0) {
          items.push(null);
          continue;
        }
        let item = '';
        const length = random(6);
        for (let j = 0; j < length; j++) item += alphabet[random(alphabet.length)];
        if (random(8) === 0) item = 'NULL';
        items.push(item);
      }
      expect(decodeTextArray(arrayOut(items))).toEqual(items);
    }
  });
});

/** PostgreSQL's array_out quoting rules, to produce realistic inputs. */
function arrayOut(items: Array<string | null>): string {
  const parts = items.map((item) => {
    if (item === null) return 'NULL';
    const needsQuotes = item === '' || /[{},"\\\s]/.test(item) || item.toUpperCase() === 'NULL';
    return needsQuotes ? `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"` : item;
  });
  return `{${parts.join(',')}}`;
}

describe('encodeJson', () => {
  it('maps null and undefined to SQL NULL', () => {
    expect(encodeJson(null)).toBeNull();
    expect(encodeJson(undefined)).toBeNull();
  });

  it('JSON-encodes everything else, including strings and arrays', () => {
    expect(encodeJson('abc')).toBe('"abc"');
    expect(encodeJson([1, 'x', null])).toBe('[1,"x",null]');
    expect(encodeJson({ a: [true] })).toBe('{"a":[true]}');
    expect(encodeJson(0)).toBe('0');
    expect(encodeJson(false)).toBe('false');
  });
});

describe('encodeArray (arrays of enums and domains, sent as literals)', () => {
  it('quotes every element, escapes quotes and backslashes, and keeps NULLs and nesting', async () => {
    const { encodeArray } = await import('../../src/runtime/index.js');
    expect(encodeArray(['active', 'NULL', 'a,b', 'say "hi"', 'back\\slash', null])).toBe('{"active","NULL","a,b","say \\"hi\\"","back\\\\slash",NULL}');
    expect(encodeArray([])).toBe('{}');
    expect(encodeArray([['a'], ['b']])).toBe('{{"a"},{"b"}}');
    expect(encodeArray(null)).toBeNull();
  });

  it('round-trips through decodeTextArray', async () => {
    const { encodeArray, decodeTextArray } = await import('../../src/runtime/index.js');
    const items = ['x', null, '{}', ' padded ', 'é'];
    expect(decodeTextArray(encodeArray(items)!)).toEqual(items);
  });
});
