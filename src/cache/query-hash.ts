/**
 * Identity of a query in the cache: everything in the source that affects what is described or
 * generated, and nothing else (moving a query within its file keeps its hash; `check` still
 * reports the stale `source` line).
 */
import { createHash } from 'node:crypto';
import type { QuerySource } from '../source/query-source.js';
import { CACHE_FORMAT_VERSION } from './cache-entry.js';

export function queryHash(query: Pick<QuerySource, 'file' | 'name' | 'cardinality' | 'sql'>): string {
  return createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT_VERSION, query.file, query.name, query.cardinality, query.sql]))
    .digest('hex');
}

export function cacheFileName(hash: string): string {
  return `query-${hash}.json`;
}
