/**
 * int8 (bigint) columns in the configured mode. pg returns int8 as a string (no precision lost);
 * PGlite returns a number when it is safe and a bigint otherwise. These decoders make both
 * drivers deliver exactly the type the generated code declares.
 */

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = -MAX;

/** `"int8": "string"` (the default): the digits, as pg returns them. */
export function int8ToString(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** `"int8": "bigint"`. */
export function int8ToBigInt(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as string | number);
}

/** `"int8": "number"`: throws rather than rounding a value beyond ±(2^53 − 1). */
export function int8ToNumber(value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
  } else if (typeof value === 'bigint') {
    if (value <= MAX && value >= MIN) return Number(value);
  } else {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  throw new RangeError(
    `int8 value ${String(value)} is beyond ±(2^53 - 1) and cannot be a JavaScript number without losing precision (set "int8" to "bigint" or "string")`,
  );
}

/** Applies an element decoder through (nested) arrays, leaving NULL elements alone. */
export function arrayOf(decode: (value: unknown) => unknown): (value: unknown) => unknown {
  const each = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(each) : value === null || value === undefined ? null : decode(value);
  return each;
}
