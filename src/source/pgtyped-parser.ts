/**
 * `@pgtyped/parser`, loaded on demand: it costs hundreds of milliseconds cold, so only projects
 * with pgtyped-format files pay for it. Kept free of other imports so the check for it is cheap.
 */
type PgtypedParser = typeof import('@pgtyped/parser');

let loaded: PgtypedParser | undefined;

export async function loadPgtypedParser(): Promise<void> {
  loaded ??= await import('@pgtyped/parser');
}

/** The parser, once loadPgtypedParser() has been awaited. */
export function pgtypedParser(): PgtypedParser {
  if (!loaded) throw new Error('internal: loadPgtypedParser() was not awaited before parsing a pgtyped file');
  return loaded;
}

/** A cheap test on the raw text: whether the file may need the pgtyped parser. */
export function mayBePgtypedFile(text: string): boolean {
  return /\/\*+\s*@name\s/.test(text);
}
