/**
 * The runtime half of a rows expansion that cannot be unnested (a field is itself an array):
 * the one-row `VALUES (...)` / `IN ((...))` the statement was prepared with is repeated per row,
 * and an empty list becomes a typed zero-row SELECT — still valid SQL with the same meaning, so
 * an empty bulk insert inserts nothing and `x IN :rows` is false instead of a syntax error.
 */

export interface RowsSlot {
  /** `[start, end)` of the one-row form in the statement. */
  readonly start: number;
  readonly end: number;
  readonly context: 'in' | 'not in' | 'values';
  /** The slot's placeholders are the statement's last, from this one on. */
  readonly firstIndex: number;
  /** SQL type of each field. */
  readonly casts: readonly string[];
}

/** PostgreSQL's limit on placeholders in one statement. */
const MAX_PARAMS = 65535;

export function expandRows<T>(
  text: string,
  slot: RowsSlot,
  fixed: readonly unknown[],
  rows: readonly T[],
  fields: (row: T) => readonly unknown[],
): { text: string; values: unknown[] } {
  const width = slot.casts.length;
  const total = fixed.length + rows.length * width;
  if (total > MAX_PARAMS) {
    throw new RangeError(`${rows.length} rows need ${total} parameters; PostgreSQL allows ${MAX_PARAMS} per statement (insert in batches)`);
  }
  const values = [...fixed];
  let rendered: string;
  if (rows.length === 0) {
    const select = `SELECT ${slot.casts.map((c) => `NULL::${c}`).join(', ')} WHERE false`;
    rendered = slot.context === 'values' ? select : `${slot.context === 'in' ? 'IN' : 'NOT IN'} (${select})`;
  } else {
    const tuples: string[] = [];
    let n = slot.firstIndex;
    for (const row of rows) {
      const rowValues = fields(row);
      tuples.push(`(${slot.casts.map((c) => `$${n++}::${c}`).join(', ')})`);
      for (let k = 0; k < width; k++) values.push(rowValues[k]);
    }
    rendered = slot.context === 'values' ? `VALUES ${tuples.join(', ')}` : `${slot.context === 'in' ? 'IN' : 'NOT IN'} (${tuples.join(', ')})`;
  }
  return { text: text.slice(0, slot.start) + rendered + text.slice(slot.end), values };
}
