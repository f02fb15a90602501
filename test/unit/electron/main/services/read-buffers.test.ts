// Evidence files are read through buffers that are reused, not one fresh buffer of megabytes a read: each was memory
// the collector took back a full collection at a time, and an export of 50 captures made some 37 of them (README,
// bench:bundle). The bytes given are still exactly the file's, checked against its hash, and never overwritten later.
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { readFile, writeFile } from 'node:fs/promises';
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
    const parts: Uint8Array[] = [];
    const read = async (start: number, length: number, buf?: Uint8Array) => {
      if (length > 64) into.add(buf);
      const view = buf ? buf.subarray(0, length) : Buffer.alloc(length);
      view.set(stored.subarray(start, start + length));
      return view;
    };
    for await (const part of codec.decodeFileChunks(read, stored.length, 'ctx')) parts.push(part);
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
    expect(into.size).toBe(1);
    expect([...into][0]).toBeInstanceOf(Uint8Array);
  });

  it('gives each file exactly, larger and smaller in turn, and a plain vault’s bytes stay as given', async () => {
    for (const store of [await encrypted(), await incidentInReview(await newVault())]) {
      const files = [randomBytes(2 * MiB), randomBytes(3 * MiB), randomBytes(MiB + 3)];
      const shas = [];
      for (const f of files) shas.push(await store.putFile(f));
      const into = new ReadBuffer();
      const given = [];
      for (const sha of shas) given.push(await store.getFile(sha, into));
      // What each read gave is still that file after the later reads, in either vault.
      given.forEach((bytes, i) => expect(Buffer.from(bytes).equals(files[i] as Buffer)).toBe(true));
    }
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
    let bytes = 0;
    for await (const c of chunksOf(incidentScreenshotsPdf(store, recordOf(store), new Date(0)))) bytes += c.length;
    expect(bytes).toBeGreaterThan(1000);
    expect(evidenceReads()).toBe(0);
    // getFile without a buffer still reads each file whole into one of its own.
    const [first] = await store.listFiles();
    await store.getFile(first ?? '');
    expect(evidenceReads()).toBe(1);
  });
});
