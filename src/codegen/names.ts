/**
 * Names in generated code. A query's name (`[A-Za-z_][A-Za-z0-9_]*`, checked by the source layer
 * and again when the cache is read) gives its exported function and types; every name codegen
 * invents for itself contains a `$`, which no query name can, so the two never meet.
 */
export { propertyAccess, propertyKey } from './escape.js';

/**
 * Words a function cannot be called (reserved, strict-mode and TypeScript-reserved words), and
 * lowercase globals generated code may rely on: these get a `Query` suffix.
 */
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval ' +
    'undefined globalThis require module exports').split(' '),
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

/** A module-level constant codegen declares for one query (`getUserById$sql`): never a user's name. */
export function localName(functionName: string, role: string): string {
  return `${functionName}$${role}`;
}
