// Loaded with `node --import`: records every file the process reads or writes through node:fs
// (sync, callback and promise forms, streams, renames and removals), and writes the list to
// $SQLSURE_TRACE_FS when it exits — one `read<TAB>path`, `write<TAB>path` or `moved<TAB>path`
// (the source of a rename) line each. Directory listings, stats and mkdir are not recorded: they
// decide nothing a task cache restores.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

const traceFile = process.env.SQLSURE_TRACE_FS;
const originalWriteFileSync = fs.writeFileSync;
const events = new Set();

function pathOf(p) {
  if (typeof p === 'string') return p;
  if (p instanceof URL) return fileURLToPath(p);
  if (Buffer.isBuffer(p)) return p.toString();
  return undefined; // a file descriptor: its open was recorded
}

function record(op, p) {
  const file = pathOf(p);
  if (file !== undefined) events.add(`${op}\t${file}`);
}

const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
/** open() flags: which of read and write they allow. */
function openOps(flags) {
  if (flags === undefined || flags === null) return ['read'];
  if (typeof flags === 'number') {
    const writes = (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !== 0;
    return (flags & O_WRONLY) !== 0 ? ['write'] : writes ? ['read', 'write'] : ['read'];
  }
  const f = String(flags);
  if (f.includes('+')) return ['read', 'write'];
  return /[wa]/.test(f) ? ['write'] : ['read'];
}

function wrap(target, name, onCall) {
  const original = target[name];
  if (typeof original !== 'function') return;
  const wrapped = function (...args) {
    onCall(...args);
    return original.apply(this, args);
  };
  Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
  target[name] = wrapped;
}

for (const target of [fs, fs.promises]) {
  const sync = target === fs ? ['', 'Sync'] : [''];
  for (const suffix of sync) {
    wrap(target, `readFile${suffix}`, (p) => record('read', p));
    wrap(target, `writeFile${suffix}`, (p) => record('write', p));
    wrap(target, `appendFile${suffix}`, (p) => record('write', p));
    wrap(target, `open${suffix}`, (p, flags) => {
      for (const op of openOps(typeof flags === 'function' ? undefined : flags)) record(op, p);
    });
    wrap(target, `rename${suffix}`, (from, to) => {
      record('moved', from);
      record('write', to);
    });
    wrap(target, `unlink${suffix}`, (p) => record('write', p));
    wrap(target, `rm${suffix}`, (p) => record('write', p));
    wrap(target, `truncate${suffix}`, (p) => record('write', p));
    wrap(target, `copyFile${suffix}`, (from, to) => {
      record('read', from);
      record('write', to);
    });
    wrap(target, `cp${suffix}`, (from, to) => {
      record('read', from);
      record('write', to);
    });
    wrap(target, `symlink${suffix}`, (_target, p) => record('write', p));
    wrap(target, `link${suffix}`, (from, to) => {
      record('read', from);
      record('write', to);
    });
  }
}
wrap(fs, 'createReadStream', (p) => record('read', p));
wrap(fs, 'createWriteStream', (p) => record('write', p));
syncBuiltinESMExports();

process.on('exit', () => {
  if (traceFile) originalWriteFileSync(traceFile, [...events].join('\n') + '\n');
});
