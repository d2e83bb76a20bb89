/**
 * sqlx-compatible overrides written in a column alias: `"total!"` (non-null), `"note?"`
 * (nullable), `"meta: Meta"` (TypeScript type), combinable as `"meta!: Meta"`. The suffix never
 * reaches the row key.
 */
export interface AliasOverride {
  name: string;
  nullable?: boolean;
  tsType?: string;
}

export function parseColumnAlias(raw: string): AliasOverride {
  const colon = raw.indexOf(':');
  let head = colon >= 0 ? raw.slice(0, colon) : raw;
  const tsType = colon >= 0 ? raw.slice(colon + 1).trim() : undefined;
  head = head.trimEnd();
  let nullable: boolean | undefined;
  if (head.endsWith('!')) {
    nullable = false;
    head = head.slice(0, -1);
  } else if (head.endsWith('?')) {
    nullable = true;
    head = head.slice(0, -1);
  }
  return { name: head, ...(nullable !== undefined ? { nullable } : {}), ...(tsType ? { tsType } : {}) };
}
