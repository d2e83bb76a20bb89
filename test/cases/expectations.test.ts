/**
 * The golden verdicts against hand-written truth, with no database: every column and parameter of
 * every query in every case carries an `-- expect:` line in its queries.sql, and each one must agree
 * with expected/verdicts.json (which cases.test.ts proves is what the engine says on real
 * PostgreSQL). Together: the engine is checked against what a person reasoned PostgreSQL can return.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { queryHash } from '../../src/cache/query-hash.js';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { compareWithVerdicts, ExpectationSyntaxError, parseExpectations, type RecordedVerdicts } from './expectations.js';

const CASES_DIR = path.dirname(fileURLToPath(import.meta.url));
const caseNames = readdirSync(CASES_DIR)
  .filter((name) => statSync(path.join(CASES_DIR, name)).isDirectory() && existsSync(path.join(CASES_DIR, name, 'queries.sql')))
  .sort();

const read = (name: string, file: string): string => readFileSync(path.join(CASES_DIR, name, file), 'utf8');

describe('hand-written expectations of the golden cases', () => {
  it('covers a real corpus', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(200);
  });

  it('agree with every recorded verdict, column and parameter, in every case', () => {
    const problems: string[] = [];
    let columns = 0;
    for (const name of caseNames) {
      let verdicts: Record<string, RecordedVerdicts>;
      try {
        verdicts = JSON.parse(read(name, path.join('expected', 'verdicts.json'))) as Record<string, RecordedVerdicts>;
      } catch (err) {
        problems.push(`${name}: expected/verdicts.json unreadable: ${(err as Error).message}`);
        continue;
      }
      try {
        const expectations = parseExpectations(read(name, 'queries.sql'));
        for (const p of compareWithVerdicts(expectations, verdicts)) problems.push(`${name}/${p}`);
        for (const e of expectations) columns += e.columns.length;
      } catch (err) {
        problems.push(`${name}/queries.sql ${(err as Error).message}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(columns).toBeGreaterThan(600);
  });

  it('never calls a column non-null where a NULL was observed', () => {
    const clashes: string[] = [];
    for (const name of caseNames) {
      const verdicts = JSON.parse(read(name, path.join('expected', 'verdicts.json'))) as Record<string, RecordedVerdicts>;
      for (const e of parseExpectations(read(name, 'queries.sql'))) {
        for (const c of e.columns) {
          const v = verdicts[e.query]?.columns[c.name];
          if (c.kind === 'non-null' && v?.startsWith('nullable (null observed)')) clashes.push(`${name}/${e.query}.${c.name}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives every over-nullable verdict an allow-list entry with a reason', () => {
    const unexplained: string[] = [];
    for (const name of caseNames) {
      const verdicts = JSON.parse(read(name, path.join('expected', 'verdicts.json'))) as Record<string, RecordedVerdicts>;
      const expectations = parseExpectations(read(name, 'queries.sql'));
      for (const [query, recorded] of Object.entries(verdicts)) {
        for (const [column, verdict] of Object.entries(recorded.columns)) {
          if (!verdict.startsWith('nullable (never null on seed)')) continue;
          const x = expectations.find((e) => e.query === query)?.columns.find((c) => c.name === column);
          if (x?.kind !== 'over-nullable') unexplained.push(`${name}/${query}.${column}`);
        }
      }
    }
    expect(unexplained).toEqual([]);
  });
});

describe('expectation syntax', () => {
  const file = [
    '-- The rule.',
    '',
    '-- name: Q :many',
    '-- expect: id non-null, "odd, name" nullable',
    '-- expect: note over-nullable (reason: never NULL, because (nested) reasons, with commas)',
    '-- expect params: userId non-null, since nullable',
    'SELECT 1;',
    '',
    '-- name: NoParams :one',
    '-- expect: x non-null',
    '-- expect params: none',
    'SELECT 2 AS x;',
  ].join('\n');

  it('reads columns, parameters and reasons', () => {
    const [q, noParams] = parseExpectations(file);
    expect(q).toEqual({
      query: 'Q',
      line: 3,
      columns: [
        { name: 'id', kind: 'non-null' },
        { name: 'odd, name', kind: 'nullable' },
        { name: 'note', kind: 'over-nullable', reason: 'never NULL, because (nested) reasons, with commas' },
      ],
      params: [
        { name: 'userId', kind: 'non-null' },
        { name: 'since', kind: 'nullable' },
      ],
      paramsWritten: true,
    });
    expect(noParams).toMatchObject({ query: 'NoParams', columns: [{ name: 'x', kind: 'non-null' }], params: [], paramsWritten: true });
  });

  it.each([
    ['-- name: Q\nSELECT 1;\n-- expect: a non-null', /must follow its `-- name:` line/],
    ['-- name: Q\n-- expect: a maybe', /cannot read "a maybe"/],
    ['-- name: Q\n-- expect: a over-nullable (reason: )', /cannot read|needs a real reason/],
    ['-- name: Q\n-- expect: a over-nullable', /cannot read/],
    ['-- name: Q\n-- expect: a non-null,, b nullable', /empty item/],
    ['-- name: Q\n-- expect: a non-null, a nullable', /a has two expectations/],
    ['-- name: Q\n-- expects: a non-null', /not an expectation line/],
    ['-- name: Q\n-- expect params: p over-nullable (reason: long enough reason)', /use non-null or nullable/],
    ['-- name: Q\n-- expect: a over-nullable (reason: unbalanced', /unbalanced/],
  ])('rejects %j', (text, message) => {
    expect(() => parseExpectations(text)).toThrow(ExpectationSyntaxError);
    expect(() => parseExpectations(text)).toThrow(message);
  });

  it('reports every kind of disagreement with recorded verdicts', () => {
    const expectations = parseExpectations(
      ['-- name: Q', '-- expect: a non-null, b nullable, c over-nullable (reason: a long enough reason), gone non-null', '-- expect params: p nullable', 'SELECT 1;'].join('\n'),
    );
    const problems = compareWithVerdicts(expectations, {
      Q: {
        columns: { a: 'nullable (null observed): x', b: 'nullable (never null on seed): y', c: 'non-null', d: 'non-null' },
        params: { p: 'non-null', q: 'nullable' },
      },
      Other: { columns: {}, params: {} },
    });
    expect(problems).toEqual([
      'Q.a: expected non-null but a NULL was observed (nullable (null observed): x)',
      'Q.b: expected nullable, recorded nullable (never null on seed): y',
      'Q.c: expected over-nullable, recorded non-null',
      'Q.d: no expectation (recorded: non-null)',
      'Q.gone: expectation for a column the query does not return',
      'Q: parameter p expected nullable, recorded non-null',
      'Q: parameter q has no expectation (recorded: nullable)',
      'Other: no "-- expect:" lines',
    ]);
  });

  it('requires an "-- expect params:" line when the query has parameters', () => {
    const problems = compareWithVerdicts(parseExpectations('-- name: Q\n-- expect: a non-null\nSELECT 1;'), {
      Q: { columns: { a: 'non-null' }, params: { p: 'non-null' } },
    });
    expect(problems).toContain('Q: no "-- expect params:" line for p');
  });

  it('is invisible to sqlsure: same statement, text, parameters and cache hash as without the lines', () => {
    const withLines = parseQueryFile('q.sql', file);
    const without = parseQueryFile('q.sql', file.split('\n').filter((l) => !l.startsWith('-- expect')).join('\n'));
    expect(withLines.problems).toEqual([]);
    const strip = (q: (typeof withLines.queries)[number]) => ({ name: q.name, sql: q.sql, statement: q.statement, params: q.params, overrides: q.overrides });
    expect(withLines.queries.map(strip)).toEqual(without.queries.map(strip));
    expect(withLines.queries.map((q) => q.sql)).toEqual(['SELECT 1', 'SELECT 2 AS x']);
    expect(withLines.queries.map(queryHash)).toEqual(without.queries.map(queryHash));
  });

  it('is invisible to sqlsure in every golden case (no expectation text leaks into a statement)', () => {
    for (const name of caseNames) {
      const parsed = parseQueryFile('queries/queries.sql', read(name, 'queries.sql'));
      expect(parsed.problems, name).toEqual([]);
      for (const q of parsed.queries) expect(q.statement, `${name}/${q.name}`).not.toMatch(/--\s*expect/i);
    }
  });
});
