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
  /** 1-based placeholder number in the statement as sent (`$n`). */
  index: number;
  mark: NullabilityMark;
  /** Written as `$n`: the name is a placeholder that inference may replace from context. */
  positional?: boolean;
  /** Where the parameter first appears in the source file. */
  position: SourcePosition;
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
}

/** A problem found in a source file, already located. */
export interface SourceProblem {
  file: string;
  position: SourcePosition;
  message: string;
  /** SQLSTATE, when the problem came from PostgreSQL (or its parser). */
  code?: string;
  hint?: string;
}
