/**
 * PGlite's own start parameters, and a 16 MB shared buffer pool instead of initdb's 128 MB: every
 * start zeroes the whole pool in WebAssembly (0.44 s of a 2.4 s `prepare --force`, and 120 MB of
 * peak RSS), and a describer's catalog working set is a few megabytes.
 */
export function startParams(pglite: { defaultStartParams: readonly string[] }): string[] {
  return [...pglite.defaultStartParams, '-c', 'shared_buffers=16MB'];
}
