// Loaded with `node --import`: makes any import of the TypeScript compiler fail loudly, to prove
// that a run over "sources" with nothing changed never parses them.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (/^typescript(\\/|$)/.test(specifier)) throw new Error('loaded the TypeScript parser: ' + specifier);
  return next(specifier, context);
}
`));
