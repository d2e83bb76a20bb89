/**
 * What the schema holds after each migration statement, learned from the statements' parse trees
 * alone (no database): which tables and views exist and their columns. Each relation and column is
 * an object, so a rename keeps its identity and "did this exist before the migration?" is a
 * membership test against the snapshot taken when the migration started.
 */
import { dropObjectKey, rangeVarKey, type RangeVarNode } from './relation-name.js';

export interface ColumnState {
  name: string;
}

export interface RelationState {
  kind: 'table' | 'view';
  columns: Map<string, ColumnState>;
  /** CHECK (col IS NOT NULL) constraints by name: with one validated, SET NOT NULL skips its scan (PostgreSQL 12+). */
  notNullChecks: Map<string, { column: string; valid: boolean }>;
}

/** The column a `CHECK (col IS NOT NULL)` constraint proves, if that is what it is. */
function notNullCheckColumn(constraint: Node | undefined): string | undefined {
  if (constraint?.contype !== 'CONSTR_CHECK') return undefined;
  const test = (constraint.raw_expr as Node | undefined)?.NullTest as { nulltesttype?: string; arg?: Node } | undefined;
  const fields = (test?.arg?.ColumnRef as { fields?: Array<{ String?: { sval?: string } }> } | undefined)?.fields;
  return test?.nulltesttype === 'IS_NOT_NULL' && fields?.length === 1 ? fields[0]!.String?.sval : undefined;
}

type Node = Record<string, unknown>;

export class SchemaTracker {
  readonly relations = new Map<string, RelationState>();

  /** The relations and columns existing now: what "existed before this migration" is checked against. */
  snapshot(): SchemaSnapshot {
    const relations = new Set<RelationState>();
    const columns = new Set<ColumnState>();
    for (const r of this.relations.values()) {
      relations.add(r);
      for (const c of r.columns.values()) columns.add(c);
    }
    return new SchemaSnapshot(this, relations, columns);
  }

  /** Updates the schema with one statement (`{ CreateStmt: {…} }`). */
  apply(node: Node): void {
    const [kind, body] = Object.entries(node)[0] ?? [];
    const b = (body ?? {}) as Node;
    switch (kind) {
      case 'CreateStmt': {
        const key = rangeVarKey(b.relation as RangeVarNode);
        if (!key || (b.if_not_exists && this.relations.has(key))) return;
        const columns = new Map<string, ColumnState>();
        const notNullChecks = new Map<string, { column: string; valid: boolean }>();
        for (const e of (b.tableElts as Node[] | undefined) ?? []) {
          const name = (e.ColumnDef as { colname?: string } | undefined)?.colname;
          if (name) columns.set(name, { name });
          const proven = notNullCheckColumn(e.Constraint as Node | undefined);
          if (proven) notNullChecks.set(String((e.Constraint as Node).conname ?? `#${notNullChecks.size}`), { column: proven, valid: true });
        }
        this.relations.set(key, { kind: 'table', columns, notNullChecks });
        return;
      }
      case 'CreateTableAsStmt': {
        const into = b.into as { rel?: RangeVarNode; colNames?: Array<{ String?: { sval?: string } }> } | undefined;
        const key = rangeVarKey(into?.rel);
        if (!key || (b.if_not_exists && this.relations.has(key))) return;
        const columns = new Map<string, ColumnState>();
        for (const c of into?.colNames ?? []) if (c.String?.sval) columns.set(c.String.sval, { name: c.String.sval });
        this.relations.set(key, { kind: b.objtype === 'OBJECT_MATVIEW' ? 'view' : 'table', columns, notNullChecks: new Map() });
        return;
      }
      case 'ViewStmt': {
        const key = rangeVarKey(b.view as RangeVarNode);
        if (!key) return;
        // CREATE OR REPLACE VIEW keeps the view (and what depends on it).
        if (!this.relations.has(key)) this.relations.set(key, { kind: 'view', columns: new Map(), notNullChecks: new Map() });
        return;
      }
      case 'DropStmt': {
        if (!['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'].includes(b.removeType as string)) return;
        for (const o of (b.objects as unknown[] | undefined) ?? []) {
          const key = dropObjectKey(o);
          if (key) this.relations.delete(key);
        }
        return;
      }
      case 'RenameStmt': {
        const key = rangeVarKey(b.relation as RangeVarNode);
        const target = key ? this.relations.get(key) : undefined;
        if (!key || !target || typeof b.newname !== 'string') return;
        if (['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'].includes(b.renameType as string)) {
          this.relations.delete(key);
          this.relations.set(`${key.slice(0, key.lastIndexOf('.'))}.${b.newname}`, target);
        } else if (b.renameType === 'OBJECT_COLUMN' && typeof b.subname === 'string') {
          const column = target.columns.get(b.subname);
          if (!column) return;
          target.columns.delete(b.subname);
          column.name = b.newname;
          target.columns.set(b.newname, column);
        }
        return;
      }
      case 'AlterObjectSchemaStmt': {
        const key = rangeVarKey(b.relation as RangeVarNode);
        const target = key ? this.relations.get(key) : undefined;
        if (!key || !target || typeof b.newschema !== 'string') return;
        this.relations.delete(key);
        this.relations.set(`${b.newschema}.${key.slice(key.lastIndexOf('.') + 1)}`, target);
        return;
      }
      case 'AlterTableStmt': {
        const target = this.relations.get(rangeVarKey(b.relation as RangeVarNode) ?? '');
        if (!target) return;
        for (const c of (b.cmds as Array<{ AlterTableCmd?: Node }> | undefined) ?? []) {
          const cmd = c.AlterTableCmd ?? {};
          if (cmd.subtype === 'AT_AddColumn') {
            const name = ((cmd.def as Node | undefined)?.ColumnDef as { colname?: string } | undefined)?.colname;
            if (name && !target.columns.has(name)) target.columns.set(name, { name });
          } else if (cmd.subtype === 'AT_DropColumn' && typeof cmd.name === 'string') {
            target.columns.delete(cmd.name);
          } else if (cmd.subtype === 'AT_AddConstraint') {
            const constraint = (cmd.def as Node | undefined)?.Constraint as Node | undefined;
            const proven = notNullCheckColumn(constraint);
            if (proven) target.notNullChecks.set(String(constraint!.conname ?? `#${target.notNullChecks.size}`), { column: proven, valid: constraint!.skip_validation !== true });
          } else if (cmd.subtype === 'AT_ValidateConstraint' && typeof cmd.name === 'string') {
            const check = target.notNullChecks.get(cmd.name);
            if (check) check.valid = true;
          } else if (cmd.subtype === 'AT_DropConstraint' && typeof cmd.name === 'string') {
            target.notNullChecks.delete(cmd.name);
          }
        }
        return;
      }
    }
  }
}

/** The schema as it was when a migration started, compared with the tracker as it is now. */
export class SchemaSnapshot {
  readonly #tracker: SchemaTracker;
  readonly #relations: Set<RelationState>;
  readonly #columns: Set<ColumnState>;

  constructor(tracker: SchemaTracker, relations: Set<RelationState>, columns: Set<ColumnState>) {
    this.#tracker = tracker;
    this.#relations = relations;
    this.#columns = columns;
  }

  /** The relation (under its current name) existed before the migration: it may be big and busy. */
  existedBefore(key: string | undefined): boolean {
    const r = key ? this.#tracker.relations.get(key) : undefined;
    return r !== undefined && this.#relations.has(r);
  }

  columnExistedBefore(key: string | undefined, column: string): boolean {
    const c = key ? this.#tracker.relations.get(key)?.columns.get(column) : undefined;
    return c !== undefined && this.#columns.has(c);
  }

  /** The column was added by this migration (unknown columns are taken as old: that errs towards a finding). */
  columnIsNew(key: string | undefined, column: string): boolean {
    const c = key ? this.#tracker.relations.get(key)?.columns.get(column) : undefined;
    return c !== undefined && !this.#columns.has(c);
  }

  /** A validated CHECK (column IS NOT NULL) exists now: SET NOT NULL needs no scan. */
  provenNotNull(key: string | undefined, column: string): boolean {
    const r = key ? this.#tracker.relations.get(key) : undefined;
    return r !== undefined && [...r.notNullChecks.values()].some((c) => c.valid && c.column === column);
  }

  /** The relation's current columns, when known. */
  columnsOf(key: string): ReadonlySet<string> | undefined {
    const r = this.#tracker.relations.get(key);
    return r ? new Set(r.columns.keys()) : undefined;
  }
}
