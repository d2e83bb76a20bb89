/**
 * What each statement of a migration changes, read from PostgreSQL's own parse tree: the
 * relations it alters, drops or renames, the columns it drops, retypes, renames or makes nullable,
 * the types it drops or alters. verify uses it to name the migration that most likely broke a
 * query of the previous release.
 */
import { parseSql } from '../source/sql-scanner.js';

export interface StatementTouch {
  /** 1-based line of the statement in the migration file. */
  line: number;
  /** The statement's first line, for messages. */
  summary: string;
  /** Relations named anywhere in the statement (unqualified, as written). */
  relations: Set<string>;
  /** Relations the statement alters, drops or renames (its target). */
  targets: Set<string>;
  /** `table.column` pairs it drops, retypes, renames or changes the nullability or default of. */
  columns: Set<string>;
  /** Types or domains it drops or alters. */
  types: Set<string>;
  /** DROP … CASCADE: it may remove objects it does not name (views over a dropped column). */
  cascades: boolean;
}

type Node = Record<string, unknown>;

/** An unparsable migration touches nothing we can name (applying it already failed loudly). */
export function migrationTouches(sql: string): StatementTouch[] {
  const parsed = parseSql(sql);
  if (!parsed.ok) return [];
  return (parsed.result.stmts ?? []).map((raw) => {
    const start = firstCode(sql, parsed.toChar(raw.stmt_location ?? 0));
    const touch: StatementTouch = {
      line: sql.slice(0, start).split('\n').length,
      summary: sql.slice(start).split('\n')[0]!.trim().replace(/;$/, ''),
      relations: new Set(),
      targets: new Set(),
      columns: new Set(),
      types: new Set(),
      cascades: false,
    };
    const stmt = raw.stmt as unknown as Node;
    walk(stmt, (node) => {
      const rel = node.relname;
      if (typeof rel === 'string') touch.relations.add(rel);
      if (node.behavior === 'DROP_CASCADE') touch.cascades = true;
    });
    readTargets(stmt, touch);
    return touch;
  });
}

function readTargets(stmt: Node, touch: StatementTouch): void {
  const [kind, body] = Object.entries(stmt)[0] as [string, Node];
  const relname = (body.relation as Node | undefined)?.relname as string | undefined;
  switch (kind) {
    case 'AlterTableStmt': {
      if (!relname) return;
      touch.targets.add(relname);
      for (const cmd of (body.cmds as Node[] | undefined) ?? []) {
        const name = (cmd.AlterTableCmd as Node | undefined)?.name;
        if (typeof name === 'string') touch.columns.add(`${relname}.${name}`);
      }
      return;
    }
    case 'RenameStmt': {
      if (relname) {
        touch.targets.add(relname);
        if (typeof body.subname === 'string') touch.columns.add(`${relname}.${body.subname}`);
      } else {
        // ALTER TYPE … RENAME, ALTER DOMAIN … RENAME: the object is a name list.
        const names = strings(body.object);
        if (names.length) touch.types.add(names[names.length - 1]!);
      }
      return;
    }
    case 'DropStmt': {
      const isType = body.removeType === 'OBJECT_TYPE' || body.removeType === 'OBJECT_DOMAIN';
      for (const object of (body.objects as Node[] | undefined) ?? []) {
        const names = strings(object);
        const last = names[names.length - 1];
        if (!last) continue;
        (isType ? touch.types : touch.targets).add(last);
      }
      return;
    }
    case 'AlterEnumStmt':
    case 'AlterDomainStmt': {
      const names = strings(body.typeName);
      if (names.length) touch.types.add(names[names.length - 1]!);
      return;
    }
    case 'ViewStmt': {
      // CREATE OR REPLACE VIEW changes what the view returns.
      const view = (body.view as Node | undefined)?.relname;
      if (typeof view === 'string' && body.replace) touch.targets.add(view);
      return;
    }
  }
}

function strings(node: unknown): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    const s = (n.String as Node | undefined)?.sval;
    if (typeof s === 'string') out.push(s);
  });
  return out;
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  visit(node as Node);
  for (const value of Object.values(node)) walk(value, visit);
}

/** Skips the blanks and comments between the previous statement's `;` and this one. */
function firstCode(sql: string, from: number): number {
  let at = from;
  for (;;) {
    while (at < sql.length && /\s/.test(sql[at]!)) at++;
    if (sql.startsWith('--', at)) {
      const eol = sql.indexOf('\n', at);
      at = eol < 0 ? sql.length : eol + 1;
    } else if (sql.startsWith('/*', at)) {
      const end = sql.indexOf('*/', at + 2);
      at = end < 0 ? sql.length : end + 2;
    } else return at;
  }
}
