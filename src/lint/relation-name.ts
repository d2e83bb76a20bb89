/** Tables are keyed `schema.name`, as PostgreSQL folded them; unqualified names are `public`. */

export interface RangeVarNode {
  schemaname?: string;
  relname?: string;
  alias?: { aliasname?: string };
}

export function relationKey(schema: string | undefined, name: string): string {
  return `${schema ?? 'public'}.${name}`;
}

export function rangeVarKey(r: RangeVarNode | undefined): string | undefined {
  return r?.relname ? relationKey(r.schemaname, r.relname) : undefined;
}

/** `users` or `auth.users` (as a cache entry's `origin.table` is written) → key. */
export function qualifiedNameKey(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? relationKey(undefined, name) : relationKey(name.slice(0, dot), name.slice(dot + 1));
}

/** How a key is shown: `users`, `auth.users`. */
export function shownRelation(key: string): string {
  return key.startsWith('public.') ? key.slice('public.'.length) : key;
}

/** A DropStmt object: `{ List: { items: [{ String: { sval } }, …] } }` → key. */
export function dropObjectKey(object: unknown): string | undefined {
  const items = (object as { List?: { items?: Array<{ String?: { sval?: string } }> } })?.List?.items ?? [];
  const names = items.map((i) => i.String?.sval).filter((s): s is string => typeof s === 'string');
  if (names.length === 0) return undefined;
  const name = names[names.length - 1]!;
  return relationKey(names.length >= 2 ? names[names.length - 2] : undefined, name);
}
