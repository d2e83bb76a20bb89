import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { gunzipWhole } from '../../src/database/gunzip-whole.js';

const withTrailer = (gz: Buffer, size: number) => {
  const copy = Buffer.from(gz);
  copy.writeUInt32LE(size >>> 0, copy.length - 4);
  return copy;
};

describe('gunzipWhole', () => {
  const data = Buffer.alloc(3 * 1024 * 1024 + 17);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
  const gz = gzipSync(data);

  it('gives back the bytes, in one buffer of their size', async () => {
    const out = await gunzipWhole(gz);
    expect(out.equals(data)).toBe(true);
    expect(out.buffer.byteLength).toBeLessThanOrEqual(data.length + 1);
  });

  it.each([0, 1, 100, 2 ** 32 - 1])('does not trust a trailer claiming %d bytes (the stream decides)', async (claimed) => {
    // gunzip checks ISIZE itself: a lying trailer is an error, never a wrong or huge buffer.
    await expect(gunzipWhole(withTrailer(gz, claimed))).rejects.toThrow();
  });

  it('reads an empty stream and a tiny one', async () => {
    expect((await gunzipWhole(gzipSync(Buffer.alloc(0)))).length).toBe(0);
    expect((await gunzipWhole(gzipSync(Buffer.from('x')))).toString()).toBe('x');
  });

  it('rejects what is not gzip', async () => {
    await expect(gunzipWhole(Buffer.from('not gzip at all, long enough'))).rejects.toThrow();
  });
});
