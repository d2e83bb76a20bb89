/**
 * Type overrides are pasted into interfaces, so the checker must accept only what TypeScript
 * itself parses as one type in that position. Checked against TypeScript's own parser on a list
 * of real overrides, on attacks, and on thousands of random token soups.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checkTypeExpression } from '../../src/codegen/type-expression.js';

/** Whether TypeScript parses `type` as exactly one member type of an interface. */
function typescriptParsesOneType(type: string): boolean {
  const source = ts.createSourceFile('x.ts', `interface T {\n  a: ${type};\n}\n`, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
  if (diagnostics.length > 0 || source.statements.length !== 1) return false;
  const statement = source.statements[0]!;
  return ts.isInterfaceDeclaration(statement) && statement.members.length === 1;
}

const ACCEPTED = [
  'string',
  'string | null',
  'import("./types.js").Meta',
  "import('../x.js').A<B, C>[]",
  "'a' | 'b'",
  '-1 | 2.5',
  'readonly string[]',
  'readonly [a: string, b?: number]',
  '{ a: string, readonly b?: number[], "c d": X, [k: string]: unknown }',
  '(a: string, ...rest: number[]) => void',
  '() => Promise<void>',
  '(string | number)[]',
  'Record<string, { x: 1 }>',
  'keyof Foo',
  'Foo["bar"]',
  'typeof x.y',
  '| A | B',
  'Array<Array<string>>',
  'Foo.default',
  "'a*/ b' | 'c;d}'",
];

const REJECTED = [
  'x: string; }; process.exit(7); interface Z {',
  'string; }',
  'a\nb',
  'a\u2028b',
  '`x`',
  '`${number}`',
  'A /* */',
  'A // x',
  'string string',
  '{ a: string; b: number }',
  '(string',
  'string)',
  'Array<string',
  '"abc',
  'class',
  'readonly Foo',
  'x */ y',
  '',
  '  ',
  'a = 1',
  '(x = process.exit(7)) => void',
  '08',
  "'\\u'",
  '{ a: string }}',
  'A<>',
  '{ m(): void }',
  'A extends B ? C : D',
  '{ [K in keyof T]: T[K] }',
  '\\u0041',
  '#private',
  '@decorator',
];

describe('override types', () => {
  it.each(ACCEPTED)('accepts %j, which TypeScript parses as one type', (type) => {
    expect(checkTypeExpression(type)).toEqual({ ok: true });
    expect(typescriptParsesOneType(type)).toBe(true);
  });

  it.each(REJECTED)('rejects %j with a position', (type) => {
    const checked = checkTypeExpression(type);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.offset).toBeGreaterThanOrEqual(0);
      expect(checked.offset).toBeLessThanOrEqual(type.length);
    }
  });

  it('never accepts what TypeScript would not parse as one type (random token soups)', () => {
    const tokens = ['A', 'b', 'string', 'null', 'readonly', 'keyof', 'typeof', 'import', '(', ')', '[', ']', '{', '}', '<', '>', '|', '&', ',', '.', '?', ':', '=>', '...', '-', '1', "'s'", '"t"', ' ', ';', '`', '/', '*', '=', '\n', 'class', 'x'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 20000; i++) {
      const length = 1 + random(10);
      const type = Array.from({ length }, () => tokens[random(tokens.length)]).join(random(2) ? ' ' : '');
      if (!checkTypeExpression(type).ok) continue;
      accepted++;
      expect(typescriptParsesOneType(type), JSON.stringify(type)).toBe(true);
    }
    // The soup must exercise the accepting side too, or the property proves nothing.
    expect(accepted).toBeGreaterThan(500);
  });
});
