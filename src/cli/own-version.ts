/**
 * sqlsure's own version, read from the package.json next to dist/. yargs' `.version()` guesses
 * from the package.json above the node_modules holding yargs: the user's app once installed.
 */
import { readFileSync } from 'node:fs';

export function ownVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
