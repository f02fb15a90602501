// One buffer that whole stored files are read into, one after another: the screenshots PDF reads every capture whole,
// and a fresh buffer of megabytes for each was memory the collector had to take back, a full collection at a time.
import { open } from 'node:fs/promises';

export class ReadBuffer {
  private buf = Buffer.alloc(0);

  /** The file's bytes, valid until the next read: a view into this buffer, which grows to the largest file read. */
  async readFile(path: string): Promise<Buffer> {
    const h = await open(path, 'r');
    try {
      const { size } = await h.stat();
      if (size > this.buf.length) this.buf = Buffer.allocUnsafe(size);
      for (let at = 0; at < size;) {
        const { bytesRead } = await h.read(this.buf, at, size - at, at);
        if (bytesRead === 0) throw new Error(`${path} was cut short while it was read.`);
        at += bytesRead;
      }
      return this.buf.subarray(0, size);
    } finally {
      await h.close();
    }
  }
}
