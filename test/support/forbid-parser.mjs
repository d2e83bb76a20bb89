// Loaded with `node --import`: makes any import of the SQL parser (libpg-query, WASM) fail
// loudly, to prove that runs with nothing new to parse never load it.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (/^libpg-query(\\/|$)/.test(specifier)) throw new Error('loaded the SQL parser: ' + specifier);
  return next(specifier, context);
}
`));
