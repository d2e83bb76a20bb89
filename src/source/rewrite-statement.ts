/**
 * Rewrites a query as written into the statement sent to the server:
 * - `:name`, `:name!`, `:name?` become `$n` (positional `$n` are kept);
 * - expansions become their probe form, to be compiled once the server has typed them:
 *   `x IN :ids[]` → `x = ANY($n)`, `VALUES :rows` → `VALUES ($n, $n+1)`, a pgtyped tuple
 *   `:user` → `($n, $n+1)`; rows placeholders are numbered last, so a rows expansion repeated
 *   at runtime never renumbers the rest of the statement;
 * - column alias overrides `AS "total!"`, `AS "note?"`, `AS "meta: Meta"` become plain aliases
 *   (`AS "total"`), and the override is recorded, so the suffix never reaches the row key.
 * Working on PostgreSQL's own tokens means text inside strings, comments, dollar quotes, quoted
 * identifiers and `::casts` can never be mistaken for either.
 */
import type {
  ColumnOverride,
  ExpansionField,
  ExpansionSlot,
  NullabilityMark,
  OffsetMap,
  ParamExpansion,
  SourceParam,
} from './query-source.js';
import { checkTypeExpression, TYPE_EXPRESSION_HINT } from '../codegen/type-expression.js';
import type { SqlToken } from './sql-scanner.js';
import type { LineIndex } from './text-position.js';

export interface RewrittenStatement {
  statement: string;
  params: SourceParam[];
  overrides: ColumnOverride[];
  offsets: OffsetMap;
  slots: ExpansionSlot[];
  problems: Array<{ offset: number; message: string; hint?: string }>;
}

export interface RewriteOptions {
  /** Expansions declared outside the SQL (pgtyped `@param x -> (...)`), by parameter name. */
  declared?: ReadonlyMap<string, ParamExpansion>;
  /** How declared expansions are spelled in errors. */
  dialect?: 'native' | 'pgtyped';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `"name!"`, `"name?"`, `"name: Type"`, `"name!: Type"` (the quotes included). */
const OVERRIDE_ALIAS = /^"([^"!?:]+?)\s*([!?])?\s*(?::\s*(.+?)\s*)?"$/s;
const COMMENT_KINDS = new Set(['SQL_COMMENT', 'C_COMMENT']);

type Context = { kind: ExpansionSlot['context']; start: number };

interface Usage {
  name: string;
  /** Source range of `:name` (with its mark and `[]`). */
  from: number;
  to: number;
  mark: NullabilityMark;
  list: boolean;
  context: Context | undefined;
  /** Column list of `INSERT INTO t (a, b) VALUES :rows`, or why there is none. */
  columns: string[] | string | undefined;
}

interface NamedParam {
  param: SourceParam;
  kind: 'scalar' | ParamExpansion['kind'];
}

/**
 * `text` is the whole file; `tokens` are the query's tokens (file offsets) and `[start, end)` the
 * query's extent in the file.
 */
export function rewriteStatement(
  text: string,
  tokens: readonly SqlToken[],
  start: number,
  end: number,
  lines: LineIndex,
  options: RewriteOptions = {},
): RewrittenStatement {
  const problems: RewrittenStatement['problems'] = [];
  const named = new Map<string, NamedParam>();
  const positional = new Map<number, SourceParam>();
  let firstPositionalOffset = -1;
  const overrides: ColumnOverride[] = [];
  const edits: Array<{ from: number; to: number; render: () => string; slot?: Omit<ExpansionSlot, 'start' | 'end'> }> = [];
  const significant = tokens.filter((t) => !COMMENT_KINDS.has(t.kind));
  let bracketDepth = 0;

  for (let i = 0; i < significant.length; i++) {
    const token = significant[i]!;
    if (token.text === '[') bracketDepth++;
    else if (token.text === ']') bracketDepth = Math.max(0, bracketDepth - 1);
    if (token.kind === 'PARAM') {
      const index = Number(token.text.slice(1));
      if (firstPositionalOffset < 0) firstPositionalOffset = token.start;
      if (!positional.has(index)) {
        positional.set(index, { name: `p${index}`, index, mark: null, positional: true, position: lines.position(token.start) });
      }
      continue;
    }
    if (token.kind === 'IDENT' && token.text.startsWith('"') && significant[i - 1]?.text.toUpperCase() === 'AS') {
      const m = OVERRIDE_ALIAS.exec(token.text);
      if (m && (m[2] || m[3])) {
        const name = m[1]!;
        if (m[3]) {
          // The type is pasted into a generated interface: it must be one type expression, nothing more.
          const checked = checkTypeExpression(m[3]);
          if (!checked.ok) {
            problems.push({ offset: token.start + token.text.lastIndexOf(m[3]) + checked.offset, message: `the type override of "${name}" is not a single TypeScript type: ${checked.message}`, hint: TYPE_EXPRESSION_HINT });
            continue;
          }
        }
        overrides.push({ name, ...(m[2] ? { nullable: m[2] === '?' } : {}), ...(m[3] ? { tsType: m[3] } : {}) });
        edits.push({ from: token.start, to: token.end, render: () => `"${name}"` });
      }
      continue;
    }
    // Inside `[...]` a colon is an array slice (`arr[lo:hi]`), never a parameter.
    if (token.text !== ':' || bracketDepth > 0) continue;
    const nameToken = significant[i + 1];
    if (!nameToken || nameToken.start !== token.end || !IDENTIFIER.test(nameToken.text)) continue;
    let next = i + 2;
    let to = nameToken.end;
    let mark: NullabilityMark = null;
    const markToken = significant[next];
    if (markToken && markToken.start === to && (markToken.text === '!' || markToken.text === '?')) {
      mark = markToken.text;
      to = markToken.end;
      next++;
    }
    let list = false;
    if (significant[next]?.text === '[' && significant[next]!.start === to && significant[next + 1]?.text === ']') {
      list = true;
      to = significant[next + 1]!.end;
      next += 2;
    }
    const context = contextBefore(significant, i);
    const usage: Usage = {
      name: nameToken.text,
      from: token.start,
      to,
      mark,
      list,
      context,
      columns: context?.kind === 'values' ? insertColumns(significant, i) : undefined,
    };
    addUsage(usage);
    i = next - 1;
  }

  function addUsage(usage: Usage): void {
    const { name } = usage;
    const declared = options.declared?.get(name);
    const kind = declared?.kind ?? (usage.list ? 'list' : usage.context?.kind === 'values' ? 'rows' : 'scalar');
    if (usage.mark === '?' && kind !== 'scalar') {
      // `?` makes a property optional, sent as NULL when left out; an expansion has no NULL form.
      problems.push({ offset: usage.from, message: `parameter :${name} is ${describeKind(kind)}, which cannot be optional ("?")`, hint: OPTIONAL_EXPANSION_HINT[kind] });
      return;
    }
    let entry = named.get(name);
    if (!entry) {
      const expansion = expansionFor(usage, kind, declared);
      if (expansion === null) return;
      entry = {
        param: { name, index: 0, mark: usage.mark, position: lines.position(usage.from), ...(expansion ? { expansion } : {}) },
        kind,
      };
      named.set(name, entry);
    } else {
      if (entry.kind !== kind) {
        problems.push({
          offset: usage.from,
          message: `parameter :${name} is used both as ${describeKind(entry.kind)} and as ${describeKind(kind)}`,
          hint: 'use one name per shape',
        });
        return;
      }
      if (kind === 'rows' && !declared && Array.isArray(usage.columns)) {
        const fields = (entry.param.expansion as { fields: ExpansionField[] }).fields;
        if (fields.map((f) => f.name).join(',') !== usage.columns.join(',')) {
          problems.push({ offset: usage.from, message: `:${name} is inserted into different column lists`, hint: 'use a separate parameter per column list' });
          return;
        }
      }
      const param = entry.param;
      if (usage.mark && param.mark && usage.mark !== param.mark) {
        problems.push({
          offset: usage.from,
          message: `parameter :${name} is marked both "${param.mark}" and "${usage.mark}"`,
          hint: 'mark a parameter in one place, or with the same mark everywhere',
        });
        return;
      } else if (usage.mark) {
        param.mark = usage.mark;
      }
    }
    if (!validContext(usage, kind)) return;
    const param = entry.param;
    const width = (): number => (param.expansion && 'fields' in param.expansion ? param.expansion.fields.length : 1);
    const placeholders = (): string[] => Array.from({ length: width() }, (_, k) => `$${param.index + k}`);
    switch (kind) {
      case 'scalar':
        edits.push({ from: usage.from, to: usage.to, render: () => `$${param.index}` });
        break;
      case 'tuple':
        edits.push({ from: usage.from, to: usage.to, render: () => `(${placeholders().join(', ')})` });
        break;
      case 'list': {
        const negated = usage.context!.kind === 'not in';
        edits.push({
          from: usage.context!.start,
          to: usage.to,
          render: () => (negated ? `<> ALL($${param.index})` : `= ANY($${param.index})`),
          slot: { param: name, kind: 'list', context: usage.context!.kind },
        });
        break;
      }
      case 'rows': {
        const context = usage.context!.kind;
        const keyword = context === 'values' ? 'VALUES' : context === 'in' ? 'IN' : 'NOT IN';
        edits.push({
          from: usage.context!.start,
          to: usage.to,
          render: () => (context === 'values' ? `VALUES (${placeholders().join(', ')})` : `${keyword} ((${placeholders().join(', ')}))`),
          slot: { param: name, kind: 'rows', context },
        });
        break;
      }
    }
  }

  /** The expansion of a new parameter; `null` after reporting why it cannot be one. */
  function expansionFor(usage: Usage, kind: NamedParam['kind'], declared: ParamExpansion | undefined): ParamExpansion | undefined | null {
    if (declared) return declared.kind === 'list' ? declared : { kind: declared.kind, fields: declared.fields.map((f) => ({ ...f })) };
    if (kind === 'list') return { kind: 'list' };
    if (kind !== 'rows') return undefined;
    if (typeof usage.columns !== 'object') {
      problems.push({
        offset: usage.from,
        message: `VALUES :${usage.name} needs the column list of an INSERT${usage.columns ? ` (${usage.columns})` : ''}`,
        hint: `write it as INSERT INTO t (a, b) VALUES :${usage.name}; each row is an object with those columns as keys`,
      });
      return null;
    }
    return { kind: 'rows', fields: usage.columns.map((name) => ({ name, mark: null })) };
  }

  function validContext(usage: Usage, kind: NamedParam['kind']): boolean {
    const where = usage.context?.kind;
    const pgtyped = options.dialect === 'pgtyped' && options.declared?.has(usage.name);
    if (kind === 'list' && where !== 'in' && where !== 'not in') {
      problems.push({
        offset: usage.from,
        message: pgtyped
          ? `list expansion :${usage.name} (@param ${usage.name} -> (...)) must follow IN or NOT IN`
          : `list parameter :${usage.name}[] must follow IN or NOT IN`,
        hint: `it is compiled to = ANY($n); anywhere else pass an array parameter, e.g. = ANY(:${usage.name})`,
      });
      return false;
    }
    if (kind === 'rows' && !where) {
      problems.push({
        offset: usage.from,
        message: `rows expansion :${usage.name} must follow VALUES, IN or NOT IN`,
        hint: 'it is compiled to SELECT * FROM unnest(...), which needs one of those places',
      });
      return false;
    }
    return true;
  }

  // Numbers: plain, list and tuple parameters in order of appearance, then the rows fields.
  let nextIndex = 1;
  const ordered = [...named.values()];
  for (const { param, kind } of [...ordered.filter((p) => p.kind !== 'rows'), ...ordered.filter((p) => p.kind === 'rows')]) {
    param.index = nextIndex;
    nextIndex += kind === 'tuple' || kind === 'rows' ? (param.expansion as { fields: ExpansionField[] }).fields.length : 1;
  }

  let statement = '';
  let copiedUpTo = start;
  const segments: OffsetMap['segments'] = [{ statementOffset: 0, sourceOffset: start }];
  const slots: ExpansionSlot[] = [];
  for (const edit of edits.sort((a, b) => a.from - b.from)) {
    statement += text.slice(copiedUpTo, edit.from);
    segments.push({ statementOffset: statement.length, sourceOffset: edit.from });
    const from = statement.length;
    statement += edit.render();
    if (edit.slot) slots.push({ ...edit.slot, start: from, end: statement.length });
    segments.push({ statementOffset: statement.length, sourceOffset: edit.to });
    copiedUpTo = edit.to;
  }
  statement += text.slice(copiedUpTo, end);

  if (named.size > 0 && positional.size > 0) {
    problems.push({
      offset: firstPositionalOffset,
      message: 'a query cannot mix named (:name) and positional ($n) parameters',
      hint: 'use named parameters throughout',
    });
  }
  const params =
    named.size > 0
      ? ordered.map((p) => p.param)
      : [...positional.values()].sort((a, b) => a.index - b.index);
  return { statement, params, overrides, offsets: { segments }, slots, problems };
}

/** `IN`, `NOT IN` or `VALUES` right before the token at `i`, with the offset it starts at. */
function contextBefore(tokens: readonly SqlToken[], i: number): Context | undefined {
  const previous = tokens[i - 1];
  if (!previous) return undefined;
  const word = previous.text.toUpperCase();
  if (word === 'VALUES') return { kind: 'values', start: previous.start };
  if (word !== 'IN') return undefined;
  const before = tokens[i - 2];
  if (before?.text.toUpperCase() === 'NOT') return { kind: 'not in', start: before.start };
  return { kind: 'in', start: previous.start };
}

/**
 * The column list right before `VALUES` (the token before `:` at `i`): `(a, "B", c) VALUES`.
 * Returns a reason instead when there is no plain list.
 */
function insertColumns(tokens: readonly SqlToken[], i: number): string[] | string {
  let k = i - 2;
  if (tokens[k]?.text !== ')') return 'no column list before VALUES';
  const columns: string[] = [];
  k--;
  for (;;) {
    const name = tokens[k];
    const separator = tokens[k - 1];
    if (!name || !separator || /^[(),.[\]]$/.test(name.text)) return 'the column list is not plain column names';
    columns.unshift(name.text.startsWith('"') ? name.text.slice(1, -1).replace(/""/g, '"') : name.text.toLowerCase());
    if (separator.text === '(') return columns;
    if (separator.text !== ',') return 'the column list is not plain column names';
    k -= 2;
  }
}

const OPTIONAL_EXPANSION_HINT = {
  list: 'pass [] for no values (IN then matches nothing); for an optional filter take an array instead: (:ids?::int[] IS NULL OR x = ANY(:ids))',
  rows: 'pass [] for no rows',
  tuple: 'mark its fields instead, e.g. (name!, age)',
} as const;

function describeKind(kind: NamedParam['kind']): string {
  return { scalar: 'a plain parameter', list: 'a list (IN :name[])', tuple: 'a tuple', rows: 'rows (VALUES :name)' }[kind];
}

/** Maps an offset in the rewritten statement back to an offset in the source file. */
export function statementToSourceOffset(offsets: OffsetMap, statementOffset: number): number {
  let best = offsets.segments[0]!;
  for (const segment of offsets.segments) {
    if (segment.statementOffset <= statementOffset) best = segment;
    else break;
  }
  return best.sourceOffset + (statementOffset - best.statementOffset);
}
