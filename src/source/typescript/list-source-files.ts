/**
 * Every file the `"sources"` globs match — TypeScript sources and the types modules beside them —
 * as root-relative `/` paths, sorted. One search, shared by the run that reads the sources and by
 * the test that proves nothing among them changed, so both see the same list.
 */
import { glob } from 'tinyglobby';

export async function listSourceFiles(root: string, globs: readonly string[], exclude: readonly string[] = []): Promise<string[]> {
  if (globs.length === 0) return [];
  const found = await glob([...globs], {
    cwd: root,
    onlyFiles: true,
    ignore: ['**/node_modules/**', ...exclude.map((d) => `${d.replace(/\/$/, '')}/**`)],
  });
  return found.sort();
}
