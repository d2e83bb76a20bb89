/** Cardinality violations, named after the query so a stack trace says which SQL misbehaved. */

/** A `:one` query returned no row. */
export class NoRowsError extends Error {
  readonly queryName: string;

  constructor(queryName: string) {
    super(`${queryName}: expected exactly one row, got 0`);
    this.name = 'NoRowsError';
    this.queryName = queryName;
  }
}

/** A `:one` or `:maybe` query returned more than one row. */
export class TooManyRowsError extends Error {
  readonly queryName: string;
  readonly rowCount: number;

  constructor(queryName: string, rowCount: number, expected: 'exactly one row' | 'at most one row') {
    super(`${queryName}: expected ${expected}, got ${rowCount}`);
    this.name = 'TooManyRowsError';
    this.queryName = queryName;
    this.rowCount = rowCount;
  }
}
