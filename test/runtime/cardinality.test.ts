import { describe, expect, it } from 'vitest';
import {
  NoRowsError,
  queryExec,
  queryExecRows,
  queryMany,
  queryMaybe,
  queryOne,
  TooManyRowsError,
  textArray,
  int8ToNumber,
  type Queryable,
  type QueryResultLike,
} from '../../src/runtime/index.js';

/** A fake handle that records calls and answers with fixed results. */
function fakeDb(result: QueryResultLike): Queryable & { calls: Array<[string, unknown[] | undefined]> } {
  const calls: Array<[string, unknown[] | undefined]> = [];
  return {
    calls,
    query(text: string, values?: unknown[]) {
      calls.push([text, values]);
      return Promise.resolve(result);
    },
  };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));

describe('queryOne', () => {
  it('returns the only row and passes the text and the values, as text, through', async () => {
    const db = fakeDb({ rows: rows(1) });
    await expect(queryOne(db, 'GetUserById', 'SELECT $1, $2, $3', [42, 'x', null])).resolves.toEqual({ id: 0 });
    expect(db.calls).toEqual([['SELECT $1, $2, $3', ['42', 'x', null]]]);
  });

  it('throws NoRowsError naming the query', async () => {
    const error = await queryOne(fakeDb({ rows: [] }), 'GetUserById', 'q', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRowsError);
    expect(error).toBeInstanceOf(Error);
    expect((error as NoRowsError).message).toBe('GetUserById: expected exactly one row, got 0');
    expect((error as NoRowsError).queryName).toBe('GetUserById');
    expect((error as NoRowsError).name).toBe('NoRowsError');
  });

  it('throws TooManyRowsError with the row count', async () => {
    const error = await queryOne(fakeDb({ rows: rows(3) }), 'GetUserById', 'q', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRowsError);
    expect((error as TooManyRowsError).message).toBe('GetUserById: expected exactly one row, got 3');
    expect((error as TooManyRowsError).rowCount).toBe(3);
    expect((error as TooManyRowsError).queryName).toBe('GetUserById');
  });
});

describe('queryMaybe', () => {
  it('returns null for no row and the row for one', async () => {
    await expect(queryMaybe(fakeDb({ rows: [] }), 'Q', 'q', [])).resolves.toBeNull();
    await expect(queryMaybe(fakeDb({ rows: rows(1) }), 'Q', 'q', [])).resolves.toEqual({ id: 0 });
  });

  it('throws TooManyRowsError for more than one row', async () => {
    await expect(queryMaybe(fakeDb({ rows: rows(2) }), 'FindSession', 'q', [])).rejects.toThrow(
      new TooManyRowsError('FindSession', 2, 'at most one row'),
    );
    await expect(queryMaybe(fakeDb({ rows: rows(2) }), 'FindSession', 'q', [])).rejects.toThrow(
      'FindSession: expected at most one row, got 2',
    );
  });
});

describe('queryMany', () => {
  it('returns the driver rows array itself when there are no decoders', async () => {
    const result = { rows: rows(3) };
    await expect(queryMany(fakeDb(result), 'Q', 'q', [])).resolves.toBe(result.rows);
  });

  it('applies decoders to non-null values; textArray leaves already parsed arrays alone', async () => {
    const result = {
      rows: [
        { id: 1, roles: '{admin,"power user"}' },
        { id: 2, roles: null },
        { id: 3, roles: ['already', 'parsed'] },
      ],
    };
    const decoded = await queryMany(fakeDb(result), 'Q', 'q', [], { decode: { roles: textArray } });
    expect(decoded).toEqual([
      { id: 1, roles: ['admin', 'power user'] },
      { id: 2, roles: null },
      { id: 3, roles: ['already', 'parsed'] },
    ]);
  });

  it('renames columns into new objects in column order, decoding by the column name', async () => {
    const result = { rows: [{ user_id: '7', display_name: null, n: 1 }] };
    const shape = { decode: { user_id: int8ToNumber }, rename: { user_id: 'userId', display_name: 'displayName' } };
    const [row] = await queryMany<Record<string, unknown>>(fakeDb(result), 'Q', 'q', [], shape);
    expect(row).toEqual({ userId: 7, displayName: null, n: 1 });
    expect(Object.keys(row!)).toEqual(['userId', 'displayName', 'n']);
  });

  it('names the column when a decoder fails', async () => {
    const shape = { decode: { big: int8ToNumber } };
    await expect(queryOne(fakeDb({ rows: [{ big: '9007199254740993' }] }), 'Q', 'q', [], shape)).rejects.toThrow(/column "big": int8 value 9007199254740993/);
  });
});

describe('decoders on single rows', () => {
  it('queryOne and queryMaybe decode', async () => {
    const shape = { decode: { tags: textArray } };
    await expect(queryOne(fakeDb({ rows: [{ tags: '{a}' }] }), 'Q', 'q', [], shape)).resolves.toEqual({
      tags: ['a'],
    });
    await expect(queryMaybe(fakeDb({ rows: [{ tags: '{}' }] }), 'Q', 'q', [], shape)).resolves.toEqual({
      tags: [],
    });
  });
});

describe('queryExec and queryExecRows', () => {
  it('queryExec resolves to undefined', async () => {
    await expect(queryExec(fakeDb({ rows: rows(2), rowCount: 2 }), 'Q', 'q', [])).resolves.toBeUndefined();
  });

  it('queryExecRows reads pg rowCount, PGlite affectedRows, else 0', async () => {
    await expect(queryExecRows(fakeDb({ rows: [], rowCount: 5 }), 'Q', 'q', [])).resolves.toBe(5);
    await expect(queryExecRows(fakeDb({ rows: [], affectedRows: 4 }), 'Q', 'q', [])).resolves.toBe(4);
    await expect(queryExecRows(fakeDb({ rows: [], rowCount: null }), 'Q', 'q', [])).resolves.toBe(0);
    await expect(queryExecRows(fakeDb({ rows: [] }), 'Q', 'q', [])).resolves.toBe(0);
  });
});

describe('the driver receives text both ways', () => {
  it('a pg handle (it has connect) gets a query config whose per-query types keep every column text', async () => {
    const configs: Array<{ text: string; values: unknown[]; types: { getTypeParser(oid: number, format?: string): (text: string) => unknown } }> = [];
    const pgLike = {
      connect: () => Promise.resolve(),
      query(config: (typeof configs)[number]) {
        configs.push(config);
        const parse = config.types.getTypeParser(1082, 'text');
        return Promise.resolve({ rows: [{ d: parse('2020-02-29'), n: config.types.getTypeParser(23)('7') }] });
      },
    };
    const row = await queryOne(pgLike as unknown as Queryable, 'Q', 'SELECT $1::date AS d', ['2020-02-29'], { decode: { n: 'number' } });
    expect(row).toEqual({ d: '2020-02-29', n: 7 });
    expect(configs[0]).toMatchObject({ text: 'SELECT $1::date AS d', values: ['2020-02-29'] });
  });

  it('a PGlite handle (it has exec) gets identity parsers for every OID it parses and serializers for every OID', async () => {
    const seen: Array<{ parsers: Record<number, (t: string) => unknown>; serializers: Record<number, (v: unknown) => string> }> = [];
    const pgliteLike = {
      exec: () => Promise.resolve([]),
      parsers: { 16: () => true, 99999: () => ['parsed'] },
      query(_text: string, _values: unknown[], options: (typeof seen)[number]) {
        seen.push(options);
        return Promise.resolve({ rows: [], affectedRows: 3 });
      },
    };
    await expect(queryExecRows(pgliteLike as unknown as Queryable, 'Q', 'q', [], {})).resolves.toBe(3);
    const { parsers, serializers } = seen[0]!;
    for (const oid of [16, 20, 1082, 1114, 1184, 1186, 17, 3802, 1007, 99999]) expect(parsers[oid]!('t'), `oid ${oid}`).toBe('t');
    expect(serializers[123456]!('text')).toBe('text');
  });

  it('encodes each parameter by its codec and names the parameter that cannot be encoded', async () => {
    const db = fakeDb({ rows: [] });
    await queryExec(db, 'Q', 'q', [new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), 12n, { a: null }, null], { encode: ['timestamptz', 'int8', 'json', 'json'] });
    expect(db.calls[0]![1]).toEqual(['2020-01-02 03:04:05.006+00', '12', '{"a":null}', null]);
    await expect(queryExec(db, 'Q', 'q', ['x', 2 ** 60], { encode: ['text', 'int8'] })).rejects.toThrow(/parameter \$2: int8 parameter .* not a safe integer/);
  });

  it('encodes expanded rows with the row codecs, repeated after the fixed parameters', async () => {
    const db = fakeDb({ rows: [] });
    await queryExec(db, 'Q', 'q', [true, 1, '2020-01-01', 2, '2020-01-02'], { encode: ['bool'], encodeRows: ['number', 'date'] });
    expect(db.calls[0]![1]).toEqual(['true', '1', '2020-01-01', '2', '2020-01-02']);
  });
});

describe('column types the server reports', () => {
  it('a built-in type other than the codec reads is an error naming the query and column (the schema drifted)', async () => {
    const drifted = fakeDb({ rows: [{ n: 'abc' }], fields: [{ name: 'n', dataTypeID: 25 }] } as QueryResultLike);
    await expect(queryOne(drifted, 'GetCount', 'q', [], { decode: { n: 'number' } })).rejects.toThrow(
      /GetCount: column "n" has type OID 25, which the generated code does not read as number: the schema changed/,
    );
  });

  it('domains report their base type, user types have per-database OIDs: both are read', async () => {
    const ok = fakeDb({ rows: [{ n: '5', list: '{1}' }], fields: [{ name: 'n', dataTypeID: 23 }, { name: 'list', dataTypeID: 16500 }] } as QueryResultLike);
    await expect(queryOne(ok, 'Q', 'q', [], { decode: { n: 'number', list: 'number[]' } })).resolves.toEqual({ n: 5, list: [1] });
  });
});
