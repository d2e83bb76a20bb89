/**
 * A folder sqlsure will create or write into must not be blocked by a file on its path: the
 * alternative is a raw `ENOTDIR … stat '<dir>/some-file.json'` deep inside a run.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config.js';

/** Throws a ConfigError (exit 2) naming the file that stands where a folder must be. */
export function assertCreatableFolder(dir: string, what: string, hint?: string): void {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    let stat;
    try {
      stat = statSync(at, { throwIfNoEntry: false });
    } catch {
      stat = undefined; // an ancestor is a file too: keep walking up to find it
    }
    if (stat) {
      if (stat.isDirectory()) return;
      const blocked = at === path.resolve(dir) ? `${at} is a file, not a folder` : `${at} is a file, so ${path.resolve(dir)} cannot be a folder`;
      throw new ConfigError(`${what}: ${blocked}${hint ? `; ${hint}` : ''}`);
    }
    if (path.dirname(at) === at) return;
  }
}
