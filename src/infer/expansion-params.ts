/**
 * Regroups the described placeholders under the TypeScript parameters they come from: an
 * expansion's placeholders all carry its name (and a field for tuples and rows), list and rows
 * arrays are never NULL themselves, and their elements are NULL-free unless a field may hold NULL
 * (marked `?`, or stored into a nullable column). Every placeholder stored into a table column
 * records it as its target, so column type overrides reach parameters too.
 */
import type { CachedParam } from '../cache/cache-entry.js';
import type { RelationCatalog } from '../database/relation-catalog.js';
import type { NullabilityMark, QuerySource } from '../source/query-source.js';
import type { AstNode } from './ast.js';
import { paramTargets } from './param-targets.js';

/** Rewrites `params` (one per `$n`, in order) in place. */
export function applyExpansions(params: CachedParam[], query: QuerySource, ast: AstNode, relations: RelationCatalog): void {
  const targets = paramTargets(ast, relations);
  params.forEach((p, i) => {
    const target = targets.get(i + 1);
    if (target) p.target = { table: target.table, column: target.column };
  });
  for (const source of query.params) {
    const expansion = source.expansion;
    if (!expansion) continue;
    const at = (k: number): CachedParam | undefined => params[source.index - 1 + k];
    if (expansion.kind === 'list') {
      const p = at(0);
      if (p) Object.assign(p, { name: source.name, nullable: false, expansion: 'list', elementNullable: false });
      continue;
    }
    expansion.fields.forEach((field, k) => {
      const p = at(k);
      if (!p) return;
      const notNullColumn = targets.get(source.index + k)?.notNull ?? false;
      if (expansion.kind === 'tuple') {
        Object.assign(p, { name: source.name, field: field.name, expansion: 'tuple', nullable: markedNullable(field.mark) ?? (notNullColumn ? false : p.nullable) });
      } else {
        const elementNullable = markedNullable(field.mark) ?? !notNullColumn;
        // Repeated at runtime, a rows placeholder carries one field value, not an array of them.
        const nullable = query.dynamic?.param === source.name ? elementNullable : false;
        Object.assign(p, { name: source.name, field: field.name, expansion: 'rows', nullable, elementNullable });
      }
    });
  }
}

function markedNullable(mark: NullabilityMark): boolean | undefined {
  return mark === '!' ? false : mark === '?' ? true : undefined;
}
