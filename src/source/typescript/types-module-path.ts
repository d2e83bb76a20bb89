/**
 * Where the generated types of a TypeScript source live: next to it, `src/users.ts` →
 * `src/users.types.ts`, as pgtyped writes them (so an existing pgtyped project's imports hold).
 */
import path from 'node:path';

const SOURCE_EXTENSION = /\.(m|c)?tsx?$/;

/** `src/users.ts` → `src/users.types.ts` (root-relative, `/`-separated). */
export function typesModulePath(sourceFile: string): string {
  return sourceFile.replace(SOURCE_EXTENSION, '') + '.types.ts';
}

/** What the source imports it as: `./users.types.js`. */
export function typesModuleSpecifier(sourceFile: string): string {
  return `./${path.posix.basename(typesModulePath(sourceFile)).replace(/\.ts$/, '.js')}`;
}

/** Whether a file is one sqlsure writes (never scanned as a source). */
export function isTypesModule(file: string): boolean {
  return /\.types\.ts$/.test(file);
}

export function isTypeScriptSource(file: string): boolean {
  return SOURCE_EXTENSION.test(file) && !/\.d\.(m|c)?ts$/.test(file);
}
