/**
 * Request/response bookkeeping over a WireChannel. Every request ends with exactly one Sync, so the
 * server answers each with exactly one ReadyForQuery: requests can be pipelined freely, and an
 * error only ever affects the request that caused it (the server skips to that request's Sync).
 */
import { serialize } from 'pg-protocol';
import type {
  BackendMessage,
  DataRowMessage,
  DatabaseError,
  ParameterDescriptionMessage,
  RowDescriptionMessage,
} from 'pg-protocol/dist/messages.js';
import type { WireChannel } from './wire-channel.js';

export interface DescribedField {
  name: string;
  /** OID of the origin table, 0 when the column is not a plain table column. */
  tableId: number;
  /** attnum in the origin table, 0 when none. */
  columnId: number;
  typeId: number;
}

export interface ServerError {
  message: string;
  code: string;
  /** 1-based character position in the statement, when the server reported one. */
  position?: number;
  hint?: string;
  detail?: string;
}

export type DescribeResult =
  | { ok: true; paramTypeIds: number[]; fields: DescribedField[] | null }
  | { ok: false; error: ServerError };

interface Pending {
  onMessage(message: BackendMessage): void;
  onReady(): void;
  onFailure(error: Error): void;
}

/** Statements in flight per connection; see bench/README.md for how it was chosen. */
export const DEFAULT_DESCRIBE_WINDOW = 256;

export class WireSession {
  readonly #channel: WireChannel;
  readonly #pending: Pending[] = [];
  #head = 0;
  #broken: Error | undefined;
  #parses = 0;

  constructor(channel: WireChannel) {
    this.#channel = channel;
    channel.onMessage((message) => this.#dispatch(message));
    channel.onFailure((error) => this.#fail(error));
  }

  /**
   * Describes every statement with Parse + Describe(statement) + Sync, keeping at most `window`
   * statements in flight so memory stays bounded however many queries there are.
   */
  describeAll(statements: readonly string[], window = DEFAULT_DESCRIBE_WINDOW): Promise<DescribeResult[]> {
    const results: DescribeResult[] = new Array(statements.length);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let done = 0;
      const sync = serialize.sync();
      const sendMore = (): void => {
        const until = Math.min(statements.length, done + window);
        if (sent >= until) return;
        const chunk: Buffer[] = [];
        for (; sent < until; sent++) {
          const index = sent;
          this.#parses++;
          chunk.push(serialize.parse({ text: statements[index]!, types: [] }), serialize.describe({ type: 'S' }), sync);
          this.#push(describeHandler((r) => {
            results[index] = r;
            done++;
            if (done === statements.length) resolve(results);
            else if (sent - done <= window / 2) sendMore();
          }, reject));
        }
        this.#channel.send(Buffer.concat(chunk));
      };
      if (statements.length === 0) resolve(results);
      else sendMore();
    });
  }

  /** Parse messages sent so far: how tests prove that an unchanged run described nothing. */
  get parsesSent(): number {
    return this.#parses;
  }

  /**
   * Runs one parameterless statement with the simple Query protocol (no Parse message at all);
   * returns rows of text values.
   */
  simpleQuery(text: string): Promise<Array<Array<string | null>>> {
    return this.#request(serialize.query(text));
  }

  /**
   * Runs one statement with text parameters; returns rows of text values. `settings` are in force
   * for this statement alone: each is a `set_config(name, value, true)` executed before it under
   * the same Sync, so in the same implicit transaction (no extra round trip; the settings end with
   * it, and a pooler's shared server connection keeps its own).
   */
  query(text: string, values: ReadonlyArray<string | null> = [], settings: Readonly<Record<string, string>> = {}): Promise<Array<Array<string | null>>> {
    const set = Object.entries(settings);
    this.#parses += 1 + set.length;
    const statement = (sql: string, params: ReadonlyArray<string | null>) => [
      serialize.parse({ text: sql, types: [] }),
      serialize.bind({ values: params as Array<string | null> }),
      serialize.execute({}),
    ];
    return this.#request(
      Buffer.concat([...set.flatMap(([name, value]) => statement('SELECT set_config($1, $2, true)', [name, value])), ...statement(text, values), serialize.sync()]),
      set.length,
    );
  }

  /** `skipped`: leading statements whose results are not the caller's (one CommandComplete each). */
  #request(bytes: Buffer, skipped = 0): Promise<Array<Array<string | null>>> {
    return new Promise((resolve, reject) => {
      const rows: Array<Array<string | null>> = [];
      let error: DatabaseError | undefined;
      let completed = 0;
      this.#push({
        onMessage(message) {
          if (message.name === 'dataRow') {
            if (completed >= skipped) rows.push((message as DataRowMessage).fields);
          } else if (message.name === 'commandComplete') completed++;
          else if (message.name === 'error') error = message as DatabaseError;
        },
        onReady() {
          if (error) reject(Object.assign(new Error(error.message), { code: error.code, position: error.position }));
          else resolve(rows);
        },
        onFailure: reject,
      });
      this.#channel.send(bytes);
    });
  }

  close(): Promise<void> {
    return this.#channel.close();
  }

  #push(pending: Pending): void {
    if (this.#broken) {
      const error = this.#broken;
      queueMicrotask(() => pending.onFailure(error));
      return;
    }
    this.#pending.push(pending);
  }

  #dispatch(message: BackendMessage): void {
    const current = this.#pending[this.#head];
    if (!current) return; // notices or parameter status between requests
    if (message.name === 'readyForQuery') {
      this.#pending[this.#head++] = undefined as unknown as Pending;
      if (this.#head > 1024 && this.#head * 2 > this.#pending.length) {
        this.#pending.splice(0, this.#head);
        this.#head = 0;
      }
      current.onReady();
    } else {
      current.onMessage(message);
    }
  }

  #fail(error: Error): void {
    this.#broken = error;
    const waiting = this.#pending.slice(this.#head);
    this.#pending.length = 0;
    this.#head = 0;
    for (const p of waiting) p.onFailure(error);
  }
}

/**
 * A Parse that got neither ParseComplete nor an error. PGlite does this when a statement is nested
 * deeply enough to overflow the JavaScript stack its WASM runs on: it swallows the RangeError
 * without PostgreSQL's error recovery, so the pipelined Describe then fails with `26000 unnamed
 * prepared statement does not exist` (how deep depends on how V8 compiled the WASM, hence
 * "intermittent"). A real server always answers a Parse.
 */
const UNANSWERED_PARSE: ServerError = {
  code: '54001',
  message: 'statement is nested too deeply: the database gave no answer to its Parse (PGlite ran out of stack)',
  hint: 'reduce the nesting (e.g. with a CTE), or prepare against a PostgreSQL server with DATABASE_URL',
};

function describeHandler(done: (result: DescribeResult) => void, fail: (error: Error) => void): Pending {
  let paramTypeIds: number[] = [];
  let fields: DescribedField[] | null = null;
  let error: ServerError | undefined;
  let parsed = false;
  return {
    onMessage(message) {
      switch (message.name) {
        case 'parseComplete':
          parsed = true;
          break;
        case 'parameterDescription':
          paramTypeIds = (message as ParameterDescriptionMessage).dataTypeIDs;
          break;
        case 'rowDescription':
          fields = (message as RowDescriptionMessage).fields.map((f) => ({
            name: f.name,
            tableId: f.tableID,
            columnId: f.columnID,
            typeId: f.dataTypeID,
          }));
          break;
        case 'error':
          error ??= toServerError(message as DatabaseError);
          break;
      }
    },
    onReady() {
      if (!parsed && (!error || error.code === '26000')) error = UNANSWERED_PARSE;
      done(error ? { ok: false, error } : { ok: true, paramTypeIds, fields });
    },
    onFailure: fail,
  };
}

function toServerError(e: DatabaseError): ServerError {
  return {
    message: e.message,
    code: e.code ?? 'XX000',
    ...(e.position ? { position: Number(e.position) } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
  };
}
