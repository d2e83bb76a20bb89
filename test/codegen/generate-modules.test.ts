import { describe, expect, it } from 'vitest';
import type { CacheEntry, CachedColumn, CachedParam, SchemaTypes } from '../../src/cache/cache-entry.js';
import { camelCase } from '../../src/codegen/camel-case.js';
import { generateModules } from '../../src/codegen/generate-modules.js';

const schema: SchemaTypes = { enums: { mood: ['happy', 'sad'], 'auth.role': ['admin'] }, domains: {}, composites: {} };

function entry(name: string, columns: Partial<CachedColumn>[], params: CachedParam[] = [], file = 'queries/a/b.sql'): CacheEntry {
  return {
    version: 1,
    hash: name,
    name,
    source: `${file}:1`,
    cardinality: 'many',
    sql: 'SELECT 1',
    statement: 'SELECT 1',
    params,
    columns: columns.map((c) => ({ name: 'x', pgType: 'text', nullable: false, ...c })),
  };
}

const dirs = { queries: 'queries', generated: 'generated' };

describe('camelCase', () => {
  it('maps snake_case only', () => {
    expect(['display_name', 'address_2', '_rank', 'userID', 'a__b', 'id', 'trailing_'].map(camelCase)).toEqual([
      'displayName',
      'address2',
      '_rank',
      'userID',
      'aB',
      'id',
      'trailing_',
    ]);
  });

  it('renames columns and parameters in types and passes a key map only when a name changes', () => {
    const { modules, problems } = generateModules(
      [
        entry('Renamed', [{ name: 'user_id' }, { name: 'email' }], [{ name: 'user_id', pgType: 'text', nullable: false }]),
        entry('Untouched', [{ name: 'email' }]),
      ],
      schema,
      { ...dirs, camelCase: true },
    );
    expect(problems).toEqual([]);
    const code = modules.get('generated/a/b.ts')!;
    expect(code).toMatch(/RenamedRow \{\n.*\n  userId: string;\n.*\n  email: string;\n\}/);
    expect(code).toContain('const renamed$shape: QueryShape = { rename: { user_id: "userId" } };');
    expect(code).toContain('[params.userId], renamed$shape)');
    expect(code).toContain('queryMany<UntouchedRow>(db, "Untouched", untouched$sql, [])');
  });

  it('reports names that collide once mapped', () => {
    const { problems } = generateModules(
      [
        entry('Cols', [{ name: 'user_id' }, { name: 'userId' }]),
        entry('Params', [{ name: 'a' }], [
          { name: 'user_id', pgType: 'text', nullable: false },
          { name: 'userId', pgType: 'text', nullable: false },
        ]),
      ],
      schema,
      { ...dirs, camelCase: true },
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Cols: columns "user_id" and "userId" are both named userId in TypeScript',
      'Params: parameters :user_id and :userId are both named userId in TypeScript',
    ]);
    expect(problems[0]).toMatchObject({ file: 'queries/a/b.sql', position: { line: 1 } });
  });
});

describe('type overrides and imports', () => {
  const overridden = entry(
    'Docs',
    [
      { name: 'meta', pgType: 'jsonb', origin: { table: 'docs', column: 'meta' } },
      { name: 'other', pgType: 'jsonb' },
      { name: 'inline', pgType: 'jsonb', tsType: "import('./src/types.js').Inline" },
    ],
    [
      { name: 'meta', pgType: 'jsonb', nullable: false, target: { table: 'docs', column: 'meta' } },
      { name: 'plain', pgType: 'jsonb', nullable: true },
    ],
  );
  const config = {
    ...dirs,
    types: { jsonb: 'Json' },
    columns: { 'docs.meta': 'DocMeta' },
    imports: { DocMeta: './src/types.js', Json: '@acme/json', Unused: './src/unused.js' },
  };

  it('applies in-SQL > table.column > pg type, to columns and to the parameters stored into them', () => {
    const code = generateModules([overridden], schema, config).modules.get('generated/a/b.ts')!;
    expect(code).toContain('  meta: DocMeta;\n  plain: Json | null;\n}');
    expect(code).toMatch(/ meta: DocMeta;\n.*\n  other: Json;\n.*\n  inline: import\('\.\.\/\.\.\/src\/types\.js'\)\.Inline;/);
    // Overrides name the TypeScript type; the runtime still encodes and decodes as JSON.
    expect(code).toContain('[params.meta, params.plain], docs$shape');
    expect(code).toContain('decode: { meta: "json", other: "json", inline: "json" }, encode: ["json", "json"]');
  });

  it('imports the names it uses, relative to each module', () => {
    const code = generateModules([overridden], schema, config).modules.get('generated/a/b.ts')!;
    expect(code).toContain("import type { DocMeta } from '../../src/types.js';\nimport type { Json } from '@acme/json';\n");
    expect(code).not.toContain('Unused');
  });
});

describe('int8 modes', () => {
  it('types and decodes int8, its domains and arrays per mode', () => {
    const withDomain: SchemaTypes = { ...schema, domains: { counter: { baseType: 'int8', notNull: false } } };
    const columns = [{ name: 'n', pgType: 'int8' }, { name: 'c', pgType: 'counter' }, { name: 'list', pgType: '_int8' }];
    const code = (int8: 'string' | 'bigint' | 'number') => generateModules([entry('Q', columns)], withDomain, { ...dirs, int8 }).modules.get('generated/a/b.ts')!;
    expect(code('number')).toContain('  n: number;\n');
    expect(code('number')).toContain('decode: { n: "int8:number", c: "int8:number", list: "int8:number[]" }');
    expect(code('bigint')).toContain('  list: (bigint | null)[];\n');
    expect(code('bigint')).toContain('decode: { n: "int8:bigint", c: "int8:bigint", list: "int8:bigint[]" }');
    expect(code('string')).toContain('  c: string;\n');
    expect(code('string')).toContain('decode: { n: "int8", c: "int8", list: "int8[]" }');
  });
});

describe('codecs in the query shape', () => {
  it('names a codec per non-text column and parameter; overridden arrays may be multi-dimensional', () => {
    const columns = [
      { name: 'at', pgType: 'timestamptz' },
      { name: 'day', pgType: 'date' },
      { name: 'label', pgType: 'text' },
      { name: 'grid', pgType: '_int4', tsType: 'number[][]' },
    ];
    const params = [
      { name: 'since', pgType: 'timestamptz', nullable: false },
      { name: 'label', pgType: 'text', nullable: false },
    ];
    const code = generateModules([entry('Q', columns, params), { ...entry('Exec', [], params), cardinality: 'exec' as const }], schema, dirs).modules.get('generated/a/b.ts')!;
    expect(code).toContain('const q$shape: QueryShape = { decode: { at: "timestamptz", day: "date", grid: "number[]*" }, encode: ["timestamptz", "text"] };');
    expect(code).toContain('  since: Date | string;\n');
    expect(code).toContain('  day: string;\n');
    // :exec queries encode their parameters too.
    expect(code).toContain('queryExec(db, "Exec", exec$sql, [params.since, params.label], exec$shape)');
  });
});

describe('enums module', () => {
  it('exports a union and a const array per enum', () => {
    const { modules } = generateModules([entry('Q', [{ name: 'm', pgType: 'mood' }])], schema, dirs);
    expect(modules.get('generated/_enums.ts')).toBe(
      [
        '// Generated by sqlsure from the enums the queries use. Do not edit: run `sqlsure prepare`.',
        '',
        '/** Labels of the PostgreSQL enum `auth.role`, in its sort order. */',
        'export const authRoleValues = ["admin"] as const;',
        '/** A value of the PostgreSQL enum `auth.role`. */',
        'export type AuthRole = (typeof authRoleValues)[number];',
        '',
        '/** Labels of the PostgreSQL enum `mood`, in its sort order. */',
        'export const moodValues = ["happy", "sad"] as const;',
        '/** A value of the PostgreSQL enum `mood`. */',
        'export type Mood = (typeof moodValues)[number];',
        '',
      ].join('\n'),
    );
  });

  it('refuses a query file whose module would take its place, and enums whose names collide', () => {
    const clash = generateModules([entry('Q', [{ name: 'm' }], [], 'queries/_enums.sql')], schema, dirs);
    expect(clash.problems.map((p) => [p.file, p.message])).toEqual([
      ['queries/_enums.sql', "this file's module would overwrite generated/_enums.ts, where sqlsure writes the enums"],
    ]);
    const twins = generateModules([], { ...schema, enums: { user_status: ['a'], 'user.status': ['b'] } }, dirs);
    expect(twins.problems[0]!.message).toBe('enums user.status and user_status would both be named UserStatus in _enums.ts');
  });
});
