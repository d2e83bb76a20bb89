/**
 * Identity of a query in the cache: everything in the source that affects what is described or
 * generated, and nothing else (moving a query within its file keeps its hash; `check` still
 * reports the stale `source` line).
 */
import * as crypto from 'node:crypto';
import type { QuerySource } from '../source/query-source.js';
import { CACHE_FORMAT_VERSION } from './cache-entry.js';

export function queryHash(query: Pick<QuerySource, 'file' | 'name' | 'cardinality' | 'sql' | 'declarations' | 'cardinalityDefaulted'>): string {
  const identity: unknown[] = [CACHE_FORMAT_VERSION, query.file, query.name, query.cardinality, query.sql];
  // pgtyped files: `@param` lines sit outside the SQL but change the statement, and an unwritten
  // cardinality may become :exec. Absent for native files, whose hashes stay what they were.
  if (query.declarations?.length || query.cardinalityDefaulted) {
    identity.push({ declarations: query.declarations ?? [], cardinalityDefaulted: query.cardinalityDefaulted ?? false });
  }
  return sha256Hex(JSON.stringify(identity));
}

export function cacheFileName(hash: string): string {
  return `query-${hash}.json`;
}

/** Node's one-shot crypto.hash (20.12+) is several times cheaper than createHash for small inputs. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
