/**
 * Second step of an expansion, once the server has typed the probe statement: the probe forms
 * become fixed statements with explicit array types, so they are preparable, need no runtime
 * SQL building, and an empty list is just an empty array (no `IN ()` syntax error):
 *
 *   x = ANY($1)                 →  x = ANY($1::uuid[])
 *   VALUES ($2, $3)             →  SELECT * FROM unnest($2::integer[], $3::text[])
 *   (a, b) IN (($2, $3))        →  (a, b) IN (SELECT * FROM unnest($2::integer[], $3::text[]))
 *
 * unnest flattens arrays, so a rows expansion with an array-typed field stays a one-row form with
 * typed placeholders that the runtime repeats per row (`DynamicRowsSlot`); its empty form is a
 * typed zero-row SELECT, still correct.
 */
import type { DynamicRowsSlot, ExpansionSlot, OffsetMap, QuerySource } from './query-source.js';
import { statementToSourceOffset } from './rewrite-statement.js';

/** What the server says about one placeholder's type, spelled for a cast. */
export interface PlaceholderType {
  /** The type as SQL (`integer` → `int4`, `"char"`, `auth.role`), without any type modifier. */
  name: string;
  /** For an array type, its element type's SQL name. */
  element?: string;
  /** Whether the type is an array (or a domain over one): unnest would flatten it. */
  isArray: boolean;
  /** Whether the type has an array type (`name[]` exists). */
  hasArray: boolean;
}

export interface CompileProblem {
  statementOffset: number;
  message: string;
  hint?: string;
}

export type CompileOutcome = { ok: true; query: QuerySource } | { ok: false; problems: CompileProblem[] };

export function compileExpansions(query: QuerySource, typeOf: (index: number) => PlaceholderType | undefined): CompileOutcome {
  const slots = query.slots ?? [];
  if (slots.length === 0) return { ok: true, query };
  const problems: CompileProblem[] = [];
  const edits: Array<{ start: number; end: number; text: string; dynamic?: Omit<DynamicRowsSlot, 'start' | 'end'> }> = [];
  const lastIndex = Math.max(0, ...query.params.map((p) => p.index + width(p) - 1));

  for (const slot of slots) {
    const param = query.params.find((p) => p.name === slot.param)!;
    if (slot.kind === 'list') {
      const type = typeOf(param.index);
      if (!type?.element) {
        problems.push({ statementOffset: slot.start, message: `cannot tell the element type of list :${param.name} (the server typed it ${type?.name ?? 'unknown'})` });
        continue;
      }
      const operator = slot.context === 'not in' ? '<> ALL' : '= ANY';
      edits.push({ start: slot.start, end: slot.end, text: `${operator}($${param.index}::${type.element}[])` });
      continue;
    }
    const indexes = Array.from({ length: width(param) }, (_, k) => param.index + k);
    const types = indexes.map(typeOf);
    const missing = types.findIndex((t) => !t);
    if (missing >= 0) {
      problems.push({ statementOffset: slot.start, message: `cannot tell the type of $${indexes[missing]} in rows :${param.name}` });
      continue;
    }
    const fieldTypes = types as PlaceholderType[];
    if (fieldTypes.every((t) => t.hasArray && !t.isArray)) {
      const unnest = `SELECT * FROM unnest(${indexes.map((n, k) => `$${n}::${fieldTypes[k]!.name}[]`).join(', ')})`;
      edits.push({ start: slot.start, end: slot.end, text: wrap(slot.context, unnest) });
      continue;
    }
    // Repeated at runtime: only possible when its placeholders are the statement's last ones.
    if (edits.some((e) => e.dynamic) || indexes[indexes.length - 1] !== lastIndex || slots.filter((s) => s.param === slot.param).length > 1) {
      problems.push({
        statementOffset: slot.start,
        message: `rows :${param.name} has an array-typed field, so it is expanded at runtime; a query can hold only one such expansion, used once`,
        hint: 'split the query, or pass the array field another way',
      });
      continue;
    }
    const casts = fieldTypes.map((t) => t.name);
    const row = `(${indexes.map((n, k) => `$${n}::${casts[k]}`).join(', ')})`;
    const text = slot.context === 'values' ? `VALUES ${row}` : `${slot.context === 'in' ? 'IN' : 'NOT IN'} (${row})`;
    edits.push({ start: slot.start, end: slot.end, text, dynamic: { param: param.name, context: slot.context, firstIndex: param.index, casts } });
  }
  if (problems.length > 0) return { ok: false, problems };

  const spliced = splice(query.statement, query.offsets, edits);
  const { slots: _compiled, ...rest } = query;
  const dynamicEdit = spliced.placed.find((p) => p.edit.dynamic);
  return {
    ok: true,
    query: {
      ...rest,
      statement: spliced.statement,
      offsets: spliced.offsets,
      ...(dynamicEdit ? { dynamic: { ...dynamicEdit.edit.dynamic!, start: dynamicEdit.start, end: dynamicEdit.end } } : {}),
    },
  };
}

function wrap(context: ExpansionSlot['context'], select: string): string {
  if (context === 'values') return select;
  return `${context === 'in' ? 'IN' : 'NOT IN'} (${select})`;
}

function width(param: QuerySource['params'][number]): number {
  return param.expansion && 'fields' in param.expansion ? param.expansion.fields.length : 1;
}

/** Replaces ranges of the statement, keeping the map back to the source file consistent. */
function splice<E extends { start: number; end: number; text: string }>(
  statement: string,
  offsets: OffsetMap,
  edits: E[],
): { statement: string; offsets: OffsetMap; placed: Array<{ edit: E; start: number; end: number }> } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const shift = (offset: number): number => {
    let delta = 0;
    for (const e of sorted) if (e.end <= offset) delta += e.text.length - (e.end - e.start);
    return offset + delta;
  };
  const inside = (offset: number): boolean => sorted.some((e) => offset > e.start && offset < e.end);
  const segments: Array<OffsetMap['segments'][number] & { order: number }> = offsets.segments
    .filter((s) => !inside(s.statementOffset))
    .map((s) => ({ statementOffset: shift(s.statementOffset), sourceOffset: s.sourceOffset, order: 0 }));
  let out = '';
  let copied = 0;
  const placed: Array<{ edit: E; start: number; end: number }> = [];
  for (const e of sorted) {
    out += statement.slice(copied, e.start);
    const start = out.length;
    out += e.text;
    placed.push({ edit: e, start, end: out.length });
    // Added after the old segments at the same offset, so they win the lookup.
    segments.push({ statementOffset: start, sourceOffset: statementToSourceOffset(offsets, e.start), order: 1 });
    segments.push({ statementOffset: out.length, sourceOffset: statementToSourceOffset(offsets, e.end), order: 1 });
    copied = e.end;
  }
  out += statement.slice(copied);
  segments.sort((a, b) => a.statementOffset - b.statementOffset || a.order - b.order);
  return { statement: out, offsets: { segments: segments.map(({ statementOffset, sourceOffset }) => ({ statementOffset, sourceOffset })) }, placed };
}
