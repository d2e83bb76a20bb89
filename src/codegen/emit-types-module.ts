/**
 * The types module of a TypeScript source (`src/users.ts` → `src/users.types.ts`), from its cache
 * entries alone, with pgtyped's names so pgtyped code compiles unchanged:
 *
 *   IFindUserByEmailParams, IFindUserByEmailResult, IFindUserByEmailQuery { params; result }
 *
 * It also registers each query's compiled statement, codecs and expansions with the runtime's
 * `sql` tag (runtime/sql-tag.ts), keyed by the template's text.
 */
import type { CacheEntry, CachedParam, SchemaTypes } from '../cache/cache-entry.js';
import type { SourceProblem } from '../source/query-source.js';
import { camelCase } from './camel-case.js';
import type { CodegenOptions } from './codegen-options.js';
import { commentText, propertyKey, stringLiteral } from './escape.js';
import { checkTypeExpression, TYPE_EXPRESSION_HINT } from './type-expression.js';
import { columnType, paramType } from './ts-types.js';
import { typeImportLines, typeNoter } from './type-imports.js';
import type { EmittedModule } from './emit-module.js';


export function emitTypesModule(sourceFile: string, modulePath: string, entries: readonly CacheEntry[], schema: SchemaTypes, options: CodegenOptions): EmittedModule {
  const problems: SourceProblem[] = [];
  const runtimeTypes = new Set<string>();
  const usedTypes: string[] = [];
  const noteType = typeNoter(modulePath, usedTypes, runtimeTypes);
  const property = (name: string): string => (options.camelCase ? camelCase(name) : name);
  const blocks: string[] = [];
  const registrations: string[] = [];
  for (const entry of entries) {
    const base = `I${entry.name[0]!.toUpperCase()}${entry.name.slice(1)}`;
    const problem = (message: string, hint?: string): void => {
      problems.push({ file: sourceFile, position: { line: lineOf(entry), column: 1 }, message: `${entry.name}: ${message}`, ...(hint ? { hint } : {}) });
    };
    const lines: string[] = [];
    const dynamic = entry.dynamic;
    // Parameters, grouped by the TypeScript property their placeholders come from.
    const groups = new Map<string, CachedParam[]>();
    for (const p of entry.params) groups.set(p.name, [...(groups.get(p.name) ?? []), p]);
    const value = (p: CachedParam, nullable: boolean, isDynamic: boolean): string => {
      const type = noteType(paramType(p, schema, options, isDynamic).type);
      return nullable ? `${type} | null` : type;
    };
    if (groups.size === 0) lines.push(`/** '${commentText(entry.name)}' parameters type */`, `export type ${base}Params = void;`, '');
    else {
      lines.push(`/** '${commentText(entry.name)}' parameters type */`, `export interface ${base}Params {`);
      for (const [name, params] of groups) {
        const first = params[0]!;
        const isDynamic = dynamic?.param === name;
        let type: string;
        let optional = false;
        if (!first.expansion) {
          type = value(first, first.nullable, false);
          optional = first.nullable || first.optional === true;
        } else if (first.expansion === 'list') type = `readonly ${arrayOf(value(first, first.elementNullable ?? false, false))}`;
        else {
          const nullable = (p: CachedParam): boolean => (first.expansion === 'rows' ? (p.elementNullable ?? true) : p.nullable);
          const object = `{ ${params.map((p) => `${propertyKey(property(p.field!))}: ${value(p, nullable(p), isDynamic)}`).join('; ')} }`;
          type = first.expansion === 'tuple' ? object : `readonly ${object}[]`;
        }
        // pgtyped lets any nullable parameter be left out (not only `?` ones): it is sent as NULL.
        lines.push(`  ${propertyKey(property(name))}${optional ? '?' : ''}: ${type};`);
      }
      lines.push('}', '');
    }
    const decoders: string[] = [];
    const renames: string[] = [];
    lines.push(`/** '${commentText(entry.name)}' return type */`, `export interface ${base}Result {`);
    const seen = new Set<string>();
    for (const c of entry.columns) {
      const key = property(c.name);
      if (seen.has(key) || c.name === '?column?') problem(`result column "${c.name}" is ${seen.has(key) ? 'duplicated' : 'unnamed'}`, 'alias it');
      seen.add(key);
      if (c.tsType !== undefined) {
        const checked = checkTypeExpression(c.tsType);
        if (!checked.ok) problem(`the type override of column "${c.name}" is not a single TypeScript type: ${checked.message}`, TYPE_EXPRESSION_HINT);
      }
      const resolved = columnType(c, schema, options);
      const type = noteType(resolved.type);
      if (resolved.codec) decoders.push(`${propertyKey(c.name)}: ${stringLiteral(resolved.codec)}`);
      if (key !== c.name) renames.push(`${propertyKey(c.name)}: ${stringLiteral(key)}`);
      const doc = [c.origin ? `${c.origin.table}.${c.origin.column}` : undefined, c.pgType, c.nullable ? `nullable: ${c.nullableBecause ?? 'not proven non-null'}` : undefined].filter(Boolean).join(' · ');
      lines.push(`  /** ${commentText(doc)} */`, `  ${propertyKey(key)}: ${c.nullable ? `${type} | null` : type};`);
    }
    lines.push('}', '');
    // One row, an optional row or a count instead of pgtyped's array: said in the type and at runtime.
    const single = entry.cardinality === 'one' || entry.cardinality === 'maybe' || entry.cardinality === 'execrows' ? entry.cardinality : undefined;
    lines.push(
      `/** '${commentText(entry.name)}' query type (${commentText(entry.source)}) */`,
      `export interface ${base}Query {`,
      `  params: ${base}Params;`,
      `  result: ${base}Result;`,
      ...(single ? [`  cardinality: ${stringLiteral(single, "'")};`] : []),
      '}',
    );
    blocks.push(lines.join('\n'));

    // What the tag needs at runtime: one source per `$n`, codecs, the repeated rows slot.
    const values: string[] = [];
    const encode: string[] = [];
    const encodeRows: string[] = [];
    const rowFields: string[] = [];
    for (const p of entry.params) {
      const isDynamic = dynamic?.param === p.name;
      const spec = stringLiteral(paramType(p, schema, options, isDynamic).codec ?? 'text');
      if (isDynamic) {
        encodeRows.push(spec);
        rowFields.push(stringLiteral(property(p.field!)));
        continue;
      }
      encode.push(spec);
      const prop = stringLiteral(property(p.name));
      if (!p.expansion || p.expansion === 'list') values.push(`[${prop}]`);
      else if (p.expansion === 'tuple') values.push(`[${prop}, ${stringLiteral(property(p.field!))}]`);
      else values.push(`[${prop}, ${stringLiteral(property(p.field!))}, "rows"]`);
    }
    const rowsEncoded = encodeRows.some((e) => e !== '"text"');
    const shape = [
      ...(decoders.length > 0 ? [`decode: { ${decoders.join(', ')} }`] : []),
      ...(renames.length > 0 ? [`rename: { ${renames.join(', ')} }`] : []),
      ...(encode.some((e) => e !== '"text"') || rowsEncoded ? [`encode: [${encode.join(', ')}]`] : []),
      ...(rowsEncoded ? [`encodeRows: [${encodeRows.join(', ')}]`] : []),
    ];
    const fields = [
      `text: ${stringLiteral(entry.sql)}`,
      `name: ${stringLiteral(entry.name)}`,
      `statement: ${stringLiteral(entry.statement)}`,
      `values: [${values.join(', ')}]`,
      // :exec too, for the native `query` tag (pgtyped's `sql` tag still resolves to an array).
      ...(entry.cardinality !== 'many' ? [`cardinality: ${stringLiteral(entry.cardinality)}`] : []),
      ...(shape.length > 0 ? [`shape: { ${shape.join(', ')} }`] : []),
    ];
    if (dynamic) {
      const slot = `{ start: ${dynamic.start}, end: ${dynamic.end}, context: ${stringLiteral(dynamic.context)}, firstIndex: ${dynamic.firstIndex}, casts: [${dynamic.casts.map((c) => stringLiteral(c)).join(', ')}] }`;
      fields.push(`rows: { slot: ${slot}, property: ${stringLiteral(property(dynamic.param))}, fields: [${rowFields.join(', ')}] }`);
    }
    registrations.push(`  {\n    ${fields.join(',\n    ')},\n  },`);
  }
  const typeImports = typeImportLines(usedTypes, options.imports, modulePath);
  const runtimeImports = ['registerInlineQueries', ...[...runtimeTypes].sort().map((t) => `type ${t}`)];
  const header = [
    `// Generated by sqlsure from ${commentText(sourceFile)}. Do not edit: change the SQL and run \`sqlsure prepare\`.`,
    `import { ${runtimeImports.join(', ')} } from 'sqlsure/runtime';`,
    ...typeImports.lines,
    '',
  ];
  const register = ['// The compiled queries, found by the `sql` tag of sqlsure/runtime by their text.', 'registerInlineQueries([', ...registrations, ']);'];
  return { content: header.join('\n') + '\n' + blocks.join('\n\n') + '\n\n' + register.join('\n') + '\n', problems };
}

function arrayOf(type: string): string {
  return /^[\w$.]+$/.test(type) ? `${type}[]` : `(${type})[]`;
}

function lineOf(entry: CacheEntry): number {
  return Number(/:(\d+)$/.exec(entry.source)?.[1] ?? 1);
}
