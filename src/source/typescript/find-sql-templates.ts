/**
 * Finds `sql` tagged templates in one TypeScript source with the TypeScript compiler's parser
 * (syntax only: no program, no type checking). ts-morph wraps this same API; parsing alone is
 * all that is needed here, and loading ts-morph on top of the compiler costs more start-up time
 * for nothing, so the compiler is used directly. It is loaded only when `"sources"` is configured.
 *
 * A tag counts when it is the `sql` export of `@pgtyped/runtime` or `sqlsure/runtime` (pgtyped's
 * TS mode), or the `query` export of `sqlsure/runtime` (the native form: sqlsure's `.sql` syntax,
 * its types written in place by prepare), under whatever local name it was imported as.
 */
import type * as TS from 'typescript';

export const TAG_MODULES = ['@pgtyped/runtime', 'sqlsure/runtime'] as const;
export type TagModule = (typeof TAG_MODULES)[number];

/** `pgtyped`: `sql<IQuery>` with `$param` syntax. `native`: `query<{ … }>` with `:param` syntax. */
export type TemplateForm = 'pgtyped' | 'native';

export interface SqlTemplate {
  /** The `const` the template is assigned to, when it is. */
  variable?: string;
  /** Offset of the variable name (or of the tag) for errors about the query as a whole. */
  anchor: number;
  /** The type argument as written (`IFindUserByEmailQuery`), if any. */
  typeArgument?: { text: string; start: number; end: number };
  /** How many type arguments are written (a native template takes exactly one, or none yet). */
  typeArgumentCount: number;
  /** Offset just after the tag's name: where a missing type argument is inserted. */
  tagEnd: number;
  /** Where the tag was imported from. */
  module: TagModule;
  form: TemplateForm;
  /** The end of the `import` declaration the tag came from (a side-effect import goes after it). */
  importEnd: number;
  /** `[start, end)` of the text between the backticks (offsets in the text given). */
  start: number;
  end: number;
  /** Offsets of `${` in a template with substitutions. */
  substitutions: number[];
}

export interface TemplateScan {
  templates: SqlTemplate[];
  /**
   * Modules imported for their effect alone (`import './x.js'`): the only import of a module
   * without value exports that no compiler or bundler elides.
   */
  sideEffectImports: string[];
}

let ts: typeof TS | undefined;

export async function loadTypeScript(): Promise<void> {
  const loaded = (await import('typescript')) as unknown as { default?: typeof TS } & typeof TS;
  ts ??= loaded.default ?? loaded;
}

/** The compiler API loaded by loadTypeScript(). */
export function typescript(): typeof TS {
  if (!ts) throw new Error('internal: loadTypeScript() was not awaited');
  return ts;
}

/** Cheap test on the raw text: only such files are parsed. */
export function mayHoldSqlTemplates(text: string): boolean {
  return text.includes('`') && TAG_MODULES.some((m) => text.includes(m));
}

/** `text` is LF-normalised; offsets in the result index it. loadTypeScript() must have been awaited. */
export function findSqlTemplates(fileName: string, text: string): TemplateScan {
  if (!ts) throw new Error('internal: loadTypeScript() was not awaited');
  const t = ts;
  const source = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, true, fileName.endsWith('x') ? t.ScriptKind.TSX : t.ScriptKind.TS);
  const tags = new Map<string, { module: TagModule; form: TemplateForm; importEnd: number }>();
  const sideEffectImports: string[] = [];
  for (const statement of source.statements) {
    if (!t.isImportDeclaration(statement) || !t.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!clause) sideEffectImports.push(specifier);
    if (!(TAG_MODULES as readonly string[]).includes(specifier) || !clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (bindings && t.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        const imported = (element.propertyName ?? element.name).text;
        const form = imported === 'sql' ? 'pgtyped' : imported === 'query' && specifier === 'sqlsure/runtime' ? 'native' : undefined;
        if (form) tags.set(element.name.text, { module: specifier as TagModule, form, importEnd: statement.getEnd() });
      }
    }
  }
  const templates: SqlTemplate[] = [];
  if (tags.size === 0) return { templates, sideEffectImports };
  const visit = (node: TS.Node): void => {
    if (t.isTaggedTemplateExpression(node) && t.isIdentifier(node.tag) && tags.has(node.tag.text)) {
      const template = node.template;
      // The literal's text: after the opening backtick, before the closing one.
      const start = template.getStart(source) + 1;
      const end = template.getEnd() - 1;
      const substitutions = t.isTemplateExpression(template) ? template.templateSpans.map((s) => s.expression.getStart(source) - 2) : [];
      const declaration = t.isVariableDeclaration(node.parent) && t.isIdentifier(node.parent.name) ? node.parent.name : undefined;
      const typeArg = node.typeArguments?.[0];
      templates.push({
        ...(declaration ? { variable: declaration.text } : {}),
        anchor: declaration ? declaration.getStart(source) : node.tag.getStart(source),
        ...(typeArg ? { typeArgument: { text: typeArg.getText(source), start: typeArg.getStart(source), end: typeArg.getEnd() } } : {}),
        typeArgumentCount: node.typeArguments?.length ?? 0,
        tagEnd: node.tag.getEnd(),
        ...tags.get(node.tag.text)!,
        start,
        end: substitutions.length > 0 ? template.getEnd() - 1 : end,
        substitutions,
      });
    }
    t.forEachChild(node, visit);
  };
  visit(source);
  return { templates, sideEffectImports };
}
