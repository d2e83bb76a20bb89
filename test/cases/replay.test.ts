/**
 * The golden cases without a database: inference re-run from the Describe results and catalog
 * facts PostgreSQL gave when each case was recorded (replay/engine-inputs.ts), compared with the
 * case's hand-written `-- expect:` lines and with expected/verdicts.json. Fast enough to run for
 * every mutant in `npm run mutate`; cases.test.ts remains the end-to-end proof on real data.
 *
 * A case without a recording, or whose schema.sql or queries fail to match its recording, fails
 * here with the command that records it (`npm run cases:record -- <case>`, needs a server).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { parseExpectations } from './expectations.js';
import { recordCommand } from './replay/engine-inputs.js';
import { replayCase } from './replay/replay-case.js';

const CASES_DIR = path.dirname(fileURLToPath(import.meta.url));
const caseNames = readdirSync(CASES_DIR)
  .filter((name) => statSync(path.join(CASES_DIR, name)).isDirectory() && existsSync(path.join(CASES_DIR, name, 'queries.sql')))
  .sort();

type Shape = Array<[query: string, columns: Array<[string, string]>, params: Array<[string, string]>]>;

/** Verdicts without what only execution can tell (whether the seed produced a NULL). */
function replayedShape(entries: CacheEntry[]): Shape {
  return entries.map((e) => [
    e.name,
    e.columns.map((c) => [c.name, c.nullable ? `nullable: ${c.nullableBecause ?? '<no reason recorded>'}` : 'non-null']),
    e.params.map((p) => [p.name, p.nullable ? 'nullable' : 'non-null']),
  ]);
}

function recordedShape(verdicts: Record<string, { columns: Record<string, string>; params: Record<string, string> }>): Shape {
  const observation = /^nullable \((?:null observed|never null on seed)\): /;
  return Object.entries(verdicts).map(([query, v]) => [
    query,
    Object.entries(v.columns).map(([c, verdict]) => [c, verdict.replace(observation, 'nullable: ')]),
    Object.entries(v.params),
  ]);
}

describe('golden cases replayed offline from recorded PostgreSQL facts', () => {
  it('finds the cases', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(90);
  });

  it.each(caseNames)('%s', async (name) => {
    const dir = path.join(CASES_DIR, name);
    const outcome = await replayCase(dir);
    if (!outcome.ok) throw new Error(outcome.stale);
    const entries = outcome.entries;

    // The hand-written expectations: a column stated non-null must be inferred non-null, one stated
    // nullable (or over-nullable) must be inferred nullable; the same for parameters.
    const expectations = parseExpectations(await readFile(path.join(dir, 'queries.sql'), 'utf8'));
    const disagreements: string[] = [];
    for (const e of entries) {
      const x = expectations.find((q) => q.query === e.name);
      if (!x) continue;
      for (const c of e.columns) {
        const stated = x.columns.find((s) => s.name === c.name);
        if (stated && (stated.kind === 'non-null') === c.nullable) {
          disagreements.push(`${e.name}.${c.name}: expected ${stated.kind}, inferred ${c.nullable ? `nullable (${c.nullableBecause})` : 'non-null'}`);
        }
      }
      for (const p of e.params) {
        const stated = x.params.find((s) => s.name === p.name);
        if (stated && (stated.kind === 'nullable') !== p.nullable) {
          disagreements.push(`${e.name}: parameter ${p.name} expected ${stated.kind}, inferred ${p.nullable ? 'nullable' : 'non-null'}`);
        }
      }
    }
    expect(disagreements, `${name}: inference disagrees with the "-- expect:" lines of queries.sql`).toEqual([]);

    // The recorded golden verdicts, less the observation only a run on the seed can make.
    const verdictsFile = path.join(dir, 'expected', 'verdicts.json');
    const verdicts = await readFile(verdictsFile, 'utf8').catch(() => undefined);
    if (verdicts === undefined) throw new Error(`${name}/expected/verdicts.json is missing (UPDATE_GOLDEN=1 npx vitest run test/cases/cases.test.ts writes it)`);
    expect(replayedShape(entries), `${name}: replayed verdicts differ from expected/verdicts.json (if the engine now reads new catalog facts, re-record: ${recordCommand(name)})`).toEqual(
      recordedShape(JSON.parse(verdicts)),
    );
  });
});
