// Durable file primitives: atomic replace (temporary file, fsync, rename, fsync of the folder) and synced appends that
// complete short writes or leave the file as it was.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CodedError } from '@shared/result';

export const TEMP_PREFIX = '.tmp-';

/** The disk's refusal in words a headteacher can act on; anything already a CodedError passes through. */
export const diskError = (e: unknown, what: string): CodedError => {
  if (e instanceof CodedError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EROFS'
        ? 'the disk is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'Countersign is not allowed to write there'
          : `the disk reported an error (${code ?? (e instanceof Error ? e.message : String(e))})`;
  return new CodedError(
    'IO_ERROR',
    `${what} could not be saved: ${why}. Nothing was half-written and what was recorded before is intact. ` +
      'Free some space on this computer (or ask IT support), then try again.',
  );
};

/** fsync a folder so that a create, rename or delete inside it survives power loss. */
export const syncDir = async (dir: string): Promise<void> => {
  const h = await open(dir, constants.O_RDONLY);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
};

/** Creates a folder (and parents), and makes the new entry durable in its parent. */
export const ensureDir = async (dir: string): Promise<void> => {
  const made = await mkdir(dir, { recursive: true });
  if (made !== undefined) await syncDir(dirname(dir));
};

/** Reads `into.length` bytes at `position` into `into`, all of them: fewer means the file was cut while it was read. */
export const readFully = async (fh: FileHandle, into: Uint8Array, position: number): Promise<void> => {
  for (let at = 0; at < into.length;) {
    const { bytesRead } = await fh.read(into, at, into.length - at, position + at);
    if (bytesRead === 0) throw new Error('the file ended before its declared size: it was changed while being read');
    at += bytesRead;
  }
};

/** A web stream's chunks as an async iterable. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Writes every byte at `position`, looping over short writes; a write that makes no progress is an error. */
const writeAll = async (h: FileHandle, bytes: Uint8Array, position: number): Promise<void> => {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten: n } = await h.write(bytes, done, bytes.length - done, position + done);
    if (n <= 0) throw Object.assign(new Error('the disk accepted no more bytes'), { code: 'ENOSPC' });
    done += n;
  }
};

/**
 * Writes bytes (or a stream of them) under a final name so that the name either does not exist or holds every byte:
 * the bytes go to a temporary file in the same folder, are fsynced, renamed, and the folder fsynced.
 */
export const writeAtomic = async (
  path: string,
  bytes: Uint8Array | ReadableStream<Uint8Array>,
  what = 'The file',
): Promise<void> => {
  const dir = dirname(path);
  const tmp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    const h = await open(tmp, 'wx', 0o600);
    try {
      if (bytes instanceof Uint8Array) await writeAll(h, bytes, 0);
      else {
        // A stream is written as it comes, so a large document never sits whole in memory.
        let at = 0;
        for await (const chunk of chunksOf(bytes)) {
          await writeAll(h, chunk, at);
          at += chunk.length;
        }
      }
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, path);
    await syncDir(dir);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw diskError(e, what);
  }
};

/**
 * Appends bytes to a file and fsyncs it before returning. Short writes are completed; if the disk refuses part-way
 * (full, say) the file is cut back to its length before the append, so it never ends in half a record. With
 * `expectedSize`, a file whose length is not what its one writer left (cut or added to behind its back) is refused.
 */
export const appendDurable = async (
  path: string,
  bytes: Uint8Array,
  what = 'The record',
  expectedSize?: number,
): Promise<void> => {
  let h: FileHandle;
  try {
    h = await open(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
  } catch (e) {
    throw diskError(e, what);
  }
  try {
    const { size } = await h.stat();
    if (expectedSize !== undefined && size !== expectedSize)
      throw new CodedError(
        'CORRUPT',
        `${what} was not saved: the file was changed by something other than Countersign while it was open ` +
          `(${size} bytes where ${expectedSize} were written). Nothing was added to it. Close Countersign, keep the ` +
          'computer as it is, and tell the designated safeguarding lead and IT support.',
      );
    try {
      await writeAll(h, bytes, size);
      await h.sync();
    } catch (e) {
      // Cutting back frees space, so it works on a full disk; if even that fails, the torn line is kept aside on open.
      await h
        .truncate(size)
        .then(() => h.sync())
        .catch(() => undefined);
      throw diskError(e, what);
    }
  } finally {
    await h.close();
  }
};
