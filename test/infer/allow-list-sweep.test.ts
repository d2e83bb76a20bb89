/**
 * Every entry of the allow-lists in src/infer/engine/function-rules.ts is load-bearing: with the
 * name taken off its list, the golden case function-allow-lists, replayed offline from what
 * PostgreSQL reported (expected/describe.json), disagrees with its hand-written expectations.
 * Stryker's string and array mutants of that file are all module-level, so each one costs a whole
 * run of the engine scope's tests; this sweep makes the same deletions in one process, in seconds.
 * (allow-list-coverage.test.ts checks the case calls each name; this checks each call decides.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as rules from '../../src/infer/engine/function-rules.js';
import type { QuerySource } from '../../src/source/query-source.js';
import { parseExpectations, type QueryExpectations } from '../cases/expectations.js';
import { INPUTS_FILE, type EngineInputs } from '../cases/replay/engine-inputs.js';
import { caseQueries, inferFromInputs } from '../cases/replay/replay-case.js';

const CASE = 'function-allow-lists';
const CASE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases', CASE);

const LISTS = [
  'VALUE_FOR_VALUES', 'RANGE_AMBIGUOUS', 'VALUE_FOR_VALUES_OPERATORS', 'ALWAYS_VALUE_NO_ARGS', 'NON_STRICT_NEVER_NULL',
  'NULL_IFF_FIRST_ARG', 'RANKING_WINDOW', 'VALUE_OF_FRAME_ROW', 'SERIES_OF_VALUES', 'NON_NULL_OVER_NON_EMPTY',
  'NEVER_NULL_OVER_NON_EMPTY', 'NULL_REJECTING_OPERATORS',
] as const;

let queries: QuerySource[];
let inputs: EngineInputs;
let expectations: QueryExpectations[];

beforeAll(async () => {
  queries = await caseQueries(CASE_DIR);
  inputs = JSON.parse(readFileSync(path.join(CASE_DIR, INPUTS_FILE), 'utf8')) as EngineInputs;
  expectations = parseExpectations(readFileSync(path.join(CASE_DIR, 'queries.sql'), 'utf8'));
});

/**
 * Columns whose inferred nullability contradicts the case's `-- expect:` lines, in the queries
 * whose text mentions `mention` (a name off a list can only change the verdicts of those).
 */
function disagreements(mention = ''): string[] {
  const picked = queries.flatMap((q, i) => (q.statement.toLowerCase().includes(mention) ? [i] : []));
  const sub = { ...inputs, queries: picked.map((i) => inputs.queries[i]!) };
  const out: string[] = [];
  for (const entry of inferFromInputs(CASE, picked.map((i) => queries[i]!), sub)) {
    const stated = expectations.find((x) => x.query === entry.name);
    for (const column of entry.columns) {
      const kind = stated?.columns.find((c) => c.name === column.name)?.kind;
      if (kind === undefined) out.push(`${entry.name}.${column.name}: no expectation`);
      else if ((kind === 'non-null') === column.nullable) out.push(`${entry.name}.${column.name}`);
    }
  }
  return out;
}

/** The disagreements with `name` off `list`; the list is restored before returning. */
function without(list: Set<string>, name: string): string[] {
  list.delete(name);
  try {
    return disagreements(name);
  } finally {
    list.add(name);
  }
}

describe(`each allow-listed name decides a verdict of the ${CASE} case`, () => {
  it('the case agrees with its expectations as the lists stand', () => {
    expect(disagreements()).toEqual([]);
  });

  it.each(LISTS)('%s', (listName) => {
    const list = rules[listName] as Set<string>;
    expect(list.size).toBeGreaterThan(0);
    const unpinned = [...list].filter((name) => without(list, name).length === 0);
    expect(unpinned, `names of ${listName} whose removal no expectation notices`).toEqual([]);
  });

});
