/** A running `sqlsure prepare --watch` for tests: its output as lines, and a way to wait for one. */
import { spawn, type ChildProcess } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { CLI } from './project-dir.js';

const WAIT_MS = 45_000;

export class WatchProcess {
  readonly lines: string[] = [];
  #seen = 0;
  #waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;
  readonly child: ChildProcess;

  constructor(cwd: string, env: NodeJS.ProcessEnv, args: string[] = []) {
    const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1', ...env };
    delete merged.FORCE_COLOR;
    if (env.DATABASE_URL === undefined) delete merged.DATABASE_URL;
    this.child = spawn(process.execPath, [CLI, 'prepare', '--watch', ...args], { cwd, env: merged });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop()!;
        this.lines.push(...parts);
        for (const w of this.#waiters.splice(0)) w();
      });
    }
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The first line after the previous match that matches; everything printed before it too. */
  async waitFor(pattern: RegExp): Promise<{ line: string; before: string[] }> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const at = this.lines.findIndex((l, i) => i >= this.#seen && pattern.test(l));
      if (at >= 0) {
        const before = this.lines.slice(this.#seen, at);
        this.#seen = at + 1;
        return { line: this.lines[at]!, before };
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no line matching ${pattern} (exit ${this.child.exitCode}); output so far:\n${this.lines.join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Lines printed since the last match. */
  get unread(): string[] {
    return this.lines.slice(this.#seen);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}

/** Saves as most editors do: a new file renamed over the old one. */
export async function save(file: string, text: string): Promise<void> {
  await writeFile(`${file}.swap`, text);
  await rename(`${file}.swap`, file);
}
