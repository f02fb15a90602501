// Writes an unencrypted zip as its entries stream past: a stored entry's bytes go to the file as they come, without a
// copy, and every CRC-32 is Node's zlib (PKWARE APPNOTE 6.3.10: data descriptors, UTF-8 names, Zip64 when asked).
import { crc32, deflateRawSync } from 'node:zlib';
import { CodedError } from '@shared/result';

/** An entry: its bytes in memory or as a stream, stored as they are (PNG, PDF) or deflated. */
export interface PlainZipEntry {
  name: string;
  bytes: Uint8Array | ReadableStream<Uint8Array>;
  store: boolean;
}

export interface PlainZipOptions {
  lastModDate: Date;
  /** Zip64 records for every entry and the end of the archive, needed once it may pass 4 GB. */
  zip64?: boolean;
  signal?: AbortSignal;
}

/** Where the zip's bytes go, in order; a piece may be kept only until the returned promise settles. */
export type ZipOutput = (bytes: Uint8Array) => Promise<void>;

const SIG = { local: 0x04034b50, descriptor: 0x08074b50, central: 0x02014b50, end: 0x06054b50 } as const;
const SIG64 = { end: 0x06064b50, locator: 0x07064b50 } as const;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const METHOD = { store: 0, deflate: 8 } as const;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const EXTENDED_TIMESTAMP = 0x5455;
const ZIP64_EXTRA = 0x0001;

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The years an MS-DOS date can hold; a clock outside them gives the nearest (the extended timestamp has the time). */
const DOS_YEARS = { first: 1980, last: 2107 } as const;

/** MS-DOS date and time (local, to two seconds), as zip tools show them. */
const dosDateTime = (d: Date): { time: number; date: number } => {
  const year = Math.min(DOS_YEARS.last, Math.max(DOS_YEARS.first, d.getFullYear()));
  if (year !== d.getFullYear()) return { time: 0, date: ((year - DOS_YEARS.first) << 9) | (1 << 5) | 1 };
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - DOS_YEARS.first) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
};

/** The extended timestamp (Info-ZIP 0x5455): the modification time in UTC, which the DOS time cannot say. */
const timestampExtra = (d: Date): Buffer => {
  const b = Buffer.alloc(9);
  b.writeUInt16LE(EXTENDED_TIMESTAMP, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4);
  b.writeUInt32LE(Math.max(0, Math.min(MAX32, Math.floor(d.getTime() / 1000))), 5);
  return b;
};

const zip64Extra = (values: readonly number[]): Buffer => {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(ZIP64_EXTRA, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
};

/** zlib's raw deflate as a web stream; it takes any bytes (its type says BufferSource, which a Uint8Array is). */
const deflateRaw = (): TransformStream<Uint8Array, Uint8Array> =>
  new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>;

const tooLarge = (): CodedError =>
  new CodedError('INTERNAL', 'The bundle grew past the 4 GB a zip holds without Zip64 records; nothing was kept.');

/** Zips entries one after the other into `out`; `close` writes the central directory. One writer per archive. */
export class PlainZipWriter {
  private readonly written: Written[] = [];
  private readonly names = new Set<string>();
  private offset = 0;
  private readonly when: { time: number; date: number };
  private readonly timestamp: Buffer;
  private readonly zip64: boolean;

  constructor(
    private readonly out: ZipOutput,
    private readonly opts: PlainZipOptions,
  ) {
    this.when = dosDateTime(opts.lastModDate);
    this.timestamp = timestampExtra(opts.lastModDate);
    this.zip64 = opts.zip64 ?? false;
  }

  private async put(bytes: Uint8Array): Promise<void> {
    this.offset += bytes.length;
    await this.out(bytes);
  }

  async add(entry: PlainZipEntry): Promise<void> {
    try {
      await this.addNow(entry);
    } catch (e) {
      // A stream refused before it was read (a name, a full drive) is closed too: a vault file is not left open.
      if (!(entry.bytes instanceof Uint8Array) && !entry.bytes.locked)
        await entry.bytes.cancel(e).catch(() => undefined);
      throw e;
    }
  }

  private async addNow(entry: PlainZipEntry): Promise<void> {
    this.opts.signal?.throwIfAborted();
    const name = Buffer.from(entry.name, 'utf8');
    if (name.length === 0 || name.length > MAX16)
      throw new CodedError('INTERNAL', `"${entry.name}" cannot name a zip entry.`);
    if (this.names.has(entry.name)) throw new CodedError('INTERNAL', `The zip already holds ${entry.name}.`);
    this.names.add(entry.name);
    const method = entry.store ? METHOD.store : METHOD.deflate;
    const offset = this.offset;
    await this.put(this.localHeader(name, method));
    const { crc, size, compressed } =
      entry.bytes instanceof Uint8Array
        ? await this.putBytes(entry.bytes, entry.store)
        : await this.putStream(entry.bytes, entry.store);
    if (!this.zip64 && (size > MAX32 || compressed > MAX32 || this.offset > MAX32)) throw tooLarge();
    await this.put(this.descriptor(crc, compressed, size));
    this.written.push({ name, method, crc, compressed, size, offset });
  }

  private async putBytes(bytes: Uint8Array, store: boolean) {
    const body = store ? bytes : deflateRawSync(bytes);
    if (body.length > 0) await this.put(body);
    return { crc: crc32(bytes), size: bytes.length, compressed: body.length };
  }

  /** A stream's bytes as they come: stored pieces are written as given; others through zlib's raw deflate. */
  private async putStream(source: ReadableStream<Uint8Array>, store: boolean) {
    let crc = 0;
    let size = 0;
    let compressed = 0;
    // A deflated entry's CRC-32 and size are of the bytes before deflating; a stored one's are counted as written.
    const beforeDeflate = (): TransformStream<Uint8Array, Uint8Array> =>
      new TransformStream({
        transform(chunk, controller) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          controller.enqueue(chunk);
        },
      });
    const reader: ReadableStreamDefaultReader<Uint8Array> = store
      ? source.getReader()
      : source.pipeThrough(beforeDeflate()).pipeThrough(deflateRaw()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.opts.signal?.throwIfAborted();
        if (value.length === 0) continue;
        if (store) {
          crc = crc32(value, crc);
          size += value.length;
        }
        compressed += value.length;
        await this.put(value);
      }
    } catch (e) {
      // The source stops being read (a vault file is closed) whatever failed here.
      await reader.cancel(e).catch(() => undefined);
      throw e;
    }
    return { crc, size, compressed };
  }

  private localHeader(name: Buffer, method: number): Buffer {
    const extra = this.zip64 ? Buffer.concat([zip64Extra([0, 0]), this.timestamp]) : this.timestamp;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(SIG.local, 0);
    h.writeUInt16LE(this.zip64 ? 45 : 20, 4);
    h.writeUInt16LE(FLAGS, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt16LE(this.when.time, 10);
    h.writeUInt16LE(this.when.date, 12);
    // CRC-32 and sizes follow the data, in its descriptor (Zip64: the extra field stands in for the sizes).
    h.writeUInt32LE(this.zip64 ? MAX32 : 0, 18);
    h.writeUInt32LE(this.zip64 ? MAX32 : 0, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(extra.length, 28);
    return Buffer.concat([h, name, extra]);
  }

  private descriptor(crc: number, compressed: number, size: number): Buffer {
    const d = Buffer.alloc(this.zip64 ? 24 : 16);
    d.writeUInt32LE(SIG.descriptor, 0);
    d.writeUInt32LE(crc, 4);
    if (this.zip64) {
      d.writeBigUInt64LE(BigInt(compressed), 8);
      d.writeBigUInt64LE(BigInt(size), 16);
    } else {
      d.writeUInt32LE(compressed, 8);
      d.writeUInt32LE(size, 12);
    }
    return d;
  }

  private centralHeader(w: Written): Buffer {
    const extra = this.zip64
      ? Buffer.concat([zip64Extra([w.size, w.compressed, w.offset]), this.timestamp])
      : this.timestamp;
    const h = Buffer.alloc(46);
    h.writeUInt32LE(SIG.central, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(this.zip64 ? 45 : 20, 6);
    h.writeUInt16LE(FLAGS, 8);
    h.writeUInt16LE(w.method, 10);
    h.writeUInt16LE(this.when.time, 12);
    h.writeUInt16LE(this.when.date, 14);
    h.writeUInt32LE(w.crc, 16);
    h.writeUInt32LE(this.zip64 ? MAX32 : w.compressed, 20);
    h.writeUInt32LE(this.zip64 ? MAX32 : w.size, 24);
    h.writeUInt16LE(w.name.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt32LE(this.zip64 ? MAX32 : w.offset, 42);
    return Buffer.concat([h, w.name, extra]);
  }

  /** The central directory and the end records; the archive is complete once this resolves. */
  async close(): Promise<void> {
    this.opts.signal?.throwIfAborted();
    const start = this.offset;
    const directory = Buffer.concat(this.written.map((w) => this.centralHeader(w)));
    const count = this.written.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(SIG.end, 0);
    if (!this.zip64) {
      if (start + directory.length > MAX32 || count > MAX16) throw tooLarge();
      end.writeUInt16LE(count, 8);
      end.writeUInt16LE(count, 10);
      end.writeUInt32LE(directory.length, 12);
      end.writeUInt32LE(start, 16);
      await this.put(Buffer.concat([directory, end]));
      return;
    }
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(SIG64.end, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(count), 24);
    end64.writeBigUInt64LE(BigInt(count), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(SIG64.locator, 0);
    locator.writeBigUInt64LE(BigInt(start + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    end.writeUInt16LE(Math.min(count, MAX16), 8);
    end.writeUInt16LE(Math.min(count, MAX16), 10);
    end.writeUInt32LE(MAX32, 12);
    end.writeUInt32LE(MAX32, 16);
    await this.put(Buffer.concat([directory, end64, locator, end]));
  }
}
