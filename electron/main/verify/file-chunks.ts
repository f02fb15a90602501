// Reads a range of an open file in large chunks, the next read already under way while the caller hashes the last.
import type { FileHandle } from 'node:fs/promises';

export const CHUNK = 1024 * 1024;

/**
 * Bytes `start` to `end` of the file, in chunks of up to 1 MiB. Throws when the file ends early (it was cut short after
 * it was listed). With `reuse`, two buffers take turns, so a file of any size costs 2 MiB and no garbage: each chunk
 * is then valid only until the next is asked for (the BagSource contract); without it, each chunk is a fresh buffer
 * (for a stream library that may hold on to what it is given).
 */
export async function* fileChunks(
  fh: FileHandle,
  start: number,
  end: number,
  reuse = false,
): AsyncGenerator<Uint8Array> {
  const spare = reuse ? [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)] : [];
  let turn = 0;
  let pos = start;
  const next = () => {
    const n = Math.min(CHUNK, end - pos);
    const buffer = spare[turn++ % 2] ?? Buffer.allocUnsafe(n);
    const p = fh.read(buffer, 0, n, pos);
    pos += n;
    return p.then((r) => ({ ...r, asked: n }));
  };
  let pending = pos < end ? next() : null;
  try {
    while (pending) {
      const { bytesRead, buffer, asked } = await pending;
      pending = null;
      if (bytesRead === 0) throw new Error('the file ended before its declared size: it was changed while being read');
      // A short read (rare on local files): the next read asks again for the rest.
      if (bytesRead < asked) pos -= asked - bytesRead;
      if (pos < end) pending = next();
      yield new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    }
  } finally {
    // A caller that stops early leaves one read under way: it must not fail unheard after the file is closed.
    pending?.catch(() => undefined);
  }
}
