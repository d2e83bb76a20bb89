/** The user-defined types (enums, domains, composites) that a set of entries mentions. */
import type { SchemaTypes } from '../cache/cache-entry.js';
import type { Catalog, CatalogType } from '../database/catalog.js';

export function collectSchemaTypes(catalog: Catalog, usedTypeOids: Iterable<number>): SchemaTypes {
  const enums: SchemaTypes['enums'] = {};
  const domains: SchemaTypes['domains'] = {};
  const composites: SchemaTypes['composites'] = {};
  const visited = new Set<number>();
  const name = (oid: number): string => catalog.types.get(oid)?.name ?? 'unknown';

  const visit = (oid: number): void => {
    if (visited.has(oid)) return;
    visited.add(oid);
    const t: CatalogType | undefined = catalog.types.get(oid);
    if (!t) return;
    if (t.elementOid && t.category === 'A') visit(t.elementOid);
    if (t.kind === 'e') enums[t.name] = t.labels ?? [];
    if (t.kind === 'd') {
      domains[t.name] = { baseType: name(t.baseOid), notNull: t.notNull };
      visit(t.baseOid);
    }
    if (t.kind === 'c' && t.fields) {
      composites[t.name] = t.fields.map((f) => ({ name: f.name, pgType: name(f.typeOid) }));
      t.fields.forEach((f) => visit(f.typeOid));
    }
  };
  for (const oid of usedTypeOids) visit(oid);
  return { enums: sortRecord(enums), domains: sortRecord(domains), composites: sortRecord(composites) };
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
