/**
 * Mutated query files (deterministic seed): whatever the text, parsing yields queries and
 * located problems, never a raw JavaScript error or a leaked library message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadPgtypedParser } from '../../src/source/pgtyped-parser.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => Promise.all([loadSqlParser(), loadPgtypedParser()]));

const SEEDS = [
  `-- name: GetUser :one
SELECT id, email AS "email!", 'a:b' AS s FROM users WHERE id = :id! AND note <> $$ :x $$;

-- name: ListUsers :many
SELECT u.id, /* c */ d.name FROM users u LEFT JOIN devices d ON d.user_id = u.id WHERE u.id = ANY(:ids) LIMIT :limit;

-- name: InsertMany :exec
INSERT INTO t (a, b) VALUES :rows;
`,
  `/* @name FindBook :maybe */
SELECT * FROM books WHERE id = :id!;

/*
  @name InsertBooks
  @param books -> ((rank!, name)...)
*/
INSERT INTO books (rank, name) VALUES :books RETURNING id;
`,
  `SELECT E'it\\'s', "quoted ""id""", $tag$ body $tag$, B'0101', X'ff', U&'\\0041'
FROM t -- trailing
WHERE a::text = 'é😀' AND b = :p`,
];

/** Fragments that stress the lexer and the block splitter. */
const NASTY = ["'", '"', '$$', '$t$', '/*', '*/', '--', '\n', ';', ':', '::', '!', '?', '\u0000', '\u0001', '\u001b', '\f', '\v', '\r', '\u2028', '\uFEFF', 'é', '😀', '\ud800', '\\', 'E\'', 'U&"', '123abc', '""', '\n-- name: X :one\n', '/* @name Y */', '\n-- name: ', ' :one', '(', ')', '[', ']'];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    if (kind < 0.6) out = out.slice(0, at) + NASTY[Math.floor(random() * NASTY.length)] + out.slice(at);
    else if (kind < 0.8) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 12));
    else if (kind < 0.9) out = out.slice(0, at);
    else out = out.slice(0, at) + out.slice(Math.floor(random() * out.length));
  }
  return out;
}

const LEAKS = /is not valid JSON|Unexpected token|cannot tokenize|Bad control character|undefined|\[object|TypeError|RangeError|internal:/;

describe('fuzzed query files', () => {
  it('always yield queries and located problems, never a raw error', () => {
    const random = mulberry32(20261130);
    let withProblems = 0;
    let withQueriesAndProblems = 0;
    for (let n = 0; n < 400; n++) {
      const text = mutate(SEEDS[n % SEEDS.length]!, random);
      let r: ReturnType<typeof parseQueryFile>;
      try {
        r = parseQueryFile(`queries/f${n}.sql`, text);
      } catch (err) {
        throw new Error(`file ${n} ${JSON.stringify(text)} threw: ${(err as Error).stack}`);
      }
      const lineCount = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/).length;
      for (const p of r.problems) {
        const where = `file ${n} ${JSON.stringify(text)}: ${JSON.stringify(p)}`;
        expect(p.message, where).not.toMatch(LEAKS);
        expect(p.message.length, where).toBeGreaterThan(0);
        expect(p.file, where).toBe(`queries/f${n}.sql`);
        expect(p.position.line, where).toBeGreaterThanOrEqual(1);
        expect(p.position.line, where).toBeLessThanOrEqual(lineCount);
        expect(p.position.column, where).toBeGreaterThanOrEqual(1);
      }
      for (const q of r.queries) {
        expect(q.name, `file ${n}`).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(q.statement.length, `file ${n}`).toBeGreaterThan(0);
      }
      // Every block is accounted for: it became a query or there is a problem saying why not.
      if (r.queries.length < r.blockCount) expect(r.problems.length, `file ${n} ${JSON.stringify(text)}`).toBeGreaterThan(0);
      if (r.problems.length) withProblems++;
      if (r.problems.length && r.queries.length) withQueriesAndProblems++;
    }
    // The corpus really is hostile, and broken files still give up their good queries.
    expect(withProblems).toBeGreaterThan(100);
    expect(withQueriesAndProblems).toBeGreaterThan(30);
  });
});
