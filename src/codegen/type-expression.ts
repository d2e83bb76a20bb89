/**
 * A TypeScript type written by the user (`AS "meta: Meta"`, config "types" and "columns") is
 * pasted into generated interfaces, so it must be exactly one type expression: anything else
 * could close the interface and run code on import. This is a small parser for the type grammar
 * overrides need — names (`A.B<C>`), `import("./x.js").T`, literals, `|`, `&`, `T[]`, `T["k"]`,
 * `keyof`/`readonly`/`typeof`, tuples, object types (members separated by `,`), function types —
 * and it rejects everything else: `;`, line breaks, comments, backticks, unbalanced brackets.
 * Anything fancier (mapped or conditional types) belongs in a named type the override imports.
 */

export type TypeExpressionCheck = { ok: true } | { ok: false; offset: number; message: string };

export const TYPE_EXPRESSION_HINT = 'an override is one TypeScript type, e.g. `Meta`, `string | null`, `import("./types.js").Meta`; name anything more complex in your code and import it';

interface Token {
  kind: 'name' | 'string' | 'number' | 'punct' | 'end';
  text: string;
  offset: number;
}

class TypeSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const PUNCTUATION = ['...', '=>', '(', ')', '[', ']', '{', '}', '<', '>', '|', '&', ',', '.', '?', ':', '-'];
const MAX_DEPTH = 32;
const STRING_ESCAPES = ['\\', "'", '"', 'n', 'r', 't'];
const KEYWORD_TYPES = new Set(['null', 'true', 'false', 'this', 'void']);
/** Words that cannot name a type. */
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends finally for function if in ' +
    'instanceof new return super switch throw try var while with yield let static implements interface package private ' +
    'protected public await infer asserts is keyof readonly typeof import unique').split(' '),
);

export function checkTypeExpression(text: string): TypeExpressionCheck {
  try {
    if (text.trim() === '') throw new TypeSyntaxError(0, 'the type is empty');
    const parser = new Parser(tokenize(text));
    parser.type(0);
    parser.expectEnd();
    return { ok: true };
  } catch (err) {
    if (!(err instanceof TypeSyntaxError)) throw err;
    return { ok: false, offset: err.offset, message: err.message };
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], offset: i });
      i += name[0].length;
      continue;
    }
    const number = /^(0|[1-9][0-9]*)(\.[0-9]+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], offset: i });
      i += number[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (/[\n\r\u2028\u2029]/.test(text[j]!) || text.charCodeAt(j) < 0x20) throw new TypeSyntaxError(j, 'a line break or control character inside a string');
        if (text[j] === '\\' && !STRING_ESCAPES.includes(text[j + 1] ?? '')) throw new TypeSyntaxError(j, 'only the escapes \\\\ \\\' \\" \\n \\r \\t are allowed in a string');
        j += text[j] === '\\' ? 2 : 1;
      }
      if (j >= text.length) throw new TypeSyntaxError(i, 'unterminated string');
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), offset: i });
      i = j + 1;
      continue;
    }
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, offset: i });
      i += punct.length;
      continue;
    }
    throw new TypeSyntaxError(i, `${describeChar(c)} is not allowed in a type override`);
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

function describeChar(c: string): string {
  if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return 'a line break';
  if (c === ';') return '`;`';
  if (c === '`') return 'a backtick';
  const code = c.codePointAt(0)!;
  return code < 0x20 || code > 0x7e ? `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `\`${c}\``;
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  get #token(): Token {
    return this.tokens[this.#i]!;
  }
  #peek(k = 1): Token {
    return this.tokens[Math.min(this.#i + k, this.tokens.length - 1)]!;
  }
  #is(text: string): boolean {
    return this.#token.kind === 'punct' && this.#token.text === text;
  }
  #eat(text: string): boolean {
    if (!this.#is(text)) return false;
    this.#i++;
    return true;
  }
  #expect(text: string, what = `\`${text}\``): void {
    if (!this.#eat(text)) this.#fail(`expected ${what}`);
  }
  #fail(message: string): never {
    const t = this.#token;
    throw new TypeSyntaxError(t.offset, t.kind === 'end' ? `${message} at the end of the type` : `${message}, found \`${t.text}\``);
  }
  #name(): string {
    if (this.#token.kind !== 'name') this.#fail('expected a name');
    return this.tokens[this.#i++]!.text;
  }

  expectEnd(): void {
    if (this.#token.kind !== 'end') this.#fail('expected the end of the type (one type only)');
  }

  /** union: `A | B`, with an optional leading `|`. */
  type(depth: number): void {
    if (depth > MAX_DEPTH) this.#fail('type nested too deeply');
    this.#eat('|');
    this.#intersection(depth);
    while (this.#eat('|')) this.#intersection(depth);
  }

  #intersection(depth: number): void {
    this.#eat('&');
    this.#operator(depth);
    while (this.#eat('&')) this.#operator(depth);
  }

  #operator(depth: number): void {
    const t = this.#token;
    if (t.kind === 'name' && (t.text === 'keyof' || t.text === 'readonly') && this.#peek().kind !== 'end' && !this.#startsPostfix(this.#peek())) {
      this.#i++;
      const start = this.#i;
      this.#operator(depth + 1);
      // `readonly` applies to array and tuple types only.
      const arrayType = this.tokens[start]!.text === '[' || (this.tokens[this.#i - 1]!.text === ']' && this.tokens[this.#i - 2]!.text === '[');
      if (t.text === 'readonly' && !arrayType) throw new TypeSyntaxError(t.offset, '`readonly` applies to array and tuple types only');
      return;
    }
    this.#postfix(depth);
  }

  #startsPostfix(t: Token): boolean {
    return t.kind === 'punct' && ['|', '&', ',', ')', ']', '}', '>', '.', '?', ':'].includes(t.text);
  }

  #postfix(depth: number): void {
    this.#primary(depth);
    while (this.#is('[')) {
      this.#i++;
      if (this.#eat(']')) continue;
      this.type(depth + 1);
      this.#expect(']');
    }
  }

  #primary(depth: number): void {
    const t = this.#token;
    if (t.kind === 'string' || t.kind === 'number') {
      this.#i++;
      return;
    }
    if (this.#is('-')) {
      this.#i++;
      if (this.#token.kind !== 'number') this.#fail('expected a number after `-`');
      this.#i++;
      return;
    }
    if (this.#is('(')) {
      if (this.#looksLikeFunction()) this.#functionType(depth);
      else {
        this.#i++;
        this.type(depth + 1);
        this.#expect(')');
      }
      return;
    }
    if (this.#is('[')) return this.#tuple(depth);
    if (this.#is('{')) return this.#object(depth);
    if (t.kind !== 'name') this.#fail('expected a type');
    if (t.text === 'typeof') {
      this.#i++;
      this.#dotted();
      return;
    }
    if (t.text === 'import' && this.#peek().text === '(') {
      this.#i += 2;
      if (this.#token.kind !== 'string') this.#fail('expected a module path string');
      this.#i++;
      this.#expect(')');
      while (this.#eat('.')) this.#name();
      this.#typeArguments(depth);
      return;
    }
    if (RESERVED.has(t.text)) this.#fail('expected a type');
    if (KEYWORD_TYPES.has(t.text)) {
      // Literal-like keywords take no `.Member` and no type arguments.
      this.#i++;
      return;
    }
    this.#dotted();
    this.#typeArguments(depth);
  }

  #dotted(): void {
    this.#name();
    while (this.#eat('.')) this.#name();
  }

  #typeArguments(depth: number): void {
    if (!this.#eat('<')) return;
    do this.type(depth + 1);
    while (this.#eat(','));
    this.#expect('>');
  }

  /** `(` starts a function type when followed by `)`, `...`, or `name` then `:`, `?`, `,` or `)` `=>`. */
  #looksLikeFunction(): boolean {
    const a = this.#peek();
    const b = this.#peek(2);
    if (a.text === ')' || a.text === '...') return true;
    if (a.kind !== 'name') return false;
    if (b.text === ':' || b.text === '?' || b.text === ',') return true;
    return b.text === ')' && this.#peek(3).text === '=>';
  }

  #functionType(depth: number): void {
    this.#expect('(');
    if (!this.#is(')')) {
      do {
        this.#eat('...');
        this.#name();
        this.#eat('?');
        this.#expect(':', '`:` and a parameter type');
        this.type(depth + 1);
      } while (this.#eat(','));
    }
    this.#expect(')');
    this.#expect('=>');
    this.type(depth + 1);
  }

  #tuple(depth: number): void {
    this.#expect('[');
    while (!this.#is(']')) {
      this.#eat('...');
      // A labelled element: `name: T` or `name?: T`.
      if (this.#token.kind === 'name' && (this.#peek().text === ':' || (this.#peek().text === '?' && this.#peek(2).text === ':'))) {
        this.#i++;
        this.#eat('?');
        this.#expect(':');
      }
      this.type(depth + 1);
      this.#eat('?');
      if (!this.#eat(',')) break;
    }
    this.#expect(']');
  }

  #object(depth: number): void {
    this.#expect('{');
    while (!this.#is('}')) {
      if (this.#token.kind === 'name' && this.#token.text === 'readonly' && this.#peek().text !== ':' && this.#peek().text !== '?') this.#i++;
      if (this.#eat('[')) {
        // An index signature: `[key: string]: T`.
        this.#name();
        this.#expect(':');
        this.type(depth + 1);
        this.#expect(']');
      } else if (this.#token.kind === 'name' || this.#token.kind === 'string' || this.#token.kind === 'number') {
        this.#i++;
        this.#eat('?');
      } else this.#fail('expected a property name');
      this.#expect(':', '`:` and a property type');
      this.type(depth + 1);
      if (!this.#eat(',')) break;
    }
    this.#expect('}', '`}` (separate members with `,`)');
  }
}
