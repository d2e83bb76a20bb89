/**
 * The user types a set of cache entries mentions, looked up by name in an earlier schema.json.
 * Used for entries that are reused without describing: the schema fingerprint is unchanged, so
 * the types recorded last time are still exactly what the catalog would say.
 */
import type { CacheEntry, SchemaTypes } from '../cache/cache-entry.js';

export function schemaTypesOfEntries(entries: Iterable<CacheEntry>, known: SchemaTypes): SchemaTypes {
  const out: SchemaTypes = { enums: {}, domains: {}, composites: {} };
  const visited = new Set<string>();
  const visit = (name: string): void => {
    if (visited.has(name)) return;
    visited.add(name);
    const enumLabels = known.enums[name];
    const domain = known.domains[name];
    const composite = known.composites[name];
    if (enumLabels) out.enums[name] = enumLabels;
    if (domain) {
      out.domains[name] = domain;
      visit(domain.baseType);
    }
    if (composite) {
      out.composites[name] = composite;
      for (const f of composite) visit(f.pgType);
    }
    // Arrays are named `_elem` (`schema._elem` outside public/pg_catalog).
    const dot = name.lastIndexOf('.');
    if (name[dot + 1] === '_') visit(name.slice(0, dot + 1) + name.slice(dot + 2));
  };
  for (const entry of entries) {
    for (const p of entry.params) visit(p.pgType);
    for (const c of entry.columns) visit(c.pgType);
  }
  return out;
}

/** Union of two sets of types (the same name means the same type), keys sorted like schema.json. */
export function mergeSchemaTypes(a: SchemaTypes, b: SchemaTypes): SchemaTypes {
  return {
    enums: sorted({ ...b.enums, ...a.enums }),
    domains: sorted({ ...b.domains, ...a.domains }),
    composites: sorted({ ...b.composites, ...a.composites }),
  };
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
