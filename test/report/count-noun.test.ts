import { describe, expect, it } from 'vitest';
import { count, ofTotal } from '../../src/report/count-noun.js';

describe('count nouns in messages', () => {
  it('says "1 module" and "0 modules", "2 queries", "1 query"', () => {
    expect([0, 1, 2].map((n) => count(n, 'module'))).toEqual(['0 modules', '1 module', '2 modules']);
    expect([0, 1, 2].map((n) => count(n, 'query', 'queries'))).toEqual(['0 queries', '1 query', '2 queries']);
    expect(count(1, 'cache entry', 'cache entries')).toBe('1 cache entry');
  });

  it('agrees "x of n" with n: "1 of 1 query", "0 of 1 migration", "1 of 2 queries"', () => {
    expect(ofTotal(1, 1, 'query', 'queries')).toBe('1 of 1 query');
    expect(ofTotal(0, 1, 'migration')).toBe('0 of 1 migration');
    expect(ofTotal(1, 2, 'query', 'queries')).toBe('1 of 2 queries');
  });
});
