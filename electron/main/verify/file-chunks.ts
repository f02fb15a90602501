// Reads a range of an open file in large chunks, the next read already under way while the caller hashes the last.
import type { FileHandle } from 'node:fs/promises';

export const CHUNK = 1024 * 1024;

/**
 * Bytes `start` to `end` of the file, in chunks of up to 1 MiB, each a fresh buffer the caller may keep. Throws when
 * the file ends early (it was cut short after it was listed).
 */
export async function* fileChunks(fh: FileHandle, start: number, end: number): AsyncGenerator<Uint8Array> {
  let pos = start;
  const next = () => {
    const n = Math.min(CHUNK, end - pos);
    const p = fh.read(Buffer.allocUnsafe(n), 0, n, pos);
    pos += n;
    return p;
  };
  let pending = pos < end ? next() : null;
  try {
    while (pending) {
      const { bytesRead, buffer } = await pending;
      pending = null;
      if (bytesRead === 0) throw new Error('the file ended before its declared size: it was changed while being read');
      // A short read (rare on local files): the next read asks again for the rest.
      if (bytesRead < buffer.length) pos -= buffer.length - bytesRead;
      if (pos < end) pending = next();
      yield new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    }
  } finally {
    // A caller that stops early leaves one read under way: it must not fail unheard after the file is closed.
    pending?.catch(() => undefined);
  }
}
