// Durable file primitives: atomic replace (temporary file, fsync, rename, fsync of the folder) and synced appends.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const TEMP_PREFIX = '.tmp-';

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

/**
 * Writes bytes (or a stream of them) under a final name so that the name either does not exist or holds every byte:
 * the bytes go to a temporary file in the same folder, are fsynced, renamed, and the folder fsynced.
 */
export const writeAtomic = async (path: string, bytes: Uint8Array | ReadableStream<Uint8Array>): Promise<void> => {
  const dir = dirname(path);
  const tmp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  const h = await open(tmp, 'wx', 0o600);
  try {
    if (bytes instanceof Uint8Array) await h.writeFile(bytes);
    // A stream is written as it comes, so a large document never sits whole in memory.
    else for await (const chunk of chunksOf(bytes)) await h.write(chunk);
    await h.sync();
  } catch (e) {
    await h.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await h.close();
  await rename(tmp, path);
  await syncDir(dir);
};

/** Appends bytes to a file and fsyncs it before returning. */
export const appendDurable = async (path: string, bytes: Uint8Array): Promise<void> => {
  const h = await open(path, 'a', 0o600);
  try {
    await h.write(bytes);
    await h.sync();
  } finally {
    await h.close();
  }
};
