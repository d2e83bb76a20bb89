/**
 * Messages from PostgreSQL and its parser name placeholders as sent (`$1`); the user wrote `:ids`.
 * Each `$n` of a named parameter is replaced with the user's spelling, so errors quote their text.
 */
import type { SourceParam } from './query-source.js';

export function quoteParams(message: string, params: readonly SourceParam[]): string {
  return message.replace(/\$(\d+)(?!\d)/g, (placeholder, digits: string) => {
    const p = params.find((q) => q.index === Number(digits) && !q.positional && (!q.expansion || q.expansion.kind === 'list'));
    return p ? `:${p.name}` : placeholder;
  });
}
