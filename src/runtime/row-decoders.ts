/**
 * Per-column decoders for values `pg` leaves as raw text (e.g. arrays of enums). Applied in place:
 * the row objects are fresh per query, so mutating them costs no allocation.
 */
export type RowDecoders = Readonly<Record<string, (raw: string) => unknown>>;

export function decodeRows(rows: unknown[], decoders: RowDecoders): void {
  const columns = Object.keys(decoders);
  for (const row of rows) decodeColumns(row as Record<string, unknown>, columns, decoders);
}

export function decodeRow(row: unknown, decoders: RowDecoders): void {
  decodeColumns(row as Record<string, unknown>, Object.keys(decoders), decoders);
}

function decodeColumns(row: Record<string, unknown>, columns: string[], decoders: RowDecoders): void {
  for (const column of columns) {
    const raw = row[column];
    // Only raw text is decoded: NULL stays null, and a driver that already parsed the value
    // (PGlite parses arrays of user types, or a custom pg type parser) is left alone.
    if (typeof raw === 'string') row[column] = decoders[column]!(raw);
  }
}
