/**
 * Any value `JSON.parse` can produce, and anything `JSON.stringify` turns back into the same JSON.
 * Object members may be `undefined` so that objects with optional properties can be passed as
 * parameters (JSON.stringify drops them); parsed results simply never contain `undefined`.
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };
