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
    ['int2', 'number'],
    ['int4', 'number'],
    ['oid', 'number'],
    ['int8', 'string'],
    ['numeric', 'string'],
    ['float4', 'number'],
    ['float8', 'number'],
    ['bool', 'boolean'],
    ['date', 'Date'],
    ['timestamptz', 'Date'],
    ['time', 'string'],
    ['interval', 'Interval'],
    ['bytea', 'Buffer'],
    ['jsonb', 'JsonValue'],
    ['point', '{ x: number; y: number }'],
    ['circle', '{ x: number; y: number; radius: number }'],
    ['money', 'string'],
    ['char', 'string'],
    ['void', 'string'],
    ['record', 'string'],
    ['some_extension_type', 'string'],
    ['constructor', 'string'],
    ['_int8', '(string | null)[]'],
    ['_numeric', '(number | null)[]'],
    ['_timestamptz', '(Date | null)[]'],
    ['_jsonb', '(JsonValue | null)[]'],
    ['_point', '({ x: number; y: number } | null)[]'],
    ['_text', '(string | null)[]'],
    ['_uuid', '(string | null)[]'],
    ['user_status', '"active" | "suspended"'],
    ['auth.role', '"admin" | "say \\"hi\\""'],
    ['empty_enum', 'string'],
    ['email', 'string'],
    ['posint', 'number'],
    ['status_domain', '"active" | "suspended"'],
    ['int_list', '(number | null)[]'],
    ['pair', 'string'],
    ['_box', 'string'],
  ])('%s → %s', (pgType, type) => {
    expect(resultTsType(pgType, schema)).toEqual({ type });
  });

  it.each([
    ['_name', '(string | null)[]'],
    ['_char', '(string | null)[]'],
    ['_xml', '(string | null)[]'],
    ['_int4range', '(string | null)[]'],
    ['_citext', '(string | null)[]'],
    ['_user_status', '("active" | "suspended" | null)[]'],
    ['auth._role', '("admin" | "say \\"hi\\"" | null)[]'],
    ['_auth.role', '("admin" | "say \\"hi\\"" | null)[]'],
    ['_status_domain', '("active" | "suspended" | null)[]'],
    ['_posint', '(string | null)[]'],
    ['_pair', '(string | null)[]'],
  ])('%s → %s decoded from text', (pgType, type) => {
    expect(resultTsType(pgType, schema)).toEqual({ type, decoder: 'textArray' });
  });

  it('survives a corrupt domain cycle', () => {
    expect(resultTsType('loop_a', schema).type).toBe('string');
  });
});

describe('paramTsType', () => {
  it.each([
    ['int4', 'number'],
    ['int8', 'string | number | bigint'],
    ['numeric', 'string | number'],
    ['bool', 'boolean'],
    ['date', 'Date | string'],
    ['timestamp', 'Date | string'],
    ['interval', 'Interval | string'],
    ['bytea', 'Buffer'],
    ['point', 'string'],
    ['text', 'string'],
    ['user_status', '"active" | "suspended"'],
    ['posint', 'number'],
    ['pair', 'string'],
    ['_int4', 'readonly (number | null)[]'],
    ['_int8', 'readonly (string | number | bigint | null)[]'],
    ['_user_status', 'readonly ("active" | "suspended" | null)[]'],
    ['_timestamptz', 'readonly (Date | string | null)[]'],
    ['_jsonb', 'readonly (string | null)[]'],
    ['_bytea', 'readonly (Buffer | null)[]'],
    ['_box', 'string'],
    ['int_list', 'readonly (number | null)[]'],
  ])('%s → %s', (pgType, type) => {
    expect(paramTsType(pgType, schema)).toEqual({ type });
  });

  it('JSON-encodes json and jsonb', () => {
    expect(paramTsType('json', schema)).toEqual({ type: 'JsonValue', encoder: 'json' });
    expect(paramTsType('jsonb', schema)).toEqual({ type: 'JsonValue', encoder: 'json' });
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

  it('ts-type-map imports types only', () => {
    for (const match of imports(read('../../src/infer/ts-type-map.ts'))) {
      expect(match[0]).toMatch(/^\s*import type /);
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
