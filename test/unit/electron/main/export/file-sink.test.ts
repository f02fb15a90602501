// The bundle's file is flushed to the drive as it is written: the drive is told to store each 32 MiB without the
// writing waiting for it, the final fsync waits for that flush, and a flush that fails fails the export in plain words.
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '@shared/result';
import { exportBundle, type ExportInput } from '@main/export/exporter';
import { fileSink, nodeIo, SYNC_EVERY, type ExportIo, type SinkFile } from '@main/export/zip';
import { tempDir } from '@test/helpers/vault';
import { buildIncident } from '@test/helpers/sample-incident';

/** A file that records what is asked of it; each datasync stays pending until the test lets it finish or fail. */
const recordingFile = () => {
  const calls: string[] = [];
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const file: SinkFile = {
    write: async (_bytes, _offset, length) => {
      calls.push(`write ${length}`);
      return { bytesWritten: length };
    },
    datasync: () => {
      calls.push('datasync');
      return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    },
    sync: async () => {
      calls.push('sync');
    },
    close: async () => {
      calls.push('close');
    },
  };
  return { file, calls, pending };
};

const MiB = 1024 * 1024;
const chunk = new Uint8Array(8 * MiB);
/** Lets promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the bundle file is flushed to the drive while it is written', () => {
  it('asks for a flush each 32 MiB without waiting for it, one at a time; the final sync waits for it', async () => {
    const { file, calls, pending } = recordingFile();
    const sink = fileSink(file);
    for (let i = 0; i < SYNC_EVERY / chunk.length - 1; i++) await sink.write(chunk);
    expect(calls.filter((c) => c === 'datasync')).toHaveLength(0);
    // The write that reaches 32 MiB returns while the flush it asked for is still running.
    await sink.write(chunk);
    expect(calls.filter((c) => c === 'datasync')).toHaveLength(1);
    // Another 32 MiB while the first flush runs: no second flush piles up behind it.
    for (let i = 0; i < SYNC_EVERY / chunk.length; i++) await sink.write(chunk);
    expect(calls.filter((c) => c === 'datasync')).toHaveLength(1);
    const synced = sink.sync();
    await settle();
    expect(calls).not.toContain('sync');
    pending[0]?.resolve();
    await synced;
    expect(calls.at(-1)).toBe('sync');
    await sink.close();
    expect(calls.at(-1)).toBe('close');
  });

  it('a flush that fails fails the next write and the sync', async () => {
    const { file, pending } = recordingFile();
    const sink = fileSink(file);
    for (let i = 0; i < SYNC_EVERY / chunk.length; i++) await sink.write(chunk);
    pending[0]?.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await settle();
    await expect(sink.write(chunk)).rejects.toMatchObject({ code: 'EIO' });
    await expect(sink.sync()).rejects.toMatchObject({ code: 'EIO' });
  });

  it('an export whose drive fails a flush: IO_ERROR in plain words, and no bundle left', async () => {
    const built = await buildIncident();
    const dir = await tempDir();
    // A screenshots PDF of 40 MB, so that the bundle passes 32 MiB and a flush is asked for.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.alloc(40 * MiB, 7)]);
    const input: ExportInput = { ...built.input, screenshotsPdf: () => pdf };
    let flushes = 0;
    const failingFlush: ExportIo = {
      ...nodeIo,
      async create(path) {
        const h = await open(path, 'wx', 0o600);
        return fileSink({
          write: (bytes, offset, length) => h.write(bytes, offset, length),
          datasync: async () => {
            flushes++;
            throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
          },
          sync: () => h.sync(),
          close: () => h.close(),
        });
      },
    };
    const e = await exportBundle(input, join(dir, 'b.zip'), {}, failingFlush).then(
      () => null,
      (err: unknown) => err,
    );
    expect(flushes).toBeGreaterThan(0);
    expect(e).toBeInstanceOf(CodedError);
    expect((e as CodedError).code).toBe('IO_ERROR');
    expect((e as CodedError).message).toMatch(/^The drive could not be written: it was removed or is failing/);
    expect(await readdir(dir)).toEqual([]);
  });
});
