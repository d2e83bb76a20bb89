/**
 * The `sql` tag for queries written inside TypeScript sources, compatible with pgtyped's:
 *
 *   export const findUser = sql<IFindUserQuery>`SELECT … WHERE email = $email!`;
 *   const rows = await findUser.run({ email }, db);
 *
 * The runtime parses nothing. `prepare` compiled each template into a statement with `$n`
 * placeholders, codecs and expansions, and wrote it into the source's types module
 * (`users.types.ts`), which registers it here, keyed by the template's text. The tag looks it
 * up on first run; a template prepare has not seen (or whose types module was never imported)
 * throws, naming the fix, instead of running unchecked SQL.
 */
import { queryExec, queryExecRows, queryMany, queryMaybe, queryOne } from './cardinality.js';
import { expandRows, type RowsSlot } from './expand-rows.js';
import type { Queryable } from './queryable.js';
import type { QueryShape } from './row-shape.js';

/**
 * Where the value of one `$n` comes from: `[property]` the parameter itself (a scalar, or a
 * list's array), `[property, field]` a field of a tuple, `[property, field, 'rows']` one field
 * of every row (an array per field, for unnest).
 */
export type InlineValue = readonly [property: string] | readonly [property: string, field: string] | readonly [property: string, field: string, rows: 'rows'];

export interface InlineQuery {
  /** The template's text as written, trimmed: the key the tag finds it by. */
  readonly text: string;
  readonly name: string;
  readonly statement: string;
  readonly values: readonly InlineValue[];
  /** Absent: an array of rows, as pgtyped returns. `exec` is said for the native tag (pgtyped's returns `[]`). */
  readonly cardinality?: 'one' | 'maybe' | 'exec' | 'execrows';
  readonly shape?: QueryShape;
  /** A rows expansion repeated at runtime: its slot, parameter and fields. */
  readonly rows?: { readonly slot: RowsSlot; readonly property: string; readonly fields: readonly string[] };
}

// Shared through a registered symbol, so two copies of the runtime in one process agree.
const REGISTRY: unique symbol = Symbol.for('sqlsure.inlineQueries') as never;
type Registry = Map<string, InlineQuery>;
const registry: Registry = ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= new Map());

/** The prepared query of a template's (trimmed) text, if its types module registered one. */
export function registeredQuery(text: string): InlineQuery | undefined {
  return registry.get(text);
}

/** Called by generated `*.types.ts` modules. */
export function registerInlineQueries(queries: readonly InlineQuery[]): void {
  for (const q of queries) registry.set(q.text, q);
}

/** What `sql<IQuery>` stands for: pgtyped's query types have this shape. */
export interface QueryTypes {
  params: unknown;
  result: unknown;
  /** Written by prepare for a template annotated `-- :one`, `-- :maybe` or `-- :execrows`. */
  cardinality?: 'one' | 'maybe' | 'execrows';
}

/** What `.run` resolves to: pgtyped's array of rows, unless the query says otherwise. */
export type RunResult<T extends QueryTypes> = T extends { cardinality: 'one' }
  ? T['result']
  : T extends { cardinality: 'maybe' }
    ? T['result'] | null
    : T extends { cardinality: 'execrows' }
      ? number
      : Array<T['result']>;

export interface TaggedQuery<T extends QueryTypes> {
  run(params: T['params'], db: Queryable): Promise<RunResult<T>>;
}

export function sql<T extends QueryTypes>(strings: TemplateStringsArray, ...interpolations: never[]): TaggedQuery<T> {
  if (interpolations.length > 0) throw new TypeError('sql`…` templates take no ${…} interpolations: write parameters as $name and pass them to run()');
  // The cooked text: transpilers may re-escape the raw one (a tab as `\t`). prepare refuses
  // templates with backslashes, so for every prepared template the two are the same.
  const text = strings.join('').trim();
  let query: InlineQuery | undefined;
  return {
    async run(params, db) {
      query ??= registry.get(text);
      if (!query) {
        throw new Error(
          `this sql\`…\` query is not prepared: run \`sqlsure prepare\` (with the file in "sources"), and import its .types.js module for its value, not with \`import type\` (query text: ${JSON.stringify(text.slice(0, 80))})`,
        );
      }
      // pgtyped's tag has no :exec: a statement without rows resolves to an empty array.
      return runInline(query, (params ?? {}) as Record<string, unknown>, db, query.cardinality === 'exec' ? 'many' : undefined) as Promise<RunResult<T>>;
    },
  };
}

export async function runInline(query: InlineQuery, params: Record<string, unknown>, db: Queryable, cardinality: keyof typeof RUNNERS = query.cardinality ?? 'many'): Promise<unknown> {
  const read = (property: string): unknown => (Object.hasOwn(params, property) ? params[property] : undefined) ?? null;
  const values = query.values.map(([property, field, rows]) => {
    const value = read(property);
    if (field === undefined) return value;
    if (rows) return (value as ReadonlyArray<Record<string, unknown>>).map((r) => r[field] ?? null);
    return (value as Record<string, unknown>)[field] ?? null;
  });
  if (query.rows) {
    const { slot, property, fields } = query.rows;
    const rows = read(property) as ReadonlyArray<Record<string, unknown>>;
    const expanded = expandRows(query.statement, slot, values, rows, (r) => fields.map((f) => r[f] ?? null));
    return RUNNERS[cardinality](db, query.name, expanded.text, expanded.values, query.shape);
  }
  return RUNNERS[cardinality](db, query.name, query.statement, values, query.shape);
}

const RUNNERS = { one: queryOne, maybe: queryMaybe, many: queryMany, exec: queryExec, execrows: queryExecRows } as const;
