/**
 * One line of progress on stderr, rewritten in place, and erased before anything else is printed.
 * Only on an interactive terminal: when stderr is not a TTY, `CI` is set, `TERM=dumb`, or the user
 * asked for `--quiet`, it writes nothing at all — logs get the final report lines, never frames.
 *
 * Not a spinner: PGlite's initdb and migrations run on this thread, so a timer-driven animation
 * would freeze exactly when it matters; the text changes at every step instead ("37/168").
 */
export interface StatusLine {
  readonly enabled: boolean;
  show(text: string): void;
  clear(): void;
}

export function statusLineFor(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env, quiet = false): StatusLine {
  const enabled = !quiet && stream.isTTY === true && !inCi(env) && env.TERM !== 'dumb';
  let shown = false;
  return {
    enabled,
    show(text) {
      if (!enabled) return;
      const width = Math.max(20, (stream.columns || 80) - 1);
      const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** `CI=false` and `CI=0` are how some pipelines say "not CI"; any other value (even empty) is CI. */
function inCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== 'false' && env.CI !== '0';
}
