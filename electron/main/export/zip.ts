// Writes a zip (optionally AES-256, which 7-Zip opens) so that the final name holds a complete file or nothing at all.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Uint8ArrayReader, Writer, ZipWriter, configure } from '@zip.js/zip.js';
import { CodedError } from '@shared/result';
import { syncDir } from '../services/durable';
import { PlainZipWriter } from './plain-zip';

/** Where the bytes go: a file opened for exclusive creation. Injected in tests to fail on purpose. */
export interface Sink {
  write(bytes: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ExportIo {
  create(path: string): Promise<Sink>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
}

/**
 * zip.js (which writes the locked, AES-256 bundles) copies every byte of an entry into chunks of this size before its
 * encryption and the writer see them: at its default of 256 KiB, zipping 160 MB took some 20% more processor time (four
 * times the copies' allocations and the steps of its streams per chunk). One setting for the whole process.
 */
export const ZIP_CHUNK_BYTES = 1024 * 1024;
configure({ chunkSize: ZIP_CHUNK_BYTES });

/** Bytes written between two flushes to the drive that run while the writing goes on. */
export const SYNC_EVERY = 32 * 1024 * 1024;

/** The calls on an open file a sink makes (Node's FileHandle has them). */
export interface SinkFile {
  write(bytes: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A sink over an open file. Every SYNC_EVERY bytes the drive is told to store what it has, without waiting for it: the
 * fsync at the end then has only the last bytes to flush, not the whole bundle (a third of a second for 325 MB here).
 * A flush that failed fails the next write, or the sync.
 */
export const fileSink = (h: SinkFile): Sink => {
  let unsynced = 0;
  let flushing: Promise<void> | undefined;
  let flushFailed: unknown;
  const flushed = async (): Promise<void> => {
    await flushing;
    if (flushFailed !== undefined) throw flushFailed;
  };
  return {
    async write(bytes) {
      if (flushFailed !== undefined) throw flushFailed;
      for (let off = 0; off < bytes.length;) {
        const { bytesWritten } = await h.write(bytes, off, bytes.length - off);
        off += bytesWritten;
      }
      unsynced += bytes.length;
      if (unsynced >= SYNC_EVERY && flushing === undefined) {
        unsynced = 0;
        flushing = h.datasync().then(
          () => {
            flushing = undefined;
          },
          (e: unknown) => {
            flushFailed = e;
            flushing = undefined;
          },
        );
      }
    },
    async sync() {
      await flushed();
      await h.sync();
    },
    async close() {
      await flushing;
      await h.close();
    },
  };
};

export const nodeIo: ExportIo = {
  create: async (path) => fileSink(await open(path, 'wx', 0o600)),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  syncDir,
};

export interface ZipItem {
  name: string;
  /** The entry's bytes, read when its turn comes: a stream is opened only then, so nothing is read ahead. */
  bytes: Uint8Array | (() => ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>);
  /** Stored as is: PNG and PDF are already compressed. */
  store: boolean;
}

export interface ZipOptions {
  password?: string;
  signal?: AbortSignal;
  lastModDate: Date;
  io?: ExportIo;
  /** Zip64 records, needed once the archive may pass 4 GB. */
  zip64?: boolean;
}

export interface ZipResult {
  path: string;
  sha256: string;
  bytes: number;
}

const errno = (e: unknown): string | undefined =>
  e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;

/** A failed write in words a member of staff can act on. */
export const ioError = (e: unknown, path: string): CodedError => {
  if (e instanceof CodedError) return e;
  const dir = dirname(path);
  switch (errno(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CodedError(
        'IO_ERROR',
        `The drive is full: the bundle does not fit in ${dir}. Free some space or choose ` +
          `another drive, then export again.`,
      );
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return new CodedError(
        'IO_ERROR',
        `The drive could not be written: ` +
          `it was removed or is failing (${dir}). Reconnect it or choose another drive, then export again.`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new CodedError(
        'IO_ERROR',
        `The folder ${dir} does not exist, or the drive was removed. Choose another folder, then export again.`,
      );
    case 'EROFS':
      return new CodedError(
        'IO_ERROR',
        `The drive is read-only: nothing can be written to ${dir}. Choose another drive, then export again.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new CodedError(
        'IO_ERROR',
        `Countersign is not allowed to write to ${dir}. Choose another folder, then export again.`,
      );
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return new CodedError('IO_ERROR', `${path} is a folder; choose a file name for the bundle.`);
    default:
      return new CodedError(
        'IO_ERROR',
        `The bundle could not be written to ${path}: ${e instanceof Error ? e.message : String(e)}`,
      );
  }
};

/** zip.js hands over many small pieces (headers, descriptors); they reach the file in writes of about this size. */
const WRITE_BYTES = 1024 * 1024;
/** A piece this large is written as it comes. */
const SMALL_WRITE = 64 * 1024;

/** zip.js writes through this: every byte goes to the sink and into the running SHA-256 of the zip. */
class SinkWriter extends Writer<void> {
  readonly hash = createHash('sha256');
  written = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(private readonly sink: Sink) {
    super();
  }

  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.hash.update(array);
    this.written += array.length;
    this.size = this.written;
    if (array.length >= SMALL_WRITE) {
      await this.flush();
      await this.sink.write(array);
      return;
    }
    // zip.js may reuse its buffer once this returns: keep a copy of a small piece until it is written.
    this.pending.push(Uint8Array.from(array));
    this.pendingBytes += array.length;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  /** Writes what is held back; called before the file is synced. */
  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.length === 1 ? (this.pending[0] ?? new Uint8Array()) : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.sink.write(bytes);
  }

  override async getData(): Promise<void> {}
}

const cancelled = (): CodedError => new CodedError('CANCELLED', 'The export was cancelled; no bundle was written.');

/** The zip being written: entries added in turn, then closed. */
interface EntryWriter {
  add(item: ZipItem): Promise<void>;
  close(): Promise<void>;
}

/**
 * A bundle without a password: PlainZipWriter, whose stored entries (the captures and PDFs, nearly all the bytes) reach
 * the file without the copy and JavaScript CRC-32 zip.js makes of every byte (README, bench:bundle).
 */
const plainZip = (writer: SinkWriter, opts: ZipOptions): EntryWriter => {
  const zip = new PlainZipWriter((bytes) => writer.writeUint8Array(bytes), {
    lastModDate: opts.lastModDate,
    ...(opts.zip64 ? { zip64: true } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return {
    add: async (item) =>
      zip.add({
        name: item.name,
        store: item.store,
        bytes: item.bytes instanceof Uint8Array ? item.bytes : await item.bytes(),
      }),
    close: () => zip.close(),
  };
};

/** A locked bundle: zip.js, every entry WinZip AE-2 AES-256. */
const lockedZip = (writer: SinkWriter, password: string, opts: ZipOptions): EntryWriter => {
  const zip = new ZipWriter(writer, { useWebWorkers: false, keepOrder: true, ...(opts.zip64 ? { zip64: true } : {}) });
  return {
    add: async (item) => {
      await zip.add(
        item.name,
        item.bytes instanceof Uint8Array ? new Uint8ArrayReader(item.bytes) : await item.bytes(),
        {
          level: item.store ? 0 : 6,
          lastModDate: opts.lastModDate,
          password,
          encryptionStrength: 3,
          ...(opts.signal ? { signal: opts.signal } : {}),
        },
      );
    },
    close: async () => {
      await zip.close();
    },
  };
};

/**
 * Zips the items, one after the other as they come, into a temporary file beside `outPath`, fsyncs it, and only
 * then renames it to `outPath` (and fsyncs the folder). On failure or cancellation the temporary file is removed and
 * nothing exists under the final name that was not there before.
 */
export const writeZipFile = async (
  outPath: string,
  items: AsyncIterable<ZipItem> | Iterable<ZipItem>,
  opts: ZipOptions,
): Promise<ZipResult> => {
  const io = opts.io ?? nodeIo;
  const target = resolve(outPath);
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const { signal } = opts;
  if (signal?.aborted) throw cancelled();

  let sink: Sink;
  try {
    sink = await io.create(tmp);
  } catch (e) {
    throw ioError(e, target);
  }
  let open = true;
  let renamed = false;
  const closeSink = async () => {
    if (!open) return;
    open = false;
    await sink.close();
  };
  try {
    const writer = new SinkWriter(sink);
    const zip = opts.password ? lockedZip(writer, opts.password, opts) : plainZip(writer, opts);
    for await (const item of items) {
      if (signal?.aborted) throw cancelled();
      await zip.add(item);
    }
    if (signal?.aborted) throw cancelled();
    await zip.close();
    await writer.flush();
    await sink.sync();
    await closeSink();
    if (signal?.aborted) throw cancelled();
    await io.rename(tmp, target);
    renamed = true;
    await io.syncDir(dir);
    return { path: target, sha256: writer.hash.digest('hex'), bytes: writer.written };
  } catch (e) {
    await closeSink().catch(() => undefined);
    await io.remove(renamed ? target : tmp).catch(() => undefined);
    if (signal?.aborted) throw cancelled();
    throw ioError(e, target);
  }
};
