/**
 * A cache entry is trusted for what only a database can say (types, nullability, column names),
 * never for what the query source already says: its name, SQL, statement as sent and cardinality
 * are derived again here, offline, and must match. So a hand-edited `"statement"` cannot reach
 * generated code, and `check` catches it.
 *
 * A statement with expansions was compiled with cast types from the database (compile-expansions.ts).
 * It is recompiled here with the casts the entry holds, each of which must be a plain spelling of
 * the type the entry records for that placeholder — an identifier or a quoted identifier, never
 * SQL — and the result must be the entry's statement, byte for byte.
 */
import type { CacheEntry } from '../cache/cache-entry.js';
import { compileExpansions, type PlaceholderType } from '../source/compile-expansions.js';
import type { DynamicRowsSlot, QuerySource } from '../source/query-source.js';

/** What in `entry` disagrees with `query` (empty when it agrees), one line per field. */
export function entryDisagreements(entry: CacheEntry, query: QuerySource, hash: string): string[] {
  const wrong: string[] = [];
  if (entry.hash !== hash) wrong.push(`"hash" is not the query's hash`);
  if (entry.name !== query.name) wrong.push(`"name" is ${JSON.stringify(entry.name)}, but the query is named ${query.name}`);
  if (entry.sql !== query.sql) wrong.push(`"sql" is not the query's SQL`);
  const expected = expectedStatement(entry, query);
  if (!expected || expected.statement !== entry.statement) wrong.push(`"statement" is not the query's SQL as sent`);
  else if (!sameDynamic(expected.dynamic, entry.dynamic)) wrong.push(`"dynamic" does not match the query's rows expansion`);
  const cardinalityOk = query.cardinalityDefaulted
    ? entry.cardinality === query.cardinality || (entry.cardinality === 'exec' && entry.columns.length === 0)
    : entry.cardinality === query.cardinality;
  if (!cardinalityOk) wrong.push(`"cardinality" is :${entry.cardinality}, but the query says :${query.cardinality}`);
  const unmarked: string[] = [];
  const unrecorded: string[] = [];
  for (const p of query.params) {
    if (p.positional) continue;
    const cached = entry.params[p.index - 1];
    if (cached?.name !== p.name) wrong.push(`"params"[${p.index - 1}] should be :${p.name}, not ${cached ? JSON.stringify(cached.name) : 'missing'}`);
    else if ((cached.optional === true) !== (p.mark === '?' && !p.expansion)) (cached.optional ? unmarked : unrecorded).push(`"params"[${p.index - 1}] (:${p.name})`);
  }
  // One line each way: an entry from before `optional` was recorded lacks it on every `?` parameter.
  if (unrecorded.length > 0) wrong.push(`${unrecorded.join(', ')} ${unrecorded.length === 1 ? 'is' : 'are'} not optional, but the query marks ${unrecorded.length === 1 ? 'it' : 'them'} with ? (an entry written by an sqlsure that did not record optional parameters yet)`);
  if (unmarked.length > 0) wrong.push(`${unmarked.join(', ')} ${unmarked.length === 1 ? 'is' : 'are'} optional, but the query does not mark ${unmarked.length === 1 ? 'it' : 'them'} with ?`);
  entry.columns.forEach((c, i) => {
    const override = query.overrides.find((o) => o.name === c.name)?.tsType;
    if (c.tsType !== override) wrong.push(`"columns"[${i}].tsType is ${c.tsType === undefined ? 'missing' : JSON.stringify(c.tsType)}, but the query says ${override === undefined ? 'none' : JSON.stringify(override)}`);
  });
  return wrong;
}

function expectedStatement(entry: CacheEntry, query: QuerySource): { statement: string; dynamic?: DynamicRowsSlot } | undefined {
  if (!query.slots?.length) return { statement: query.statement };
  // Pass 1: compile with markers where the casts go, to find the entry's spelling of each.
  const marker = (index: number): string => `\u0000${index}\u0000`;
  const dynamicFrom = entry.dynamic?.firstIndex ?? Infinity;
  const typeOf = (name: (index: number) => string) => (index: number): PlaceholderType | undefined => {
    if (!entry.params[index - 1]) return undefined;
    const repeated = index >= dynamicFrom;
    return { name: name(index), element: name(index), isArray: repeated, hasArray: !repeated };
  };
  const template = compileExpansions(query, typeOf(marker));
  if (!template.ok) return undefined;
  const parts = template.query.statement.split(/\u0000(\d+)\u0000/);
  let pattern = '';
  const order: number[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) pattern += escapeRegExp(part);
    else {
      const index = Number(part);
      order.push(index);
      const pgType = entry.params[index - 1]!.pgType;
      // A repeated row casts to the placeholder's own type; ANY/unnest to the element of its array type.
      pattern += `(${spellings(index >= dynamicFrom ? pgType : elementOf(pgType)).map(escapeRegExp).join('|')})`;
    }
  });
  const match = new RegExp(`^${pattern}$`, 's').exec(entry.statement);
  if (!match) return undefined;
  const spelled = new Map(order.map((index, k) => [index, match[k + 1]!]));
  // Pass 2: the real compile with those spellings, for the exact statement and rows slot.
  const compiled = compileExpansions(query, typeOf((index) => spelled.get(index) ?? ''));
  if (!compiled.ok) return undefined;
  return { statement: compiled.query.statement, ...(compiled.query.dynamic ? { dynamic: compiled.query.dynamic } : {}) };
}

/** How a cast may name `pgType` (`schema.name` or `name`): each part quoted, or bare when it can be. */
function spellings(pgType: string): string[] {
  const dot = pgType.indexOf('.');
  const parts = dot < 0 ? [pgType] : [pgType.slice(0, dot), pgType.slice(dot + 1)];
  const ways = (part: string): string[] => {
    const quoted = `"${part.replace(/"/g, '""')}"`;
    return /^[a-z_][a-z0-9_$]*$/.test(part) ? [part, quoted] : [quoted];
  };
  return parts.map(ways).reduce<string[]>((acc, next) => acc.flatMap((a) => next.map((b) => (a ? `${a}.${b}` : b))), ['']);
}

/** `_uuid` → `uuid`, `auth._role` → `auth.role`. */
function elementOf(pgType: string): string {
  const dot = pgType.indexOf('.');
  const name = dot < 0 ? pgType : pgType.slice(dot + 1);
  return name.startsWith('_') ? pgType.slice(0, dot + 1) + name.slice(1) : pgType;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function sameDynamic(a: DynamicRowsSlot | undefined, b: DynamicRowsSlot | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.param === b.param &&
    a.context === b.context &&
    a.start === b.start &&
    a.end === b.end &&
    a.firstIndex === b.firstIndex &&
    a.casts.length === b.casts.length &&
    a.casts.every((c, i) => c === b.casts[i])
  );
}
