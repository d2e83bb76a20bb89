/**
 * Codegen from hostile names: whatever a catalog, a file name or a query name holds, the module
 * either compiles under `strict` and imports without side effects, or codegen reports a problem.
 */
import { describe, expect, it } from 'vitest';
import type { CacheEntry, CachedColumn, CachedParam, SchemaTypes } from '../../src/cache/cache-entry.js';
import { commentText, propertyKey, stringLiteral } from '../../src/codegen/escape.js';
import { generateModules } from '../../src/codegen/generate-modules.js';
import { verifyGeneratedCode } from '../support/generated-code.js';

const EXIT_ENUM = 't*/ process.exit(7); /*';
const HOSTILE = [
  EXIT_ENUM,
  '*/ process.exit(3) /*',
  'line\nprocess.exit(4)',
  'cr\rprocess.exit(5)',
  'ls\u2028process.exit(6)',
  'ps\u2029process.exit(6)',
  'quote"s\'s',
  'back\\slash\\',
  '${process.exit(9)}',
  '`tick`',
  '__proto__',
  'constructor',
  'class',
  '1digit',
  'ünïcødé 🐘',
  ' ',
  '\\u0041',
];

function entry(name: string, extra: Partial<CacheEntry> = {}, file = 'queries/a.sql', line = 1): CacheEntry {
  return {
    version: 1,
    hash: name,
    name,
    source: `${file}:${line}`,
    cardinality: 'many',
    sql: 'SELECT 1',
    statement: 'SELECT 1',
    params: [],
    columns: [{ name: 'x', pgType: 'int4', nullable: false }],
    ...extra,
  } as CacheEntry;
}

const dirs = { queries: 'queries', generated: 'generated' };

describe('escaping helpers', () => {
  it('keep comments closed and on one line', () => {
    for (const text of HOSTILE) {
      const escaped = commentText(text);
      expect(escaped).not.toContain('*/');
      expect(escaped).not.toMatch(/[\n\r\u2028\u2029]/);
    }
    expect(commentText('a*/b\nc')).toBe('a*\\/b\\nc');
  });

  it('write string literals that evaluate to the text', () => {
    for (const text of HOSTILE) {
      for (const quote of ['"', "'"] as const) {
        const literal = stringLiteral(text, quote);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(new Function(`return ${literal};`)()).toBe(text);
      }
    }
  });

  it('quote property names that are not identifiers, and compute __proto__', () => {
    expect(propertyKey('id')).toBe('id');
    expect(propertyKey('new\nline')).toBe('"new\\nline"');
    expect(propertyKey('__proto__')).toBe('["__proto__"]');
    expect(new Function(`return { ${propertyKey('__proto__')}: 1 };`)()).toEqual(JSON.parse('{"__proto__": 1}'));
  });
});

describe('hostile names reach generated code only escaped', () => {
  it('the enum type name exploit: _enums.ts and the query module compile and import cleanly', async () => {
    const schema: SchemaTypes = {
      enums: { [EXIT_ENUM]: HOSTILE, 'line\nprocess.exit(4)': ['a'] },
      domains: { 'd*/ process.exit(8); /*': { baseType: 'int4', notNull: false } },
      composites: { 'c*/ x': [{ name: 'f*/ y', pgType: 'int4' }] },
    };
    const columns: CachedColumn[] = HOSTILE.map((name, i) => ({
      name: `${name}${i}`,
      pgType: i % 3 === 0 ? EXIT_ENUM : i % 3 === 1 ? 'd*/ process.exit(8); /*' : 'c*/ x',
      nullable: true,
      nullableBecause: `because ${name}`,
      origin: { table: `tab${name}`, column: name },
    }));
    const params: CachedParam[] = HOSTILE.map((name, i) => ({ name: `${name}${i}`, pgType: EXIT_ENUM, nullable: false }));
    const { modules, problems } = generateModules(
      [entry('Hostile', { columns, params, sql: `SELECT 1 -- ${HOSTILE.join(' ')}`, statement: `SELECT 1 -- ${HOSTILE.join(' ')}` })],
      schema,
      dirs,
    );
    expect(problems).toEqual([]);
    expect(modules.get('generated/_enums.ts')).toBeDefined();
    const verdict = await verifyGeneratedCode(modules);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.importExit, verdict.importOutput).toBe(0);
  });

  it('query file names with */, line breaks and U+2028 keep the header a comment', async () => {
    const files = ['queries/x*/ process.exit(1).sql', 'queries/new\nprocess.exit(2).sql', 'queries/ls\u2028process.exit(3).sql', "queries/q'uote.sql"];
    const { modules, problems } = generateModules(
      files.map((f, i) => entry(`Q${i}`, {}, f)),
      { enums: {}, domains: {}, composites: {} },
      dirs,
    );
    expect(problems).toEqual([]);
    expect(modules.size).toBe(files.length);
    const verdict = await verifyGeneratedCode(modules);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.importExit, verdict.importOutput).toBe(0);
  });

  it('query names next to the names codegen invents, and reserved words, compile', async () => {
    const names = ['Foo', 'FooSql', 'FooShape', 'FooRows', 'FooParams', 'FooRow', 'Class', 'Undefined', 'Constructor', 'Params', 'Db', 'Text', 'Values', 'R', 'Interval', 'JsonValue', 'Queryable', 'Await', 'Yield', 'Let'];
    const withParams = names.map((n, i) =>
      entry(n, {
        params: [{ name: 'id', pgType: 'int4', nullable: false }],
        columns: [
          { name: 'x', pgType: 'int8', nullable: false },
          { name: 'j', pgType: 'jsonb', nullable: true, nullableBecause: 'x' },
        ],
        source: `queries/a.sql:${i + 1}`,
      }),
    );
    const { modules, problems } = generateModules(withParams, { enums: {}, domains: {}, composites: {} }, { ...dirs, camelCase: true });
    expect(problems).toEqual([]);
    const verdict = await verifyGeneratedCode(modules);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.importExit, verdict.importOutput).toBe(0);
  });

  it('reports names that would clash, with the file:line of both', () => {
    const clash = (names: string[]) =>
      generateModules(
        names.map((n, i) => entry(n, { source: `queries/a.sql:${(i + 1) * 10}` })),
        { enums: {}, domains: {}, composites: {} },
        dirs,
      ).problems;
    expect(clash(['Delete', 'DeleteQuery'])).toEqual([
      {
        file: 'queries/a.sql',
        position: { line: 20, column: 1 },
        message: 'DeleteQuery: its function deleteQuery clashes with the function of query Delete (queries/a.sql:10)',
        hint: 'rename one of the queries',
      },
    ]);
    expect(clash(['QueryMany']).map((p) => p.message)).toEqual(["QueryMany: its function queryMany clashes with sqlsure's runtime helper queryMany"]);
    expect(clash(['EncodeJson']).map((p) => p.message)).toEqual(["EncodeJson: its function encodeJson clashes with sqlsure's runtime helper encodeJson"]);
  });

  it('reports a configured type import that clashes with a generated name', () => {
    const { problems } = generateModules(
      [entry('Docs', { columns: [{ name: 'meta', pgType: 'jsonb', nullable: false }] })],
      { enums: {}, domains: {}, composites: {} },
      { ...dirs, types: { jsonb: 'DocsRow' }, imports: { DocsRow: './types.js' } },
    );
    expect(problems.map((p) => p.message)).toEqual(['the type DocsRow imported by the configuration ("imports") clashes with the type of query Docs (queries/a.sql:1)']);
  });

  it('rejects a type override in the cache that is not one type', () => {
    const { problems } = generateModules(
      [entry('Evil', { columns: [{ name: 'x', pgType: 'text', nullable: false, tsType: 'string; }; process.exit(7); interface Z {' }] })],
      { enums: {}, domains: {}, composites: {} },
      dirs,
    );
    expect(problems.map((p) => p.message)).toEqual(['Evil: the type override of column "x" is not a single TypeScript type: `;` is not allowed in a type override']);
  });
});
