/**
 * User types in overrides: names listed in config "imports" get an `import type` in the modules
 * that use them, and relative module paths — in "imports" and in inline `import('./x.js').T` —
 * are written relative to the project root and rewritten relative to each generated module.
 */
import path from 'node:path';
import { stringLiteral } from './escape.js';

const INLINE_IMPORT = /import\((['"])(\.{1,2}\/[^'"]*)\1\)/g;

/** Rewrites inline `import('./…')` specifiers for a module at `modulePath` (root-relative). */
export function relocateInlineImports(type: string, modulePath: string): string {
  return type.replace(INLINE_IMPORT, (_, quote: string, specifier: string) => `import(${quote}${relocate(specifier, modulePath)}${quote})`);
}

/** `import type` lines for the import-map names that occur in `types`, and the names they import. */
export function typeImportLines(types: Iterable<string>, imports: Readonly<Record<string, string>>, modulePath: string): { lines: string[]; names: string[] } {
  const text = [...types].join('\n');
  const bySpecifier = new Map<string, string[]>();
  for (const [name, specifier] of Object.entries(imports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text)) continue;
    const target = relocate(specifier, modulePath);
    bySpecifier.set(target, [...(bySpecifier.get(target) ?? []), name]);
  }
  const sorted = [...bySpecifier.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    lines: sorted.map(([specifier, names]) => `import type { ${names.join(', ')} } from ${stringLiteral(specifier, "'")};`),
    names: sorted.flatMap(([, names]) => names),
  };
}

/** A root-relative specifier (`./x.js`) as seen from the module at `modulePath`; a package's is kept. */
export function relocate(specifier: string, modulePath: string): string {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
  const relative = path.posix.relative(path.posix.dirname(modulePath), path.posix.normalize(specifier));
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Types sqlsure/runtime exports that a column or parameter type may mention. */
export const RUNTIME_TYPES = ['Interval', 'JsonParam', 'JsonValue'] as const;
/** Compiled once: every column and parameter type of every module is tested against them. */
const RUNTIME_TYPE_WORDS = RUNTIME_TYPES.map((t) => [t, new RegExp(`\\b${t}\\b`)] as const);

/**
 * What a module does with each TypeScript type it writes: relocate inline imports to the module's
 * folder, remember the type (for the import lines) and the runtime types it mentions.
 */
export function typeNoter(modulePath: string, used: string[], runtimeTypes: Set<string>): (type: string) => string {
  return (type) => {
    const relocated = relocateInlineImports(type, modulePath);
    used.push(relocated);
    for (const [t, word] of RUNTIME_TYPE_WORDS) if (word.test(relocated)) runtimeTypes.add(t);
    return relocated;
  };
}
