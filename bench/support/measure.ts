/** Runs a command as a child process and reports wall time and the child's peak RSS. */
import { spawn } from 'node:child_process';

export interface Measurement {
  wallMs: number;
  peakRssMb: number;
  code: number;
  stderr: string;
  /** Captured only when asked for (`stdout: true`). */
  stdout: string;
}

/** `/usr/bin/time -f %M` gives the child's maximum resident set size (KiB) on Linux. */
export function measure(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdout?: boolean }): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '__RSS_KB__%M', command, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout?.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const rss = /__RSS_KB__(\d+)/.exec(stderr);
      resolve({ wallMs, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, code: code ?? -1, stderr: stderr.replace(/__RSS_KB__\d+\n?/, ''), stdout });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i]).length)));
  const line = (r: Array<string | number>) => `| ${r.map((c, i) => String(c).padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
  console.log(out);
  return out;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Number.isInteger(n)) return String(n);
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
