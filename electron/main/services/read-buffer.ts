// One buffer that whole stored files are read into, one after another: the screenshots PDF reads every capture whole,
// and a fresh buffer of megabytes for each was memory the collector had to take back, a full collection at a time.
import { open } from 'node:fs/promises';
import { readFully } from './durable';

export class ReadBuffer {
  private buf = Buffer.alloc(0);

  /** The file's bytes, valid until the next read: a view into this buffer, which grows to the largest file read. */
  async readFile(path: string): Promise<Buffer> {
    const h = await open(path, 'r');
    try {
      const { size } = await h.stat();
      if (size > this.buf.length) this.buf = Buffer.allocUnsafe(size);
      const bytes = this.buf.subarray(0, size);
      await readFully(h, bytes, 0);
      return bytes;
    } finally {
      await h.close();
    }
  }
}
