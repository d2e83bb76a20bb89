/**
 * One codec per kind of PostgreSQL value: text as the server prints it → the JS value the
 * generated type declares, and a parameter value → the text the server reads. Generated code names
 * codecs by spec (`"int4"`, `"timestamptz[]"`, `"int8:number"`); both drivers deliver and receive
 * plain text (driver-query.ts), so the result is the same on pg and PGlite, in every time zone,
 * whatever global pg-types parsers the application installed.
 *
 * Spec grammar: `<codec>`, `<codec>[]` (a one-dimensional array: a value with more dimensions
 * throws rather than contradict the declared `T[]`), `<codec>[]*` (any number of dimensions; used
 * when the column's type is overridden).
 */
import { arrayLiteral, decodeTextArray } from './codecs.js';
import { int8ToBigInt, int8ToNumber } from './int8.js';
import { decodeInterval, encodeInterval, type Interval } from './interval.js';
import { jsonNull } from './json.js';
import { decodeTimestamptz, encodeTimestamptz } from './timestamptz.js';

export interface Codec {
  /** Text from the server → the declared JS value (never called for NULL). */
  decode(text: string): unknown;
  /** A JS value (not null/undefined) → parameter text. */
  encode(value: unknown): string;
  /** Array element delimiter, `,` unless said otherwise (box uses `;`). */
  delimiter?: string;
  /** Elements that are JS arrays are values, not dimensions (JSON arrays). */
  flat?: boolean;
  /**
   * Built-in type OIDs (scalar, array) this codec reads. A column the server reports with another
   * built-in OID has changed type since prepare; decoding it would invent a value.
   */
  oids?: readonly [scalar: readonly number[], array: readonly number[]];
}

const identity = (text: string): string => text;

/**
 * Strings as they are; numbers, bigints and booleans as their text; an object with `toPostgres()`
 * (pg's convention for custom values) as what it returns; anything else is refused.
 */
function encodeText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default: {
      const custom = value as { toPostgres?: unknown } | null;
      if (typeof custom === 'object' && custom !== null && typeof custom.toPostgres === 'function') {
        const text: unknown = (custom as { toPostgres(): unknown }).toPostgres();
        if (typeof text === 'string') return text;
      }
      throw new TypeError(`expected a string, got ${describe(value)}`);
    }
  }
}

function encodeNumber(value: unknown): string {
  if (Object.is(value, -0)) return '-0'; // String(-0) is '0'; float8 keeps the sign
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return String(value);
  throw new TypeError(`expected a number, got ${describe(value)}`);
}

function encodeInt8(value: unknown): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`int8 parameter ${value} is not a safe integer: beyond ±(2^53 - 1) a number has already lost digits; pass a bigint or a string`);
  }
  return encodeNumber(value);
}

function decodeBytea(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  // bytea_output = 'escape': printable bytes as themselves, `\\` and `\ooo` octal escapes.
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 92) bytes.push(code);
    else if (text[i + 1] === '\\') {
      bytes.push(92);
      i++;
    } else {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    }
  }
  return Buffer.from(bytes);
}

function encodeBytea(value: unknown): string {
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a Buffer, got ${describe(value)}`);
}

function encodeJson(value: unknown): string {
  if (value === jsonNull) return 'null';
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${describe(value)} is not a JSON value`);
  return text;
}

/** `(x,y)`: the numbers of a point or a circle centre. */
function pointNumbers(text: string, start: number): [number, number, number] {
  const close = text.indexOf(')', start);
  const comma = text.indexOf(',', start);
  if (text[start] !== '(' || close < 0 || comma < 0 || comma > close) throw new Error(`unexpected point text ${JSON.stringify(text)}`);
  return [Number(text.slice(start + 1, comma)), Number(text.slice(comma + 1, close)), close];
}

function decodePoint(text: string): { x: number; y: number } {
  const [x, y] = pointNumbers(text, 0);
  return { x, y };
}

function decodeCircle(text: string): { x: number; y: number; radius: number } {
  const [x, y, close] = pointNumbers(text, 1);
  if (text[0] !== '<' || text[close + 1] !== ',' || !text.endsWith('>')) throw new Error(`unexpected circle text ${JSON.stringify(text)}`);
  return { x, y, radius: Number(text.slice(close + 2, -1)) };
}

function geometry(value: unknown, circle: boolean): string {
  if (typeof value === 'string') return value;
  const v = value as { x?: unknown; y?: unknown; radius?: unknown } | null;
  if (typeof v === 'object' && v !== null && typeof v.x === 'number' && typeof v.y === 'number' && (!circle || typeof v.radius === 'number')) {
    return circle ? `<(${v.x},${v.y}),${String(v.radius)}>` : `(${v.x},${v.y})`;
  }
  throw new TypeError(`expected ${circle ? '{ x, y, radius }' : '{ x, y }'} or text, got ${describe(value)}`);
}

const textCodec: Codec = { decode: identity, encode: encodeText };
const INT8_OIDS = [[20], [1016]] as const;

export const CODECS: Readonly<Record<string, Codec>> = {
  text: textCodec,
  number: { decode: Number, encode: encodeNumber, oids: [[21, 23, 26, 700, 701], [1005, 1007, 1028, 1021, 1022]] },
  bool: { decode: (text) => text === 't', encode: (value) => (typeof value === 'boolean' ? String(value) : encodeText(value)), oids: [[16], [1000]] },
  int8: { decode: identity, encode: encodeInt8, oids: INT8_OIDS },
  'int8:bigint': { decode: int8ToBigInt, encode: encodeInt8, oids: INT8_OIDS },
  'int8:number': { decode: int8ToNumber, encode: encodeInt8, oids: INT8_OIDS },
  bytea: { decode: decodeBytea, encode: encodeBytea, oids: [[17], [1001]] },
  json: { decode: (text) => JSON.parse(text) as unknown, encode: encodeJson, flat: true, oids: [[114, 3802], [199, 3807]] },
  timestamptz: {
    oids: [[1184], [1185]],
    decode: decodeTimestamptz,
    encode: (value) => (value instanceof Date ? encodeTimestamptz(value) : encodeText(value)),
  },
  // Calendar days and wall-clock times are strings both ways: a Date would add a time zone.
  date: { decode: identity, encode: encodeCalendar('date', "'2020-02-29'") },
  timestamp: { decode: identity, encode: encodeCalendar('timestamp', "'2020-02-29 13:45:00'") },
  interval: {
    oids: [[1186], [1187]],
    decode: decodeInterval,
    encode: (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? encodeInterval(value as Interval) : encodeText(value)),
  },
  point: { decode: decodePoint, encode: (value) => geometry(value, false), oids: [[600], [1017]] },
  circle: { decode: decodeCircle, encode: (value) => geometry(value, true), oids: [[718], [719]] },
  box: { decode: identity, encode: encodeText, delimiter: ';' },
};

function encodeCalendar(type: string, example: string): (value: unknown) => string {
  return (value) => {
    if (value instanceof Date) throw new TypeError(`a Date is ambiguous as a ${type} (which time zone's day?): pass text such as ${example}`);
    return encodeText(value);
  };
}

export interface ValueCodec {
  decode(value: unknown): unknown;
  encode(value: unknown): string | null;
  /** Whether a column the server reports with this type OID can be decoded by this codec. */
  reads(oid: number): boolean;
}

/** PostgreSQL's FirstNormalObjectId: OIDs below are built in and the same in every database. */
const FIRST_USER_OID = 16384;

function reader(oids: readonly number[] | undefined): (oid: number) => boolean {
  // User types (domains' arrays, enums…) have per-database OIDs; the cache knows them by name only.
  return oids === undefined ? () => true : (oid) => oid >= FIRST_USER_OID || oids.includes(oid);
}

const compiled = new Map<string, ValueCodec>();

/** The codec a spec names, compiled once. Unknown specs are an error in the generated code. */
export function codecFor(spec: string): ValueCodec {
  let codec = compiled.get(spec);
  if (codec) return codec;
  const match = /^([a-z0-9:]+)(\[\](\*)?)?$/.exec(spec);
  const element = match && Object.hasOwn(CODECS, match[1]!) ? CODECS[match[1]!]! : undefined;
  if (!element) throw new Error(`sqlsure/runtime has no codec "${spec}" (generated code is newer than the runtime?)`);
  codec = match![2] ? arrayCodec(element, match![3] !== undefined) : scalarCodec(element);
  compiled.set(spec, codec);
  return codec;
}

function scalarCodec(codec: Codec): ValueCodec {
  return {
    reads: reader(codec.oids?.[0]),
    decode: (value) => (typeof value === 'string' ? codec.decode(value) : notText(value)),
    encode: (value) => (value === null || value === undefined ? null : codec.encode(value)),
  };
}

function arrayCodec(codec: Codec, nested: boolean): ValueCodec {
  const delimiter = codec.delimiter ?? ',';
  const decodeItems = (items: unknown[], depth: number): unknown[] =>
    items.map((item) => {
      if (item === null) return null;
      if (Array.isArray(item)) {
        if (!nested) throw new Error(`a multi-dimensional array where a one-dimensional array is declared (override the column type, e.g. AS "col: number[][]", to read it)`);
        return decodeItems(item, depth + 1);
      }
      return typeof item === 'string' ? codec.decode(item) : notText(item);
    });
  return {
    reads: reader(codec.oids?.[1]),
    // PGlite hands arrays of user types over already split into text elements when it was given
    // no way to leave them whole (a bare PGlite transaction); those are decoded element-wise.
    decode: (value) => decodeItems(typeof value === 'string' ? decodeTextArray(value, delimiter) : Array.isArray(value) ? value : notText(value), 0),
    encode: (value) => {
      if (value === null || value === undefined) return null;
      if (typeof value === 'string') return value; // already a literal
      if (!Array.isArray(value)) throw new TypeError(`expected an array, got ${describe(value)}`);
      return arrayLiteral(value, (item) => codec.encode(item), delimiter, codec.flat ?? false);
    },
  };
}

function notText(value: unknown): never {
  throw new TypeError(`the driver returned ${describe(value)} instead of text: pass a pg Pool/Client or a PGlite handle (or a wrapper that forwards query configs and options)`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
