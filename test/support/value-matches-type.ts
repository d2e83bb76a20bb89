/**
 * An independent runtime check of a value against a TypeScript type expression, for the type
 * truth tests. Deliberately shares no code with src/infer: it parses the type text itself.
 *
 * Grammar (what ts-type-map emits): primitives (string, number, boolean, bigint, undefined,
 * null), Date, Buffer, JsonValue, JsonParam, Interval, "string literals", object types
 * `{ x: T; y?: U }`, unions `A | B`, arrays `T[]`, `readonly T[]`, parentheses.
 *
 * Runtime facts the names stand for: a Date is valid (never Invalid Date), an Interval has only
 * numeric unit fields, a JsonParam is JSON without a top-level null, or the runtime's `jsonNull`
 * (recognised by what it serialises to, so any copy of the runtime is accepted).
 */

type TypeNode =
  | { kind: 'named'; name: string }
  | { kind: 'literal'; value: string }
  | { kind: 'union'; members: TypeNode[] }
  | { kind: 'array'; element: TypeNode }
  | { kind: 'object'; fields: Array<{ name: string; optional: boolean; type: TypeNode }> };

const NAMED = new Set([
  'string',
  'number',
  'boolean',
  'bigint',
  'undefined',
  'null',
  'Date',
  'Buffer',
  'JsonValue',
  'JsonParam',
  'Interval',
]);

const INTERVAL_FIELDS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'];

const parsed = new Map<string, TypeNode>();

export function valueMatchesType(value: unknown, tsType: string): boolean {
  let node = parsed.get(tsType);
  if (node === undefined) {
    node = parseTypeExpression(tsType);
    parsed.set(tsType, node);
  }
  return matches(value, node);
}

/** Throws on anything outside the grammar, so a malformed emitted type fails loudly. */
export function parseTypeExpression(text: string): TypeNode {
  const parser = new TypeParser(tokenize(text), text);
  return parser.parseAll();
}

function matches(value: unknown, node: TypeNode): boolean {
  switch (node.kind) {
    case 'literal':
      return value === node.value;
    case 'union':
      return node.members.some((member) => matches(value, member));
    case 'array':
      return Array.isArray(value) && value.every((item) => matches(item, node.element));
    case 'object':
      return (
        isObject(value) &&
        node.fields.every((field) =>
          field.name in value
            ? matches(value[field.name], field.type)
            : field.optional,
        )
      );
    case 'named':
      return matchesNamed(value, node.name);
  }
}

function matchesNamed(value: unknown, name: string): boolean {
  switch (name) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return typeof value === name;
    case 'null':
      return value === null;
    case 'Date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'Buffer':
      return Buffer.isBuffer(value);
    case 'JsonValue':
      return isJson(value);
    case 'JsonParam':
      return (value !== null && isJson(value)) || isJsonNull(value);
    case 'Interval':
      return (
        isObject(value) &&
        (value['toPostgres'] === undefined || typeof value['toPostgres'] === 'function') &&
        Object.keys(value).every((field) => field === 'toPostgres' || INTERVAL_FIELDS.includes(field)) &&
        INTERVAL_FIELDS.every((field) => value[field] === undefined || (typeof value[field] === 'number' && Number.isFinite(value[field])))
      );
    default:
      throw new Error(`unknown type name ${name}`);
  }
}

function isJsonNull(value: unknown): boolean {
  return isObject(value) && Object.isFrozen(value) && Object.keys(value).length === 1 && JSON.stringify(value) === 'null';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (!isObject(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(isJson);
}

type Token = { kind: 'punct' | 'ident' | 'string'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([A-Za-z_$][\w$]*)|("(?:[^"\\]|\\.)*")|([()[\]{}|;:,?]))/y;
  let pos = 0;
  while (pos < text.length) {
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (match === null) {
      if (text.slice(pos).trim() === '') break;
      throw new Error(`unexpected character at ${pos} in type: ${text}`);
    }
    pos = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'ident', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2] });
    else tokens.push({ kind: 'punct', text: match[3]! });
  }
  return tokens;
}

class TypeParser {
  readonly #tokens: Token[];
  readonly #source: string;
  #pos = 0;

  constructor(tokens: Token[], source: string) {
    this.#tokens = tokens;
    this.#source = source;
  }

  parseAll(): TypeNode {
    const node = this.#union();
    if (this.#pos !== this.#tokens.length) this.#fail('trailing tokens');
    return node;
  }

  #union(): TypeNode {
    const members = [this.#postfix()];
    while (this.#eat('|')) members.push(this.#postfix());
    return members.length === 1 ? members[0]! : { kind: 'union', members };
  }

  #postfix(): TypeNode {
    const readonly = this.#peek()?.kind === 'ident' && this.#peek()?.text === 'readonly';
    if (readonly) this.#pos++;
    let node = this.#primary();
    while (this.#eat('[')) {
      this.#expect(']');
      node = { kind: 'array', element: node };
    }
    if (readonly && node.kind !== 'array') this.#fail('readonly applies only to arrays');
    return node;
  }

  #primary(): TypeNode {
    const token = this.#next();
    if (token.kind === 'string') return { kind: 'literal', value: JSON.parse(token.text) as string };
    if (token.kind === 'ident') {
      if (!NAMED.has(token.text)) this.#fail(`unknown type name ${token.text}`);
      return { kind: 'named', name: token.text };
    }
    if (token.text === '(') {
      const inner = this.#union();
      this.#expect(')');
      return inner;
    }
    if (token.text === '{') return this.#object();
    return this.#fail(`unexpected ${token.text}`);
  }

  #object(): TypeNode {
    const fields: Array<{ name: string; optional: boolean; type: TypeNode }> = [];
    while (!this.#eat('}')) {
      const key = this.#next();
      if (key.kind === 'punct') this.#fail(`unexpected ${key.text} in object type`);
      const name = key.kind === 'string' ? (JSON.parse(key.text) as string) : key.text;
      const optional = this.#eat('?');
      this.#expect(':');
      fields.push({ name, optional, type: this.#union() });
      if (!this.#eat(';') && !this.#eat(',') && this.#peek()?.text !== '}') {
        this.#fail('expected ; or } in object type');
      }
    }
    return { kind: 'object', fields };
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #next(): Token {
    const token = this.#tokens[this.#pos++];
    return token ?? this.#fail('unexpected end');
  }

  #eat(punct: string): boolean {
    const token = this.#peek();
    if (token?.kind !== 'punct' || token.text !== punct) return false;
    this.#pos++;
    return true;
  }

  #expect(punct: string): void {
    if (!this.#eat(punct)) this.#fail(`expected ${punct}`);
  }

  #fail(reason: string): never {
    throw new Error(`${reason} (token ${this.#pos}) in type: ${this.#source}`);
  }
}
