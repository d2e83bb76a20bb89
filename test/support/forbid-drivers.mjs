// Loaded with `node --import`: makes any import of a database driver fail loudly, to prove that
// the offline commands never load one.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
const FORBIDDEN = /^(pg|pg-protocol|pg-types|@electric-sql\\/pglite)(\\/|$)/;
export async function resolve(specifier, context, next) {
  if (FORBIDDEN.test(specifier)) throw new Error('offline command imported a database driver: ' + specifier);
  return next(specifier, context);
}
`));
