// The buffers whole stored files are read and decrypted into, one after another: the screenshots PDF reads every
// capture whole, and fresh buffers of megabytes for each were taken back by the collector a full collection at a time.
import { open } from 'node:fs/promises';
import { readFully } from './durable';

export class ReadBuffer {
  private buf = Buffer.alloc(0);
  private decoded = Buffer.alloc(0);

  /** Room for a file's decrypted bytes, valid until the next read: a second buffer, which grows in the same way. */
  plain(size: number): Buffer {
    if (size > this.decoded.length) this.decoded = Buffer.allocUnsafe(size);
    return this.decoded.subarray(0, size);
  }

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
