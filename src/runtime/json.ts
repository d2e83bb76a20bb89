/**
 * Any value `JSON.parse` can produce, and anything `JSON.stringify` turns back into the same JSON.
 * Object members may be `undefined` so that objects with optional properties can be passed as
 * parameters (JSON.stringify drops them); parsed results simply never contain `undefined`.
 * Read from a json/jsonb column, JSON `null` is `null` like SQL NULL (`col IS NULL` tells them
 * apart in SQL).
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

declare const jsonNullBrand: unique symbol;

/** The type of {@link jsonNull}. */
export interface JsonNull {
  readonly [jsonNullBrand]: true;
}

/**
 * The JSON value `null` as a parameter. A plain `null` parameter is SQL NULL (so a nullable
 * json column can be set to NULL); pass `jsonNull` to store the JSON document `null` instead.
 */
export const jsonNull: JsonNull = Object.freeze({ toJSON: () => null }) as unknown as JsonNull;

/** What a json/jsonb parameter accepts: any JSON value, with top-level `null` spelt {@link jsonNull}. */
export type JsonParam = Exclude<JsonValue, null> | JsonNull;
