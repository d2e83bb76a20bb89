/** Checksums that identify a migration's content in the bookkeeping table. */
import { createHash } from 'node:crypto';
import type { ChecksumMode } from './migration.js';

/**
 * `sqlx` hashes the raw bytes, exactly like sqlx, so an existing `_sqlx_migrations` table can be
 * adopted. `normalized` hashes the text without BOM and with LF line endings, so a CRLF checkout
 * of the same migration does not look modified.
 */
export function migrationChecksum(raw: Buffer, mode: ChecksumMode): Buffer {
  const bytes = mode === 'sqlx' ? raw : Buffer.from(normaliseMigrationText(raw.toString('utf8')), 'utf8');
  return createHash('sha384').update(bytes).digest();
}

/** The text sqlsure executes and locates errors in. */
export function normaliseMigrationText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export { shortChecksum } from '../migrator/migration-history.js';
