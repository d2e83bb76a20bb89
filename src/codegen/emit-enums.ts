/**
 * `generated/_enums.ts`: every enum the queries use, as a string-literal union type and a `const`
 * array of its labels (in PostgreSQL's sort order), for validation, `<select>` options and
 * exhaustive switches. Query modules keep their unions inline, so they stay self-contained; the
 * types are identical, so either can be used in application code.
 */
import type { SchemaTypes } from '../cache/cache-entry.js';
import type { SourceProblem } from '../source/query-source.js';
import { commentText, stringLiteral } from './escape.js';
import { GENERATED_MARKER } from './write-modules.js';

export const ENUMS_MODULE = '_enums.ts';

export interface EmittedEnums {
  /** Undefined when the queries use no enum. */
  content: string | undefined;
  problems: SourceProblem[];
}

/** `user_status` → `UserStatus`, `auth.role` → `AuthRole`. */
export function enumTypeName(pgType: string): string {
  const name = pgType
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(name) || name === '' ? `Enum${name}` : name;
}

export function emitEnums(schema: SchemaTypes, cacheDir: string): EmittedEnums {
  const names = Object.keys(schema.enums).sort();
  if (names.length === 0) return { content: undefined, problems: [] };
  const problems: SourceProblem[] = [];
  const taken = new Map<string, string>();
  const blocks: string[] = [];
  for (const pgType of names) {
    const type = enumTypeName(pgType);
    const values = type[0]!.toLowerCase() + type.slice(1) + 'Values';
    if (taken.has(type)) {
      problems.push({
        file: `${cacheDir}/schema.json`,
        position: { line: 1, column: 1 },
        message: `enums ${taken.get(type)} and ${pgType} would both be named ${type} in ${ENUMS_MODULE}`,
        hint: 'rename one of the types in a migration',
      });
      continue;
    }
    taken.set(type, pgType);
    blocks.push(
      [
        `/** Labels of the PostgreSQL enum \`${commentText(pgType)}\`, in its sort order. */`,
        `export const ${values} = [${schema.enums[pgType]!.map((l) => stringLiteral(l)).join(', ')}] as const;`,
        `/** A value of the PostgreSQL enum \`${commentText(pgType)}\`. */`,
        `export type ${type} = (typeof ${values})[number];`,
      ].join('\n'),
    );
  }
  const header = `${GENERATED_MARKER} from the enums the queries use. Do not edit: run \`sqlsure prepare\`.`;
  return { content: `${header}\n\n${blocks.join('\n\n')}\n`, problems };
}
