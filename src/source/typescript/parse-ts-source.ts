/**
 * One TypeScript source → query records, through the same tail as query files.
 *
 * A template is written in pgtyped's TS mode (`$email!`, `$$ids`, `$user(name, age!)`,
 * `$$rows(a, b!)`), read by `@pgtyped/parser`'s own TS-mode parser. Each parameter is then
 * respelled in the SQL-file form of the same length (`$email!` → `:email!`, `$$ids` → `:ids `,
 * `$user(name, age!)` → `:user` and blanks, with the expansion declared as a pgtyped `@param`
 * would), everything outside the template is blanked (line breaks kept), and the result goes
 * through PostgreSQL's lexer and buildQuerySource like a pgtyped query file. Offsets never move,
 * so every position is one in the TypeScript file.
 *
 * A native template (`query` of sqlsure/runtime) is written in sqlsure's `.sql` syntax (`:email!`,
 * `IN :ids[]`, `VALUES :rows`, `AS "total!"`, a first line `-- :one`): it is blanked around the
 * same way and read exactly as a `.sql` query, with no respelling at all.
 */
import { buildQuerySource, type ReportProblem } from '../build-query-source.js';
import type { ParsedQueryFile } from '../parse-query-file.js';
import { pgtypedParser } from '../pgtyped-parser.js';
import { CARDINALITIES, type Cardinality, type ExpansionField, type ParamExpansion, type QuerySource, type SourceProblem } from '../query-source.js';
import { cardinalityHint } from '../did-you-mean.js';
import { scanQueryFile } from '../scan-query-file.js';
import { normaliseSourceText } from '../source-text.js';
import { LineIndex } from '../text-position.js';
import { findSqlTemplates, type SqlTemplate } from './find-sql-templates.js';
import { typesModuleSpecifier } from './types-module-path.js';

const LITERAL_TOKENS = new Set(['SCONST', 'USCONST', 'BCONST', 'XCONST', 'IDENT', 'UIDENT', 'SQL_COMMENT', 'C_COMMENT']);
const CARDINALITY_LINE = /^[ \t\n]*--[ \t]*:([A-Za-z]+)[ \t]*(?=\n|$)/;
const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INTERPOLATION_HINT = {
  pgtyped: 'parameters are placeholders, not interpolations: write `$name` in the SQL and pass the value to `.run({ name }, db)`',
  native: 'parameters are placeholders, not interpolations: write `:name` in the SQL and pass the value to `.run({ name }, db)`',
};
/** `-- name: X :one` inside a native template: the const names the query. */
const NAME_ANNOTATION = /^[ \t\n]*--[ \t]*name[ \t]*:/i;

/** Never throws. `rawText` may use CRLF and a BOM; positions are those an editor shows. */
export function parseTsSource(file: string, rawText: string): ParsedQueryFile {
  const text = normaliseSourceText(rawText);
  const lines = new LineIndex(text);
  const problems: SourceProblem[] = [];
  const problem: ReportProblem = (offset, message, hint, code, query) => {
    problems.push({ file, position: lines.position(offset), message, ...(code ? { code } : {}), ...(hint ? { hint } : {}), ...(query ? { query } : {}) });
  };
  const { templates, sideEffectImports } = findSqlTemplates(file, text);
  const queries: QuerySource[] = [];
  const seen = new Map<string, number>();
  const typesModule = typesModuleSpecifier(file);
  for (const template of templates) {
    const name = template.variable;
    if (template.substitutions.length > 0) {
      problem(template.substitutions[0]!, `query ${name ?? `${tagName(template)}\`…\``} interpolates a value with \${…}: its SQL would be built at runtime, so it cannot be checked`, INTERPOLATION_HINT[template.form], undefined, name);
      continue;
    }
    if (name === undefined) {
      const example = template.form === 'native' ? 'export const findUser = query`…`' : 'export const findUser = sql<IFindUserQuery>`…`';
      problem(template.anchor, `a ${tagName(template)}\`…\` template must be assigned to a const: its name names the query and its types`, `write \`${example}\``);
      continue;
    }
    if (!QUERY_NAME.test(name)) {
      problem(template.anchor, `query name "${name}" is not usable: it must be letters, digits and underscores`, 'rename the const, e.g. findUserById', undefined, name);
      continue;
    }
    const key = name.toLowerCase();
    if (seen.has(key)) {
      problem(template.anchor, `duplicate query name ${name} (first defined on line ${lines.position(seen.get(key)!).line})`, 'query names must be unique within a file (case-insensitively)', undefined, name);
      continue;
    }
    seen.set(key, template.anchor);
    if (template.form === 'native') {
      if (template.typeArgumentCount > 1) {
        problem(template.typeArgument!.start, `query ${name}: query<…> takes one type argument, which prepare writes`, 'delete the type arguments and run `sqlsure prepare`', undefined, name);
        continue;
      }
      const query = nativeQuery(file, text, lines, template, name, problem);
      if (query) {
        const registered = sideEffectImports.includes(typesModule);
        queries.push({ ...query, inline: { ...(template.typeArgument ? { typeArgument: template.typeArgument } : {}), tagEnd: template.tagEnd, registered, importEnd: template.importEnd, typeAt: lines.position(template.typeArgument?.start ?? template.tagEnd), anchorAt: lines.position(template.anchor) } });
      }
      continue;
    }
    const expected = `I${name[0]!.toUpperCase()}${name.slice(1)}Query`;
    if (template.typeArgument && template.typeArgument.text !== expected) {
      problem(template.typeArgument.start, `query ${name}: the type argument is ${template.typeArgument.text}, but its generated type is ${expected}`, `write sql<${expected}>, imported from '${typesModule}'`, undefined, name);
      continue;
    }
    if (template.module === 'sqlsure/runtime' && !sideEffectImports.includes(typesModule)) {
      problem(
        template.anchor,
        `query ${name}: sqlsure/runtime finds the query's statement and decoders in ${typesModule}, which this file does not load (type imports are erased)`,
        `add \`import '${typesModule}';\` next to the type import`,
        undefined,
        name,
      );
      continue;
    }
    const query = templateQuery(file, text, lines, template, name, problem);
    if (query) queries.push(query);
  }
  return { blockCount: templates.length, queries, problems };
}

function tagName(template: SqlTemplate): string {
  return template.form === 'native' ? 'query' : 'sql';
}

/** Checks shared by both forms; the template's text, or undefined after reporting why not. */
function templateText(template: SqlTemplate, text: string, name: string, problem: ReportProblem): string | undefined {
  const raw = text.slice(template.start, template.end);
  const backslash = raw.indexOf('\\');
  if (backslash >= 0) {
    // In a template literal `\n` means a line break: the SQL run would not be the SQL shown.
    problem(template.start + backslash, `query ${name}: a backslash in a ${tagName(template)}\`…\` template is a JavaScript escape, so the SQL sent would differ from the SQL written`, "write the SQL without backslashes (for E'…' strings use chr(10) or a parameter)", undefined, name);
    return undefined;
  }
  if (!raw.trim()) {
    problem(template.anchor, `query ${name} is empty`, 'write a SQL statement between the backticks', undefined, name);
    return undefined;
  }
  return raw;
}

/** A native template: sqlsure's `.sql` syntax, read as a `.sql` query is. */
function nativeQuery(file: string, text: string, lines: LineIndex, template: SqlTemplate, name: string, problem: ReportProblem): QuerySource | undefined {
  const raw = templateText(template, text, name, problem);
  if (raw === undefined) return undefined;
  const named = NAME_ANNOTATION.exec(raw);
  if (named) {
    problem(template.start + named.index + named[0].indexOf('-'), `query ${name}: a query<…> template is named by its const, not by \`-- name:\``, 'write only the cardinality on the first line, e.g. `-- :one`', undefined, name);
    return undefined;
  }
  const annotation = CARDINALITY_LINE.exec(raw);
  let cardinality: Cardinality = 'many';
  if (annotation) {
    const written = annotation[1]!.toLowerCase();
    if (!(CARDINALITIES as readonly string[]).includes(written)) {
      problem(template.start + annotation.index + annotation[0].indexOf(':'), `unknown cardinality ":${annotation[1]}" for query ${name}`, cardinalityHint(annotation[1]!), undefined, name);
      return undefined;
    }
    cardinality = written as Cardinality;
  }
  const blanked = blank(text.slice(0, template.start)) + raw + blank(text.slice(template.end));
  const scanned = scanQueryFile(blanked, 'native');
  // pgtyped's `$email` / `$$ids` is a syntax error to PostgreSQL (`$$` even opens a dollar quote):
  // said as the mix-up it is.
  const pgtypedParam = (at: number): boolean => /^\$\$?[A-Za-z_]/.test(text.slice(at, template.end));
  const mixUp = (at: number): undefined => {
    problem(at, `query ${name}: \`${/^\$+\w*/.exec(text.slice(at))![0]}\` is pgtyped's parameter syntax; a query\`…\` template is written in sqlsure's`, 'write `:name` (`:name!` non-null, `IN :ids[]` a list, `VALUES :rows` a bulk insert), or use the `sql` tag for pgtyped syntax', '42601', name);
    return undefined;
  };
  if (scanned.problems.length > 0 && pgtypedParam(scanned.problems[0]!.offset)) return mixUp(scanned.problems[0]!.offset);
  for (const p of scanned.problems) problem(p.offset, `query ${name}: ${p.message}`, p.hint, '42601', name);
  if (scanned.problems.length > 0) return undefined;
  const tokens = scanned.tokens.filter((t) => t.start >= template.start && t.end <= template.end);
  for (const m of raw.matchAll(/\$\$?[A-Za-z_]/g)) {
    const at = template.start + m.index;
    if (!tokens.some((t) => t.start <= at && at < t.end && LITERAL_TOKENS.has(t.kind))) return mixUp(at);
  }
  const query = buildQuerySource(
    file,
    scanned.text,
    lines,
    { name, cardinality, anchor: template.anchor, tokens },
    problem,
    'a query`…` template holds exactly one statement: write one const per query',
  );
  if (!query) return undefined;
  const lead = raw.length - raw.trimStart().length;
  return { ...query, sql: raw.trim(), position: lines.position(template.start + lead) };
}

function templateQuery(file: string, text: string, lines: LineIndex, template: SqlTemplate, name: string, problem: ReportProblem): QuerySource | undefined {
  const raw = templateText(template, text, name, problem);
  if (raw === undefined) return undefined;
  // sqlsure's addition: a first line `-- :one` (any of the five) sets the cardinality, which
  // only sqlsure's tag honours (pgtyped's would still return an array, and the types would lie).
  const annotation = CARDINALITY_LINE.exec(raw);
  let cardinality: Cardinality = 'many';
  if (annotation) {
    const at = template.start + annotation.index + annotation[0].indexOf(':');
    const written = annotation[1]!.toLowerCase();
    if (!(CARDINALITIES as readonly string[]).includes(written)) {
      problem(at, `unknown cardinality ":${annotation[1]}" for query ${name}`, cardinalityHint(annotation[1]!), undefined, name);
      return undefined;
    }
    if (template.module !== 'sqlsure/runtime') {
      problem(at, `query ${name}: a cardinality needs the sql tag of sqlsure/runtime (pgtyped's returns an array whatever the annotation)`, "import { sql } from 'sqlsure/runtime'", undefined, name);
      return undefined;
    }
    cardinality = written as Cardinality;
  }
  const parsed = pgtypedParser().parseTSQuery(raw, name);
  const errors = parsed.events.filter((e) => 'critical' in e && e.critical);
  if (errors.length > 0) {
    for (const e of errors) {
      const at = e.location ? template.start + lines.offsetOf(e.location.line, e.location.col + 1) - lines.offsetOf(1, 1) : template.start;
      problem(Math.min(at, template.end), `query ${name}: pgtyped syntax: ${e.message.text.replace(/^Parse error: /, '')}`, 'see https://pgtyped.dev/docs/ts-file for the parameter syntax', undefined, name);
    }
    return undefined;
  }
  // The template respelled in the SQL-file form, everything else blanked.
  let body = raw;
  const respelled: number[] = [];
  const declared = new Map<string, ParamExpansion>();
  const declarations: string[] = [];
  const declare = (param: string, expansion: ParamExpansion, spelled: string): void => {
    if (!declared.has(param)) declarations.push(`${param} -> ${spelled}`);
    declared.set(param, expansion);
  };
  for (const p of parsed.query.params) {
    const from = p.location.a;
    const to = p.location.b + 1;
    const written = raw.slice(from, to);
    let replacement: string;
    const selection = p.selection;
    if (selection.type === 'scalar') replacement = ':' + written.slice(1);
    else if (selection.type === 'scalar_array') {
      replacement = ':' + written.slice(2) + ' ';
      declare(p.name, { kind: 'list' }, '(...)');
    } else {
      const fields: ExpansionField[] = selection.keys.map((k) => ({ name: k.name, mark: k.required ? '!' : null }));
      const list = fields.map((f) => f.name + (f.mark ?? '')).join(', ');
      replacement = `:${p.name}`.padEnd(written.length, ' ');
      // Line breaks inside `(a,\n b)` stay, so lines keep their numbers.
      replacement = [...replacement].map((c, i) => (written[i] === '\n' ? '\n' : c)).join('');
      if (selection.type === 'object') declare(p.name, { kind: 'tuple', fields }, `(${list})`);
      else declare(p.name, { kind: 'rows', fields }, `((${list})...)`);
    }
    body = body.slice(0, from) + replacement + body.slice(to);
    respelled.push(template.start + from);
  }
  const blanked = blank(text.slice(0, template.start)) + body + blank(text.slice(template.end));
  const scanned = scanQueryFile(blanked, 'native');
  for (const p of scanned.problems) problem(p.offset, `query ${name}: ${p.message}`, p.hint, '42601', name);
  if (scanned.problems.length > 0) return undefined;
  const tokens = scanned.tokens.filter((t) => t.start >= template.start && t.end <= template.end);
  // pgtyped's TS grammar does not know SQL strings: `'a$b'` holds a "parameter" to it. Respelled
  // there, the SQL sent would differ from the SQL written, so such a template is refused.
  const inText = respelled.find((at) => scanned.tokens.some((t) => t.start <= at && at < t.end && LITERAL_TOKENS.has(t.kind) && scanned.text[t.start] !== ':'));
  if (inText !== undefined) {
    problem(inText, `query ${name}: pgtyped's parser reads this \`$\` inside a string, quoted name or comment as a parameter`, 'move the text into a parameter, or write the dollar sign with chr(36)', undefined, name);
    return undefined;
  }
  const query = buildQuerySource(
    file,
    scanned.text,
    lines,
    {
      name,
      cardinality,
      anchor: template.anchor,
      tokens,
      rewrite: { declared, dialect: 'pgtyped' },
      ...(annotation ? {} : { cardinalityDefaulted: true }),
      declarations: declarations.sort(),
    },
    problem,
    'a sql`…` template holds exactly one statement: write one const per query',
  );
  if (!query) return undefined;
  // The query's text is the template as written (trimmed): what the runtime tag sees, and what is hashed.
  const lead = raw.length - raw.trimStart().length;
  return { ...query, sql: raw.trim(), position: lines.position(template.start + lead) };
}

/** Spaces for every character but line breaks, so offsets and lines are unchanged. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}
