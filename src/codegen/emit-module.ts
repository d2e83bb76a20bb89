/**
 * Emits the TypeScript module for one query file from its cache entries (and the codegen
 * options) alone. The output is a pure function of its inputs, so `check` can regenerate it and
 * compare bytes.
 */
import type { CacheEntry, CachedColumn, CachedParam, SchemaTypes } from '../cache/cache-entry.js';
import type { SourceProblem } from '../source/query-source.js';
import { camelCase } from './camel-case.js';
import type { CodegenOptions } from './codegen-options.js';
import * as runtime from '../runtime/index.js';
import { commentText, propertyAccess, propertyKey, stringLiteral } from './escape.js';
import { functionName, localName, typeName } from './names.js';
import { checkTypeExpression, TYPE_EXPRESSION_HINT } from './type-expression.js';
import { columnType, paramType } from './ts-types.js';
import { typeImportLines, typeNoter } from './type-imports.js';


/** Every value the runtime exports is reserved in generated modules, used or not, so adding a query never renames a helper. */
const RUNTIME_VALUES = Object.keys(runtime).sort();

const RUNNER = {
  one: 'queryOne',
  maybe: 'queryMaybe',
  many: 'queryMany',
  exec: 'queryExec',
  execrows: 'queryExecRows',
} as const;

export interface EmittedModule {
  content: string;
  problems: SourceProblem[];
}

/** The placeholders of one TypeScript parameter. */
interface ParamGroup {
  name: string;
  property: string;
  kind: NonNullable<CachedParam['expansion']> | 'scalar';
  params: CachedParam[];
}

/**
 * @param sourceFile the query file, root-relative
 * @param modulePath the module being written, root-relative (for relative type imports)
 */
export function emitModule(
  sourceFile: string,
  modulePath: string,
  entries: readonly CacheEntry[],
  schema: SchemaTypes,
  options: CodegenOptions,
): EmittedModule {
  const problems: SourceProblem[] = [];
  const runtimeValues = new Set<string>();
  const runtimeTypes = new Set<string>(['Queryable']);
  const usedTypes: string[] = [];
  const noteType = typeNoter(modulePath, usedTypes, runtimeTypes);
  const property = (name: string): string => (options.camelCase ? camelCase(name) : name);
  const blocks: string[] = [];
  // Every module-level name and who declared it: a clash is reported now, never left to tsc.
  const declared = new Map<string, string>(RUNTIME_VALUES.map((name) => [name, `sqlsure's runtime helper ${name}`]));

  for (const entry of entries) {
    const fn = functionName(entry.name);
    const base = typeName(entry.name);
    const problem = (message: string, hint?: string): void => {
      problems.push({ file: sourceFile, position: { line: lineOf(entry), column: 1 }, message: `${entry.name}: ${message}`, ...(hint ? { hint } : {}) });
    };
    const declare = (name: string, what: string): void => {
      const other = declared.get(name);
      if (other !== undefined) problem(`its ${what} ${name} clashes with ${other}`, 'rename one of the queries');
      else declared.set(name, `the ${what} of query ${entry.name} (${entry.source})`);
    };
    declare(fn, 'function');
    declare(`${base}Params`, 'type');
    declare(`${base}Row`, 'type');
    const lines: string[] = [];
    const returnsRows = entry.cardinality === 'one' || entry.cardinality === 'maybe' || entry.cardinality === 'many';
    runtimeValues.add(RUNNER[entry.cardinality]);
    const dynamic = entry.dynamic;

    const groups = groupParams(entry.params, property);
    distinct(groups.map((g) => [g.name, g.property]), (a, b, p) => problem(`parameters :${a} and :${b} are both named ${p} in TypeScript`, 'rename one of them'));
    if (groups.length > 0) {
      lines.push(`/** Parameters of {@link ${fn}}. */`, `export interface ${base}Params {`);
      for (const g of groups) {
        const isDynamic = dynamic?.param === g.name;
        const value = (p: CachedParam, nullable: boolean): string => {
          const type = noteType(paramType(p, schema, options, isDynamic).type);
          return nullable ? `${type} | null` : type;
        };
        let type: string;
        if (g.kind === 'scalar') type = value(g.params[0]!, g.params[0]!.nullable);
        else if (g.kind === 'list') type = `readonly ${arrayOf(value(g.params[0]!, g.params[0]!.elementNullable ?? false))}`;
        else {
          const fields = g.params.map((p) => [p.field!, property(p.field!)] as const);
          distinct(fields, (a, b, p) => problem(`fields ${a} and ${b} of :${g.name} are both named ${p} in TypeScript`, 'rename one of them'));
          const nullable = (p: CachedParam): boolean => (g.kind === 'rows' ? p.elementNullable ?? true : p.nullable);
          const object = `{ ${g.params.map((p) => `${propertyKey(property(p.field!))}: ${value(p, nullable(p))}`).join('; ')} }`;
          type = g.kind === 'tuple' ? object : `readonly ${object}[]`;
        }
        // `:name?`: may be left out; the runtime encodes the missing value as NULL.
        const optional = g.kind === 'scalar' && g.params[0]!.optional === true;
        lines.push(`  ${propertyKey(g.property)}${optional ? '?' : ''}: ${type};`);
      }
      lines.push('}', '');
    }

    const decoders: string[] = [];
    const renames: string[] = [];
    if (returnsRows) {
      const seen = new Set<string>();
      const properties = new Map<string, string>();
      lines.push(`/** A row returned by {@link ${fn}}. */`, `export interface ${base}Row {`);
      for (const c of entry.columns) {
        if (seen.has(c.name) || c.name === '?column?') {
          problem(`result column "${c.name}" is ${seen.has(c.name) ? 'duplicated' : 'unnamed'}`, 'alias it');
        }
        seen.add(c.name);
        const key = property(c.name);
        if (properties.has(key) && properties.get(key) !== c.name) {
          problem(`columns "${properties.get(key)}" and "${c.name}" are both named ${key} in TypeScript`, 'alias one of them');
        }
        properties.set(key, c.name);
        if (c.tsType !== undefined) {
          const checked = checkTypeExpression(c.tsType);
          if (!checked.ok) problem(`the type override of column "${c.name}" is not a single TypeScript type: ${checked.message}`, TYPE_EXPRESSION_HINT);
        }
        const resolved = columnType(c, schema, options);
        const type = noteType(resolved.type);
        if (resolved.codec) decoders.push(`${propertyKey(c.name)}: ${stringLiteral(resolved.codec)}`);
        if (key !== c.name) renames.push(`${propertyKey(c.name)}: ${stringLiteral(key)}`);
        const doc = columnDoc(c);
        if (doc) lines.push(`  /** ${doc} */`);
        lines.push(`  ${propertyKey(key)}: ${c.nullable ? `${type} | null` : type};`);
      }
      lines.push('}', '');
    }

    const sqlConst = localName(fn, 'sql');
    lines.push(`const ${sqlConst} = ${stringLiteral(entry.statement)};`);
    // Filled in below, once the parameters' codecs are known; the constant precedes the function.
    const shapeLines: string[] = [];
    const shapeAt = lines.length;
    const rowsConst = localName(fn, 'rows');
    if (dynamic) {
      runtimeTypes.add('RowsSlot');
      runtimeValues.add('expandRows');
      const casts = dynamic.casts.map((c) => stringLiteral(c)).join(', ');
      lines.push(
        `const ${rowsConst}: RowsSlot = { start: ${dynamic.start}, end: ${dynamic.end}, context: ${stringLiteral(dynamic.context)}, firstIndex: ${dynamic.firstIndex}, casts: [${casts}] };`,
      );
    }
    lines.push('');

    // One value per `$n`, passed as the caller gave it; the runtime encodes each by its codec spec.
    const values: string[] = [];
    const rowFields: string[] = [];
    const encode: string[] = [];
    const encodeRows: string[] = [];
    const groupOf = new Map(groups.flatMap((g) => g.params.map((p) => [p, g] as const)));
    for (const p of entry.params) {
      const g = groupOf.get(p)!;
      const access = propertyAccess('params', g.property);
      const field = (object: string): string => propertyAccess(object, property(p.field!));
      const isDynamic = dynamic?.param === g.name;
      const spec = stringLiteral(paramType(p, schema, options, isDynamic).codec ?? 'text');
      if (isDynamic) {
        rowFields.push(field('r'));
        encodeRows.push(spec);
        continue;
      }
      encode.push(spec);
      if (g.kind === 'scalar' || g.kind === 'list') values.push(access);
      else if (g.kind === 'tuple') values.push(field(access));
      else values.push(`${access}.map((r) => ${field('r')})`);
    }
    const rowsEncoded = encodeRows.some((e) => e !== '"text"');
    const shapeParts = [
      ...(decoders.length > 0 ? [`decode: { ${decoders.join(', ')} }`] : []),
      ...(renames.length > 0 ? [`rename: { ${renames.join(', ')} }`] : []),
      // The rows' specs count from the end of `encode`, so it is written whenever they are.
      ...(encode.some((e) => e !== '"text"') || rowsEncoded ? [`encode: [${encode.join(', ')}]`] : []),
      ...(rowsEncoded ? [`encodeRows: [${encodeRows.join(', ')}]`] : []),
    ];
    const shapeConst = localName(fn, 'shape');
    if (shapeParts.length > 0) {
      runtimeTypes.add('QueryShape');
      shapeLines.push(`const ${shapeConst}: QueryShape = { ${shapeParts.join(', ')} };`);
    }

    lines.splice(shapeAt, 0, ...shapeLines);
    lines.push(...functionDoc(entry));
    const paramsArg = groups.length > 0 ? `, params: ${base}Params` : '';
    const resultType = {
      one: `${base}Row`,
      maybe: `${base}Row | null`,
      many: `${base}Row[]`,
      exec: 'void',
      execrows: 'number',
    }[entry.cardinality];
    const typeArg = returnsRows ? `<${base}Row>` : '';
    const shapeArg = shapeParts.length > 0 ? `, ${shapeConst}` : '';
    lines.push(`export async function ${fn}(db: Queryable${paramsArg}): Promise<${resultType}> {`);
    if (dynamic) {
      const rowsAccess = propertyAccess('params', groups.find((g) => g.name === dynamic.param)!.property);
      lines.push(
        `  const { text, values } = expandRows(${sqlConst}, ${rowsConst}, [${values.join(', ')}], ${rowsAccess}, (r) => [${rowFields.join(', ')}]);`,
        `  return ${RUNNER[entry.cardinality]}${typeArg}(db, ${stringLiteral(entry.name)}, text, values${shapeArg});`,
      );
    } else {
      lines.push(`  return ${RUNNER[entry.cardinality]}${typeArg}(db, ${stringLiteral(entry.name)}, ${sqlConst}, [${values.join(', ')}]${shapeArg});`);
    }
    lines.push('}');
    blocks.push(lines.join('\n'));
  }

  const imports = [...[...runtimeValues].sort(), ...[...runtimeTypes].sort().map((t) => `type ${t}`)];
  const typeImports = typeImportLines(usedTypes, options.imports, modulePath);
  for (const name of [...runtimeTypes, ...typeImports.names]) {
    const other = declared.get(name);
    const what = runtimeTypes.has(name) ? `sqlsure's runtime type ${name}` : `the type ${name} imported by the configuration ("imports")`;
    if (other !== undefined && entries.length > 0) {
      problems.push({ file: sourceFile, position: { line: 1, column: 1 }, message: `${what} clashes with ${other}`, hint: 'rename the query or the imported type' });
    }
    declared.set(name, what);
  }
  const header = [
    `// Generated by sqlsure from ${commentText(sourceFile)}. Do not edit: change the SQL and run \`sqlsure prepare\`.`,
    `import { ${imports.join(', ')} } from 'sqlsure/runtime';`,
    ...typeImports.lines,
    '',
  ];
  return { content: header.join('\n') + '\n' + blocks.join('\n\n') + '\n', problems };
}

/** Placeholders in `$n` order, grouped by the TypeScript parameter they come from. */
function groupParams(params: readonly CachedParam[], property: (name: string) => string): ParamGroup[] {
  const groups = new Map<string, ParamGroup>();
  for (const p of params) {
    const group = groups.get(p.name);
    if (group) group.params.push(p);
    else groups.set(p.name, { name: p.name, property: property(p.name), kind: p.expansion ?? 'scalar', params: [p] });
  }
  return [...groups.values()];
}

/** Reports pairs of different names that map to the same property. */
function distinct(pairs: ReadonlyArray<readonly [string, string]>, report: (a: string, b: string, property: string) => void): void {
  const seen = new Map<string, string>();
  for (const [name, prop] of pairs) {
    const other = seen.get(prop);
    if (other !== undefined && other !== name) report(other, name, prop);
    else seen.set(prop, name);
  }
}

/** `T[]`, parenthesised when `T` is not a single name. */
function arrayOf(type: string): string {
  return /^[\w$.]+$/.test(type) ? `${type}[]` : `(${type})[]`;
}

function columnDoc(c: CachedColumn): string | undefined {
  const parts: string[] = [];
  if (c.origin) parts.push(`${c.origin.table}.${c.origin.column}`);
  parts.push(c.pgType);
  if (c.nullable) parts.push(`nullable: ${c.nullableBecause ?? 'not proven non-null'}`);
  return commentText(parts.join(' · '));
}

function functionDoc(entry: CacheEntry): string[] {
  const sql = entry.sql.split('\n').map((l) => ` * ${commentText(l)}`.trimEnd());
  return ['/**', ` * ${commentText(`${entry.name} (:${entry.cardinality}) — ${entry.source}`)}`, ' *', ' * ```sql', ...sql, ' * ```', ' */'];
}

function lineOf(entry: CacheEntry): number {
  return Number(/:(\d+)$/.exec(entry.source)?.[1] ?? 1);
}
