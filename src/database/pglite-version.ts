/** The installed PGlite's version: a new PGlite may lay out its data directory, or describe, differently. */
import { installedVersion } from './installed-version.js';

export function pgliteVersion(): string {
  return installedVersion('@electric-sql/pglite');
}
