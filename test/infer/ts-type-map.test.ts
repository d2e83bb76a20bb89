import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { SchemaTypes } from '../../src/cache/cache-entry.js';
import { paramTsType, resultTsType } from '../../src/infer/ts-type-map.js';
import { parseTypeExpression } from '../support/value-matches-type.js';

const schema: SchemaTypes = {
  enums: {
    user_status: ['active', 'suspended'],
    'auth.role': ['admin', 'say "hi"'],
    empty_enum: [],
  },
  domains: {
    email: { baseType: 'text', notNull: false },
    posint: { baseType: 'int4', notNull: true },
    status_domain: { baseType: 'user_status', notNull: false },
    int_list: { baseType: '_int4', notNull: false },
    loop_a: { baseType: 'loop_b', notNull: false },
    loop_b: { baseType: 'loop_a', notNull: false },
  },
  composites: { pair: [{ name: 'a', pgType: 'int4' }] },
};

describe('resultTsType', () => {
  it.each([
    ['int2', 'number', 'number'],
    ['int4', 'number', 'number'],
    ['oid', 'number', 'number'],
    ['int8', 'string', 'int8'],
    ['numeric', 'string', undefined],
    ['float4', 'number', 'number'],
    ['float8', 'number', 'number'],
    ['bool', 'boolean', 'bool'],
    ['date', 'string', 'date'],
    ['timestamp', 'string', 'timestamp'],
    ['timestamptz', 'Date', 'timestamptz'],
    ['time', 'string', undefined],
    ['interval', 'Interval', 'interval'],
    ['bytea', 'Buffer', 'bytea'],
    ['jsonb', 'JsonValue', 'json'],
    ['point', '{ x: number; y: number }', 'point'],
    ['circle', '{ x: number; y: number; radius: number }', 'circle'],
    ['box', 'string', 'box'],
    ['money', 'string', undefined],
    ['char', 'string', undefined],
    ['void', 'string', undefined],
    ['record', 'string', undefined],
    ['some_extension_type', 'string', undefined],
    ['constructor', 'string', undefined],
    ['_int8', '(string | null)[]', 'int8[]'],
    ['_numeric', '(string | null)[]', 'text[]'],
    ['_date', '(string | null)[]', 'date[]'],
    ['_timestamptz', '(Date | null)[]', 'timestamptz[]'],
    ['_jsonb', '(JsonValue | null)[]', 'json[]'],
    ['_point', '({ x: number; y: number } | null)[]', 'point[]'],
    ['_text', '(string | null)[]', 'text[]'],
    ['_uuid', '(string | null)[]', 'text[]'],
    ['_box', '(string | null)[]', 'box[]'],
    ['_name', '(string | null)[]', 'text[]'],
    ['_citext', '(string | null)[]', 'text[]'],
    ['user_status', '"active" | "suspended"', undefined],
    ['auth.role', '"admin" | "say \\"hi\\""', undefined],
    ['empty_enum', 'string', undefined],
    ['email', 'string', undefined],
    ['posint', 'number', 'number'],
    ['status_domain', '"active" | "suspended"', undefined],
    ['int_list', '(number | null)[]', 'number[]'],
    ['pair', 'string', undefined],
    ['_user_status', '("active" | "suspended" | null)[]', 'text[]'],
    ['auth._role', '("admin" | "say \\"hi\\"" | null)[]', 'text[]'],
    ['_auth.role', '("admin" | "say \\"hi\\"" | null)[]', 'text[]'],
    ['_status_domain', '("active" | "suspended" | null)[]', 'text[]'],
    ['_posint', '(number | null)[]', 'number[]'],
    ['_pair', '(string | null)[]', 'text[]'],
    ['_int_list', '(string | null)[]', 'text[]'],
  ])('%s → %s (codec %s)', (pgType, type, codec) => {
    expect(resultTsType(pgType, schema)).toEqual(codec === undefined ? { type } : { type, codec });
  });

  it('types int8, its domains and their arrays by the int8 mode', () => {
    const withInt8Domain: SchemaTypes = { ...schema, domains: { ...schema.domains, big_id: { baseType: 'int8', notNull: false } } };
    expect(resultTsType('int8', withInt8Domain, 'bigint')).toEqual({ type: 'bigint', codec: 'int8:bigint' });
    expect(resultTsType('big_id', withInt8Domain, 'number')).toEqual({ type: 'number', codec: 'int8:number' });
    expect(resultTsType('_big_id', withInt8Domain, 'number')).toEqual({ type: '(number | null)[]', codec: 'int8:number[]' });
    expect(resultTsType('_int8', withInt8Domain, 'bigint')).toEqual({ type: '(bigint | null)[]', codec: 'int8:bigint[]' });
  });

  it('survives a corrupt domain cycle', () => {
    expect(resultTsType('loop_a', schema).type).toBe('string');
  });
});

describe('paramTsType', () => {
  it.each([
    ['int4', 'number', 'number'],
    ['int8', 'string | number | bigint', 'int8'],
    ['numeric', 'string | number', undefined],
    ['bool', 'boolean', 'bool'],
    ['date', 'string', 'date'],
    ['timestamp', 'string', 'timestamp'],
    ['timestamptz', 'Date | string', 'timestamptz'],
    ['interval', 'Interval | string', 'interval'],
    ['bytea', 'Buffer', 'bytea'],
    ['json', 'JsonParam', 'json'],
    ['jsonb', 'JsonParam', 'json'],
    ['point', '{ x: number; y: number } | string', 'point'],
    ['text', 'string', undefined],
    ['user_status', '"active" | "suspended"', undefined],
    ['posint', 'number', 'number'],
    ['pair', 'string', undefined],
    ['_int4', 'readonly (number | null)[]', 'number[]'],
    ['_int8', 'readonly (string | number | bigint | null)[]', 'int8[]'],
    ['_user_status', 'readonly ("active" | "suspended" | null)[]', 'text[]'],
    ['_timestamptz', 'readonly (Date | string | null)[]', 'timestamptz[]'],
    ['_jsonb', 'readonly (JsonParam | null)[]', 'json[]'],
    ['_bytea', 'readonly (Buffer | null)[]', 'bytea[]'],
    ['_box', 'readonly (string | null)[]', 'box[]'],
    ['int_list', 'readonly (number | null)[]', 'number[]'],
  ])('%s → %s (codec %s)', (pgType, type, codec) => {
    expect(paramTsType(pgType, schema)).toEqual(codec === undefined ? { type } : { type, codec });
  });
});

describe('emitted type expressions', () => {
  const names = [
    ...['int2', 'int4', 'int8', 'numeric', 'money', 'float4', 'float8', 'bool', 'text', 'varchar'],
    ...['bpchar', 'char', 'name', 'uuid', 'bytea', 'date', 'time', 'timetz', 'timestamp'],
    ...['timestamptz', 'interval', 'json', 'jsonb', 'inet', 'cidr', 'macaddr', 'point', 'circle'],
    ...['tsvector', 'xml', 'bit', 'varbit', 'int4range', 'tstzrange', 'oid', 'box', 'void'],
    ...Object.keys(schema.enums),
    ...Object.keys(schema.domains),
    ...Object.keys(schema.composites),
  ];
  const all = names.flatMap((name) => {
    const dot = name.indexOf('.');
    const array = dot < 0 ? `_${name}` : `${name.slice(0, dot)}._${name.slice(dot + 1)}`;
    return [name, array].flatMap((t) => [resultTsType(t, schema).type, paramTsType(t, schema).type]);
  });

  it('stay inside the grammar codegen and the truth checker understand', () => {
    for (const type of all) expect(() => parseTypeExpression(type), type).not.toThrow();
  });

  it('are valid TypeScript', () => {
    const source = all.map((type, i) => `type T${i} = ${type};`).join('\n');
    const output = ts.transpileModule(source, { reportDiagnostics: true });
    expect(output.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});

describe('layering', () => {
  const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
  const imports = (source: string) => [...source.matchAll(/^\s*(import|export)\b[^;]*?from\s+'([^']+)'/gms)];

  it('ts-type-map imports types only, besides the dependency-free escaping helpers', () => {
    // The type map is part of the offline half: anything it loads at run time must itself load nothing.
    for (const match of imports(read('../../src/infer/ts-type-map.ts'))) {
      if (/^\s*import type /.test(match[0])) continue;
      expect(match[2], match[0]).toBe('../codegen/escape.js');
      expect(imports(read('../../src/codegen/escape.ts')), 'escape.ts must stay a leaf').toEqual([]);
    }
  });

  it('the runtime imports nothing outside itself', () => {
    const dir = fileURLToPath(new URL('../../src/runtime/', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const match of imports(read(`../../src/runtime/${file}`))) {
        expect(match[2], `${file}: ${match[0]}`).toMatch(/^\.\/[\w-]+\.js$/);
      }
    }
  });
});
