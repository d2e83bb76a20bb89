/**
 * What generated code asks of each returned row, beyond what the driver did: decode some columns
 * (arrays pg leaves as text, int8 in the configured mode) and rename columns whose property name
 * differs (`camelCase`). Generated modules pass a shape only when there is something to do, so
 * the common case costs nothing; a shape is compiled once, on first use.
 */

/** Turns a non-null value as the driver returned it into the value the row type promises. */
export type RowDecoder = (value: unknown) => unknown;
export type RowDecoders = Readonly<Record<string, RowDecoder>>;

export interface RowShape {
  /** Column name (as the server sends it) → decoder, applied to non-null values. */
  readonly decode?: RowDecoders;
  /** Column name → property name, for the columns that are renamed. */
  readonly rename?: Readonly<Record<string, string>>;
}

type Row = Record<string, unknown>;
type Shaper = (row: Row) => Row;

const compiled = new WeakMap<RowShape, Shaper>();

export function shapeRows(rows: unknown[], shape: RowShape): unknown[] {
  const shaper = compile(shape);
  for (let i = 0; i < rows.length; i++) rows[i] = shaper(rows[i] as Row);
  return rows;
}

export function shapeRow(row: unknown, shape: RowShape): unknown {
  return compile(shape)(row as Row);
}

function compile(shape: RowShape): Shaper {
  let shaper = compiled.get(shape);
  if (shaper) return shaper;
  const decoders = new Map(Object.entries(shape.decode ?? {}));
  const rename = new Map(Object.entries(shape.rename ?? {}));
  const decode = (column: string, value: unknown): unknown => {
    try {
      return decoders.get(column)!(value);
    } catch (err) {
      if (err instanceof Error) err.message = `column "${column}": ${err.message}`;
      throw err;
    }
  };
  if (rename.size === 0) {
    // Decoding in place: the row objects are fresh per query, so mutating them allocates nothing.
    const columns = [...decoders.keys()];
    shaper = (row) => {
      for (const column of columns) {
        const value = row[column];
        if (value !== null && value !== undefined) row[column] = decode(column, value);
      }
      return row;
    };
  } else {
    // Renaming builds a new object with the properties in column order.
    shaper = (row) => {
      const out: Row = {};
      for (const column of Object.keys(row)) {
        let value = row[column];
        if (value !== null && value !== undefined && decoders.has(column)) value = decode(column, value);
        out[rename.get(column) ?? column] = value;
      }
      return out;
    };
  }
  compiled.set(shape, shaper);
  return shaper;
}
