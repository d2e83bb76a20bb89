/** The native query<…> type argument follows the .sql modules for `:name?`: an optional property. */
import { describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { DEFAULT_CODEGEN_OPTIONS } from '../../src/codegen/codegen-options.js';
import { nativeTypeMembers, oneLine } from '../../src/codegen/native-type-argument.js';

const entry: CacheEntry = {
  version: 1,
  hash: '0'.repeat(64),
  name: 'FindNotes',
  source: 'src/notes.ts:3',
  cardinality: 'many',
  sql: 'SELECT id FROM notes WHERE (:title?::text IS NULL OR title = :title) AND id > :after AND kind = :kind!',
  statement: 'SELECT id FROM notes WHERE ($1::text IS NULL OR title = $1) AND id > $2 AND kind = $3',
  params: [
    { name: 'title', pgType: 'text', nullable: true, optional: true },
    { name: 'after', pgType: 'int4', nullable: true },
    { name: 'kind', pgType: 'text', nullable: false },
  ],
  columns: [{ name: 'id', pgType: 'int4', nullable: false }],
};

describe('native type argument', () => {
  it('writes :title? as title?: string | null and keeps the others required', () => {
    const text = oneLine(nativeTypeMembers(entry, { enums: {}, domains: {}, composites: {} }, DEFAULT_CODEGEN_OPTIONS, 'src/notes.types.ts'));
    expect(text).toContain('params: { title?: string | null; after: number | null; kind: string }');
  });
});
