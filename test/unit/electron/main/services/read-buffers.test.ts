// Evidence files are read through buffers that are reused, not one fresh buffer of megabytes a read: each was memory
// the collector took back a full collection at a time, and an export of 50 captures made some 37 of them (README,
// bench:bundle). The bytes given are still exactly the file's, checked against its hash.
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { incidentScreenshotsPdf, recordOf } from '@main/export/incident-bundle';
import { aesGcmCodec } from '@main/services/aes-codec';
import { chunksOf } from '@main/services/durable';
import { ReadBuffer } from '@main/services/read-buffer';
import { Vault, type IncidentStore } from '@main/services/vault';
import { incidentInReview, newVault, storeCapture, tempDir } from '@test/helpers/vault';
import { fakeClock } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return { ...fs, readFile: vi.fn(fs.readFile) };
});

const MiB = 1024 * 1024;
const run = promisify(execFile);

const encrypted = async (): Promise<IncidentStore> =>
  incidentInReview(
    await Vault.create(join(await tempDir(), 'data'), { codec: aesGcmCodec(randomBytes(32)), clock: fakeClock() }),
  );

afterEach(() => vi.mocked(fsPromises.readFile).mockClear());

describe('reading evidence through reused buffers', () => {
  it('decrypts a stored file chunk by chunk, every chunk read into the same buffer', async () => {
    const codec = aesGcmCodec(randomBytes(32));
    const plain = randomBytes(3 * MiB + 5);
    const stored = Buffer.from(codec.encodeFile(plain, 'ctx'));
    /** The buffers the body's megabytes were read into (the header and tag before it are a few bytes each). */
    const into = new Set<Uint8Array | undefined>();
    const lengths: number[] = [];
    const parts: Uint8Array[] = [];
    const read = async (start: number, length: number, buf?: Uint8Array) => {
      if (length > 64) into.add(buf);
      lengths.push(length);
      const view = buf ? buf.subarray(0, length) : Buffer.alloc(length);
      view.set(stored.subarray(start, start + length));
      return view;
    };
    for await (const part of codec.decodeFileChunks(read, stored.length, 'ctx')) parts.push(part);
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
    expect(into.size).toBe(1);
    expect([...into][0]).toBeInstanceOf(Uint8Array);
    // 128 KiB at a time: each piece's decryption is a fresh buffer, and glibc serves ones this size from memory it has
    // (at 1 MiB each was fresh pages from the system, and decryption took twice the processor time).
    expect(Math.max(...lengths)).toBe(128 * 1024);
    expect(parts.every((p) => p.length <= 128 * 1024)).toBe(true);
  });

  it('gives each file exactly, larger and smaller in turn, decrypted into one buffer it reuses', async () => {
    for (const store of [await encrypted(), await incidentInReview(await newVault())]) {
      const files = [randomBytes(3 * MiB), randomBytes(2 * MiB), randomBytes(MiB + 3)];
      const shas = [];
      for (const f of files) shas.push(await store.putFile(f));
      const into = new ReadBuffer();
      const buffers = new Set<ArrayBufferLike>();
      for (const [i, sha] of shas.entries()) {
        // Valid until the next read through the same buffer: the screenshots PDF draws each capture before the next.
        const bytes = await store.getFile(sha, into);
        expect(Buffer.from(bytes).equals(files[i] as Buffer)).toBe(true);
        buffers.add(bytes.buffer);
      }
      // The largest file first: every later one fits in the buffer it made, so there is one in all.
      expect(buffers.size).toBe(1);
    }
  });

  it('decrypts a whole file a chunk at a time into the room given, and refuses room too small', () => {
    const codec = aesGcmCodec(randomBytes(32));
    const plain = randomBytes(2 * MiB + 9);
    const stored = codec.encodeFile(plain, 'ctx');
    const room = Buffer.alloc(plain.length + 100);
    const opened = codec.decodeFile(stored, 'ctx', room);
    // Compared as a boolean: a failing toBe would print both buffers of megabytes.
    expect(opened.buffer === room.buffer).toBe(true);
    expect(Buffer.from(opened).equals(plain)).toBe(true);
    expect(() => codec.decodeFile(stored, 'ctx', Buffer.alloc(10))).toThrow(/too small/);
  });

  it('refuses an altered file read through the buffer as CORRUPT', async () => {
    for (const store of [await encrypted(), await incidentInReview(await newVault())]) {
      const sha = await store.putFile(randomBytes(MiB));
      const path = join(store.dir, 'files', sha);
      const stored = await readFile(path);
      stored.writeUInt8(stored.readUInt8(stored.length >> 1) ^ 1, stored.length >> 1);
      await writeFile(path, stored);
      await expect(store.getFile(sha, new ReadBuffer())).rejects.toMatchObject({ code: 'CORRUPT' });
    }
  });

  it('the screenshots PDF reads its captures into one buffer, none into a buffer of its own', async () => {
    const store = await encrypted();
    for (const colour of ['#c00000', '#00c000', '#0000c0']) {
      const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: colour } })
        .png()
        .toBuffer();
      await storeCapture(store, png);
    }
    const evidenceReads = () =>
      vi.mocked(fsPromises.readFile).mock.calls.filter(([p]) => String(p).startsWith(join(store.dir, 'files'))).length;
    vi.mocked(fsPromises.readFile).mockClear();
    const parts: Uint8Array[] = [];
    for await (const c of chunksOf(incidentScreenshotsPdf(store, recordOf(store), new Date(0)))) parts.push(c);
    expect(evidenceReads()).toBe(0);
    // Each page shows its own capture: the buffer one was read into, reused for the next, had been drawn from already.
    const dir = await tempDir('cs-read-buffers-');
    await writeFile(join(dir, 'shots.pdf'), Buffer.concat(parts));
    await run('pdfimages', ['-png', join(dir, 'shots.pdf'), join(dir, 'img')]);
    const images = (await readdir(dir)).filter((f) => f.startsWith('img')).sort();
    const firstPixels = [];
    for (const f of images) firstPixels.push([...(await sharp(join(dir, f)).raw().toBuffer()).subarray(0, 3)]);
    expect(firstPixels).toEqual([
      [0xc0, 0, 0],
      [0, 0xc0, 0],
      [0, 0, 0xc0],
    ]);
    // getFile without a buffer still reads each file whole into one of its own.
    const [first] = await store.listFiles();
    await store.getFile(first ?? '');
    expect(evidenceReads()).toBe(1);
  });
});
