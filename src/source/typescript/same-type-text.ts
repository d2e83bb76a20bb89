/**
 * Whether two type arguments say the same thing, whatever their layout: a formatter may rewrap
 * what prepare wrote (one member per line, `;` or `,` between members, a trailing separator, a
 * leading `|`, double quotes), and neither check nor the next prepare may call that a change.
 * Both texts are read with the TypeScript scanner; trivia is dropped, string literals compare by
 * value, member separators are one, and a separator before `}` or a `|` after `:`, `<`, `(` or
 * `=` is dropped. Any other difference — a type, a name, a `?` — is a difference.
 */
import { typescript } from './find-sql-templates.js';

export function sameTypeText(a: string, b: string): boolean {
  const x = tokens(a);
  const y = tokens(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

function tokens(text: string): string[] {
  const ts = typescript();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) out.push(JSON.stringify(scanner.getTokenValue()));
    else if (kind === ts.SyntaxKind.CommaToken) out.push(';');
    else out.push(scanner.getTokenText());
  }
  const kept: string[] = [];
  for (const [i, t] of out.entries()) {
    if (t === ';' && out[i + 1] === '}') continue;
    if (t === '|' && [':', '<', '(', '=', undefined].includes(kept[kept.length - 1])) continue;
    kept.push(t);
  }
  return kept;
}
