import type { SourcePosition } from './query-source.js';

/** Converts offsets in a text to 1-based line/column positions. */
export class LineIndex {
  readonly #lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
  }

  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.#lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.#lineStarts[lo]! + 1 };
  }

  /** The offset of a 1-based line and column (clamped to the line). */
  offsetOf(line: number, column: number): number {
    const start = this.#lineStarts[Math.min(Math.max(line, 1), this.#lineStarts.length) - 1]!;
    return start + Math.max(column - 1, 0);
  }
}
