/**
 * The type argument prepare writes in place for a native `query<{ … }>` template, from its cache
 * entry alone (so `check` computes the same text offline):
 *
 *   { params: { email: string; ids: readonly number[] }; row: { id: number; email: string | null }; cardinality: 'maybe' }
 *
 * It must stand on its own where it is written, so every type the generated modules would import
 * is written as an import type instead (`import('sqlsure/runtime').JsonValue`,
 * `import('./app-types.js').Money`). Parameters follow the `.sql` modules: a nullable one is
 * `T | null` and must be passed, unless written `:name?` (then it is optional). `params` is absent for a query without any (`.run(db)`), `row`
 * for `:exec` and `:execrows`.
 */
import type { CacheEntry, CachedParam, SchemaTypes } from '../cache/cache-entry.js';
import { camelCase } from './camel-case.js';
import type { CodegenOptions } from './codegen-options.js';
import { propertyKey, stringLiteral } from './escape.js';
import { columnType, paramType } from './ts-types.js';
import { relocate, relocateInlineImports, RUNTIME_TYPES } from './type-imports.js';
import type { QuerySource } from '../source/query-source.js';
import { typesModulePath } from '../source/typescript/types-module-path.js';

/**
 * For every native template that has a cache entry: file → query name → its text and type members.
 * `entryOf` gives the entry prepared for a query's current text, if any.
 */
export function nativeTypesByFile(
  queries: readonly QuerySource[],
  entryOf: (query: QuerySource) => CacheEntry | undefined,
  schema: SchemaTypes,
  options: CodegenOptions,
): Map<string, Map<string, { sql: string; members: TypeMember[] }>> {
  const byFile = new Map<string, Map<string, { sql: string; members: TypeMember[] }>>();
  for (const query of queries) {
    if (!query.inline) continue;
    const entry = entryOf(query);
    if (!entry) continue;
    const inFile = byFile.get(query.file) ?? new Map();
    inFile.set(query.name, { sql: query.sql, members: nativeTypeMembers(entry, schema, options, typesModulePath(query.file)) });
    byFile.set(query.file, inFile);
  }
  return byFile;
}

/** `[key, type]` pairs; an object-typed member holds its own pairs, so it can be laid out one per line. */
export type TypeMember = readonly [key: string, type: string | readonly TypeMember[]];

/** The members of the type argument of `entry`, whose types module is at `modulePath`. */
export function nativeTypeMembers(entry: CacheEntry, schema: SchemaTypes, options: CodegenOptions, modulePath: string): TypeMember[] {
  const property = (name: string): string => (options.camelCase ? camelCase(name) : name);
  const standalone = (type: string): string => standaloneType(type, modulePath, options.imports);
  const members: TypeMember[] = [];
  const groups = new Map<string, CachedParam[]>();
  for (const p of entry.params) groups.set(p.name, [...(groups.get(p.name) ?? []), p]);
  if (groups.size > 0) {
    const params: TypeMember[] = [];
    for (const [name, group] of groups) {
      const first = group[0]!;
      const isDynamic = entry.dynamic?.param === name;
      const value = (p: CachedParam, nullable: boolean): string => {
        const type = standalone(paramType(p, schema, options, isDynamic).type);
        return nullable ? `${type} | null` : type;
      };
      let type: string;
      if (!first.expansion) type = value(first, first.nullable);
      else if (first.expansion === 'list') type = `readonly ${arrayOf(value(first, first.elementNullable ?? false))}`;
      else {
        const nullable = (p: CachedParam): boolean => (first.expansion === 'rows' ? (p.elementNullable ?? true) : p.nullable);
        const object = `{ ${group.map((p) => `${propertyKey(property(p.field!))}: ${value(p, nullable(p))}`).join('; ')} }`;
        type = first.expansion === 'tuple' ? object : `readonly ${object}[]`;
      }
      // `:name?`: an optional property, sent as NULL when left out (as in the .sql modules).
      params.push([`${propertyKey(property(name))}${first.optional && !first.expansion ? '?' : ''}`, type]);
    }
    members.push(['params', params]);
  }
  if (entry.cardinality !== 'exec' && entry.cardinality !== 'execrows') {
    const row: TypeMember[] = entry.columns.map((c) => {
      const type = standalone(columnType(c, schema, options).type);
      return [propertyKey(property(c.name)), c.nullable ? `${type} | null` : type];
    });
    members.push(['row', row]);
  }
  members.push(['cardinality', stringLiteral(entry.cardinality, "'")]);
  return members;
}

/** The whole type argument on one line (the canonical form check compares with). */
export function oneLine(members: readonly TypeMember[]): string {
  if (members.length === 0) return '{}';
  return `{ ${members.map(([key, type]) => `${key}: ${typeof type === 'string' ? type : oneLine(type)}`).join('; ')} }`;
}

export interface Layout {
  /** Columns already taken on the line where the type argument starts. */
  column: number;
  /** The indentation of that line, and one level of it. */
  indent: string;
  unit: string;
  eol: string;
}

/** Longest line a type argument is kept on. */
const MAX_WIDTH = 100;

/** One line when it fits, else one member per line (nested objects likewise), as a formatter would. */
export function formatTypeArgument(members: readonly TypeMember[], layout: Layout): string {
  const flat = oneLine(members);
  if (layout.column + flat.length + 2 <= MAX_WIDTH) return flat;
  const block = (items: readonly TypeMember[], indent: string): string => {
    if (items.length === 0) return '{}';
    const inner = indent + layout.unit;
    const lines = items.map(([key, type]) => {
      if (typeof type === 'string') return `${inner}${key}: ${type};`;
      const single = `${inner}${key}: ${oneLine(type)};`;
      return single.length <= MAX_WIDTH ? single : `${inner}${key}: ${block(type, inner)};`;
    });
    return `{${layout.eol}${lines.join(layout.eol)}${layout.eol}${indent}}`;
  };
  return block(members, layout.indent);
}

/** A type as written in a generated module, rewritten to need no import of its own. */
function standaloneType(type: string, modulePath: string, imports: Readonly<Record<string, string>>): string {
  let text = relocateInlineImports(type, modulePath);
  const name = (n: string) => new RegExp(`(?<![\\w$.'"])${n.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  for (const [imported, specifier] of Object.entries(imports)) {
    text = text.replace(name(imported), `import(${stringLiteral(relocate(specifier, modulePath), "'")}).${imported}`);
  }
  for (const t of RUNTIME_TYPES) {
    if (!Object.hasOwn(imports, t)) text = text.replace(name(t), `import('sqlsure/runtime').${t}`);
  }
  return text;
}

function arrayOf(type: string): string {
  return /^[\w$.]+$/.test(type) ? `${type}[]` : `(${type})[]`;
}
