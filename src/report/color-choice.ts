/**
 * Whether a stream gets ANSI colours. picocolors' own guess also colours whenever `CI` is set,
 * which puts escape codes into piped CI logs; this decides from the stream and the user instead:
 * `NO_COLOR` (non-empty) never, `FORCE_COLOR` (not `0`/`false`) always, else only a terminal
 * that is not `TERM=dumb`.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface ColorStream {
  isTTY?: boolean;
}

export function wantsColor(stream: ColorStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Colours for diagnostics, which go to stderr. */
export const colors: Colors = pc.createColors(wantsColor(process.stderr));
