/** The `migrate info` table, plain text with aligned columns. */
import { formatDuration } from './format-duration.js';
import { shortChecksum } from '../migrator/migration-history.js';
import type { MigrationInfo } from './migration-info.js';

export function formatInfoTable(info: MigrationInfo): string {
  const header = ['VERSION', 'DESCRIPTION', 'STATUS', 'CHECKSUM', 'DURATION', 'NOTE'];
  const rows = info.entries.map((e) => {
    // The recorded checksum for what the database has; the file's for what it has not.
    const checksum = e.applied ? e.applied.checksum : e.local!.checksum;
    const note = [e.status === 'modified' ? `file now ${shortChecksum(e.local!.checksum)}` : e.note, e.local?.breaking ? 'breaking' : undefined].filter(Boolean).join('; ');
    return [String(e.version), e.description, e.status, shortChecksum(checksum), e.applied ? formatDuration(e.applied.executionTimeNs) : '', note];
  });
  const columns = header.map((_, i) => i).filter((i) => i < 5 || rows.some((r) => r[i])); // NOTE only when used
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => columns.map((col, j) => (j === columns.length - 1 ? cells[col]! : cells[col]!.padEnd(widths[col]!))).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line)];
  const counts = new Map<string, number>();
  for (const e of info.entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ') || 'no migrations';
  out.push('', `${summary} (table ${info.table}${info.tableExists ? '' : ', not created yet'})`);
  const floor = info.compatibilityFloor;
  if (floor) out.push(`compatibility floor: ${floor.version} (${floor.description}), the newest applied breaking migration; releases whose newest migration is older refuse to start`);
  return out.join('\n');
}

