// Loaded with `node --import`: any import of PGlite fails loudly, to prove that a run reported
// what it had to report (a migration that does not parse) without loading, let alone starting, it.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (/^@electric-sql\\/pglite(\\/|$)/.test(specifier)) throw new Error('PGlite was loaded: ' + specifier);
  return next(specifier, context);
}
`));
