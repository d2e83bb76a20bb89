/** What a query file yields, before any database is involved. */

export const CARDINALITIES = ['one', 'maybe', 'many', 'exec', 'execrows'] as const;
export type Cardinality = (typeof CARDINALITIES)[number];

/** `!` forces a parameter non-null, `?` forces it nullable, `null` leaves it to inference. */
export type NullabilityMark = '!' | '?' | null;

export interface SourcePosition {
  /** 1-based line in the source file. */
  line: number;
  /** 1-based column (UTF-16 code units, as editors count). */
  column: number;
}

export interface SourceParam {
  /** Name used in the generated `Params` type (`id` for `:id`, `$1` → `p1` until inference names it). */
  name: string;
  /** 1-based placeholder number in the statement as sent (`$n`); the first one of an expansion. */
  index: number;
  mark: NullabilityMark;
  /** Written as `$n`: the name is a placeholder that inference may replace from context. */
  positional?: boolean;
  /** Where the parameter first appears in the source file. */
  position: SourcePosition;
  /** How one TypeScript value becomes placeholders; absent for a plain parameter (one `$n`). */
  expansion?: ParamExpansion;
}

/**
 * - `list`: an IN-list (`IN :ids[]`, pgtyped `(...)`): one `$n` holding an array, compiled to
 *   `= ANY($n::type[])`.
 * - `tuple`: pgtyped `(a, b)`: one object, one `$n` per field, rendered `($n, $n+1)`.
 * - `rows`: a list of objects (`VALUES :rows`, pgtyped `((a, b)...)`): one `$n` per field holding
 *   that field's column of values, compiled to `unnest($n::a[], $n+1::b[])`.
 */
export type ParamExpansion = { kind: 'list' } | { kind: 'tuple' | 'rows'; fields: ExpansionField[] };

export interface ExpansionField {
  name: string;
  mark: NullabilityMark;
}

/** Where a `list` or `rows` expansion sits in the statement, until its types are known. */
export interface ExpansionSlot {
  param: string;
  kind: 'list' | 'rows';
  /** What the expansion follows in the SQL as written. */
  context: 'in' | 'not in' | 'values';
  /** `[start, end)` in the statement. */
  start: number;
  end: number;
}

/**
 * A rows expansion the server cannot unnest (a field is itself an array): the statement holds a
 * one-row `VALUES (...)` / `IN ((...))` at `[start, end)` that the runtime repeats per row. Its
 * placeholders are the statement's last ones, from `firstIndex` on.
 */
export interface DynamicRowsSlot {
  param: string;
  context: 'in' | 'not in' | 'values';
  start: number;
  end: number;
  firstIndex: number;
  /** SQL type of each field, as a cast (`integer`, `text[]`). */
  casts: string[];
}

/**
 * Maps an offset in the rewritten statement back to the source file.
 * `segments` are sorted by `statementOffset`; each says that statement text from there on is a
 * verbatim copy of source text starting at `sourceOffset` (both in UTF-16 code units, the source
 * offset relative to the whole file).
 */
export interface OffsetMap {
  segments: Array<{ statementOffset: number; sourceOffset: number }>;
}

/** An override written in a column alias (`AS "total!"`, `AS "meta: Meta"`), keyed by the clean name. */
export interface ColumnOverride {
  name: string;
  nullable?: boolean;
  tsType?: string;
}

export interface QuerySource {
  /** Query file path relative to the project root, with `/` separators. */
  file: string;
  name: string;
  cardinality: Cardinality;
  /** Where the SQL text starts in the file. */
  position: SourcePosition;
  /** The SQL as written (LF line endings, no trailing `;`). */
  sql: string;
  /** The SQL as sent to the server: named params rewritten to `$n`. */
  statement: string;
  params: SourceParam[];
  /** Alias overrides, already removed from `statement`. */
  overrides: ColumnOverride[];
  offsets: OffsetMap;
  /** Expansions still to compile once the server has described the statement. */
  slots?: ExpansionSlot[];
  /** Set once compiled, when a rows expansion is repeated at runtime. */
  dynamic?: DynamicRowsSlot;
  /** No cardinality written in a pgtyped file: `:many`, or `:exec` for a statement without rows. */
  cardinalityDefaulted?: boolean;
  /** pgtyped `@param` declarations, normalised: they live outside `sql` but shape the query. */
  declarations?: string[];
  /** A native `query<{ … }>` template in a TypeScript source: where prepare writes its types. */
  inline?: InlineTemplate;
}

/** Offsets in the LF-normalised TypeScript source. */
export interface InlineTemplate {
  /** The one type argument as written, if any. */
  typeArgument?: { text: string; start: number; end: number };
  /** Just after the tag's name: where a missing type argument goes. */
  tagEnd: number;
  /** Whether the file imports its types module for its effect (which registers the statements). */
  registered: boolean;
  /** The end of the import declaration of the tag: where prepare adds the side-effect import. */
  importEnd: number;
  /** Where the type argument is (or would go), and where the query's const is, for check's problems. */
  typeAt: SourcePosition;
  anchorAt: SourcePosition;
}

/** A problem found in a source file, already located. */
export interface SourceProblem {
  file: string;
  position: SourcePosition;
  message: string;
  /** SQLSTATE, when the problem came from PostgreSQL (or its parser). */
  code?: string;
  hint?: string;
  /** The query the problem is about, when there is one. */
  query?: string;
}
