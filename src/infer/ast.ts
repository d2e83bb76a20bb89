/** Loose access to libpg-query's JSON AST: nodes are `{ NodeType: { ...fields } }`. */
// The AST is deep and open-ended; a structural record keeps the walkers readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = Record<string, any>;

/** Returns `[type, fields]` of a wrapped node such as `{ ColumnRef: {...} }`. */
export function unwrap(node: AstNode | undefined): [string, AstNode] | undefined {
  if (!node) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  return [keys[0]!, node[keys[0]!] as AstNode];
}

export function stringValue(node: AstNode | undefined): string | undefined {
  return node?.String?.sval as string | undefined;
}
