/**
 * The native `query` tag: sqlsure's `.sql` syntax inside TypeScript, with the query's types written
 * in place by `prepare` as the tag's type argument (checked offline by `check`):
 *
 *   export const findUser = query<{ params: { email: string }; row: { id: number }; cardinality: 'maybe' }>`
 *     -- :maybe
 *     SELECT id FROM users WHERE email = :email!`;
 *   const user = await findUser.run({ email }, db);
 *
 * Like the `sql` tag it parses nothing at runtime: the statement, codecs and expansions come from
 * the source's types module (`users.types.ts`, imported for its effect, which prepare adds), found
 * by the template's text. It is a tag of its own, never `sql`, so pgtyped's `$param` syntax and
 * sqlsure's `:param` syntax are never read one for the other.
 */
import type { Queryable } from './queryable.js';
import { registeredQuery, runInline } from './sql-tag.js';

/** What prepare writes as the type argument. */
export interface NativeQueryTypes {
  /** Absent for a query without parameters: `.run(db)`. */
  params?: unknown;
  /** Absent for `:exec` and `:execrows`. */
  row?: unknown;
  cardinality: 'one' | 'maybe' | 'many' | 'exec' | 'execrows';
}

/** The type argument before the first prepare: `.run` accepts nothing until prepare writes the real one. */
export interface NotPrepared {
  params: 'this query is not prepared: run `sqlsure prepare`';
  cardinality: 'many';
}

/** What `.run` resolves to, by cardinality. */
export type NativeResult<T extends NativeQueryTypes> = T['cardinality'] extends 'one'
  ? T['row']
  : T['cardinality'] extends 'maybe'
    ? T['row'] | null
    : T['cardinality'] extends 'many'
      ? Array<T['row']>
      : T['cardinality'] extends 'execrows'
        ? number
        : void;

/** `.run(params, db)`, or `.run(db)` for a query without parameters. */
export type NativeRunArgs<T extends NativeQueryTypes> = T extends { params: infer P } ? [params: P, db: Queryable] : [db: Queryable];

export interface NativeQuery<T extends NativeQueryTypes> {
  run(...args: NativeRunArgs<T>): Promise<NativeResult<T>>;
}

export function query<T extends NativeQueryTypes = NotPrepared>(strings: TemplateStringsArray, ...interpolations: never[]): NativeQuery<T> {
  if (interpolations.length > 0) throw new TypeError('query`…` templates take no ${…} interpolations: write parameters as :name and pass them to run()');
  // prepare refuses templates with backslashes, so the cooked text is the text as written.
  const text = strings.join('').trim();
  return {
    async run(...args: unknown[]) {
      const query = registeredQuery(text);
      if (!query) {
        throw new Error(
          `this query\`…\` is not prepared: run \`sqlsure prepare\` (with the file in "sources"), which writes its types module and imports it (query text: ${JSON.stringify(text.slice(0, 80))})`,
        );
      }
      const [params, db] = args.length >= 2 ? (args as [Record<string, unknown> | undefined, Queryable]) : [undefined, args[0] as Queryable];
      return runInline(query, params ?? {}, db, query.cardinality ?? 'many') as Promise<NativeResult<T>>;
    },
  };
}
