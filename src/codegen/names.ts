/** Identifiers in generated code. */

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval').split(' '),
);

/** `GetUserById` → `getUserById`; reserved words get a `Query` suffix (`Delete` → `deleteQuery`). */
export function functionName(queryName: string): string {
  const name = queryName[0]!.toLowerCase() + queryName.slice(1);
  return RESERVED.has(name) ? `${name}Query` : name;
}

/** `getUserById` → `GetUserById` for `Params` / `Row` type names. */
export function typeName(queryName: string): string {
  return queryName[0]!.toUpperCase() + queryName.slice(1);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is an identifier, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** An expression reading `name` from `params`. */
export function propertyAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}
