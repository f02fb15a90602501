// The unencrypted bundle's zip: stored entries reach the file as given (no copy of the evidence's bytes), CRC-32s that
// 7-Zip, yauzl and zip.js agree with, Zip64 when asked, a refusal past 4 GB without it, and a source closed whatever
// fails.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { fromBuffer, type Entry } from 'yauzl';
import { describe, expect, it } from 'vitest';
import { CodedError } from '@shared/result';
import { exportBundle } from '@main/export/exporter';
import { PlainZipWriter } from '@main/export/plain-zip';
import { writeZipFile, type ZipItem } from '@main/export/zip';
import { capturingIo } from '@test/helpers/export-io';
import { verifyBundleAt } from '@main/verify/verify-report';
import { buildIncident } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

const MiB = 1024 * 1024;
const AT = new Date('2026-11-30T14:07:30Z');

const streamOf = (pieces: readonly Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> => {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces[i++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel: () => onCancel?.(),
  });
};

interface Read {
  name: string;
  method: number;
  crc: number;
  bytes: Buffer;
}

/** The entries as yauzl (the verifier's reader) sees them, checking each CRC-32 as it inflates. */
const yauzlEntries = (zip: Buffer): Promise<Read[]> =>
  new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, file) => {
      if (err) return reject(err);
      const out: Read[] = [];
      file.on('entry', (e: Entry) => {
        file.openReadStream(e, (e2, s) => {
          if (e2) return reject(e2);
          const parts: Buffer[] = [];
          s.on('data', (d: Buffer) => parts.push(d));
          s.on('error', reject);
          s.on('end', () => {
            out.push({ name: e.fileName, method: e.compressionMethod, crc: e.crc32, bytes: Buffer.concat(parts) });
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(out));
      file.on('error', reject);
      file.readEntry();
    });
  });

const files = (capture: Buffer, text: string) => [
  { name: 'bag/data/capture.png', bytes: capture, store: true },
  { name: 'bag/data/journal.jsonl', bytes: Buffer.from(text), store: false },
  { name: 'bag/data/pages/source.html', bytes: Buffer.from(text.repeat(3)), store: false },
  { name: 'bag/data/empty.txt', bytes: Buffer.alloc(0), store: false },
  { name: 'bag/data/école.txt', bytes: Buffer.from('une ligne\n'), store: true },
];

describe('the zip of a bundle without a password', () => {
  it('hands each piece of a stored entry to the file as given: the evidence is not copied on its way', async () => {
    const pieces = Array.from({ length: 5 }, () => randomBytes(MiB));
    const writes: Uint8Array[] = [];
    const items: ZipItem[] = [{ name: 'bag/data/capture.png', bytes: () => streamOf(pieces), store: true }];
    await writeZipFile(join(await tempDir(), 'bundle.zip'), items, { lastModDate: AT, io: capturingIo(writes) });
    // The very buffers the source gave, in order: zip.js copied each into chunks of its own.
    for (const piece of pieces) expect(writes.some((w) => w === piece)).toBe(true);
  });

  for (const zip64 of [false, true]) {
    it(`is read back exactly by 7-Zip, yauzl and zip.js${zip64 ? ', with Zip64 records' : ''}`, async () => {
      const dir = await tempDir('cs-plain-zip-');
      const out = join(dir, 'bundle.zip');
      const capture = randomBytes(3 * MiB + 17);
      const text = `${JSON.stringify({ kind: 'capture.taken', at: AT.toISOString() })}\n`.repeat(2000);
      const given = files(capture, text);
      const items: ZipItem[] = given.map((f, i) => ({
        name: f.name,
        store: f.store,
        // Some in memory, some streamed in uneven pieces.
        bytes:
          i % 2 === 0
            ? () =>
                streamOf([
                  f.bytes.subarray(0, 100_000),
                  f.bytes.subarray(100_000, 1_100_000),
                  f.bytes.subarray(1_100_000),
                ])
            : f.bytes,
      }));
      await writeZipFile(out, items, { lastModDate: AT, ...(zip64 ? { zip64: true } : {}) });

      const seven = spawnSync('7zz', ['t', out], { encoding: 'utf8' });
      expect(seven.status, seven.stdout + seven.stderr).toBe(0);
      const listing = spawnSync('7zz', ['l', '-slt', out], { encoding: 'utf8' }).stdout;
      expect(listing).toContain('Method = Store');
      expect(listing).toContain('Method = Deflate');

      const read = await yauzlEntries(await readFile(out));
      expect(read.map((r) => r.name)).toEqual(given.map((f) => f.name));
      for (const [i, f] of given.entries()) {
        const r = read[i] as Read;
        expect(r.bytes.equals(f.bytes), f.name).toBe(true);
        expect(r.crc, f.name).toBe(crc32(f.bytes));
        expect(r.method, f.name).toBe(f.store ? 0 : 8);
      }
      // The deflated text is smaller than the text.
      expect(read[1]?.bytes.length).toBe(text.length);

      const reader = new ZipReader(new BlobReader(await openAsBlob(out)));
      const entries = await reader.getEntries();
      for (const [i, e] of entries.entries()) {
        if (e.directory) continue;
        expect(
          Buffer.from(await e.getData(new Uint8ArrayWriter(), { checkSignature: true })).equals(
            given[i]?.bytes ?? Buffer.alloc(1),
          ),
        ).toBe(true);
        // The extended timestamp gives the time in UTC, whatever the time zone.
        expect(e.lastModDate.getTime()).toBe(AT.getTime());
        expect(e.zip64).toBe(zip64);
      }
      await reader.close();
    });
  }

  it('without Zip64, an archive past 4 GB is refused, not written wrong; with it, the sizes are exact', async () => {
    // 4 GiB and one mebibyte of zeros, the same buffer over and over, to a writer that keeps nothing.
    const piece = Buffer.alloc(64 * MiB);
    const pieces = Array.from({ length: 64 }, () => piece).concat([Buffer.alloc(MiB)]);
    const size = 64 * 64 * MiB + MiB;
    const tail: Uint8Array[] = [];
    let offset = 0;
    const keepTail = async (b: Uint8Array) => {
      offset += b.length;
      if (b.length < MiB) tail.push(Uint8Array.from(b));
    };
    const without = new PlainZipWriter(keepTail, { lastModDate: AT });
    const refused = await without.add({ name: 'big.png', bytes: streamOf(pieces), store: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(CodedError);
    expect((refused as CodedError).code).toBe('INTERNAL');

    tail.length = 0;
    offset = 0;
    const with64 = new PlainZipWriter(keepTail, { lastModDate: AT, zip64: true });
    await with64.add({ name: 'big.png', bytes: streamOf(pieces), store: true });
    await with64.close();
    const end = Buffer.concat(tail);
    // The data descriptor's eight-byte sizes, and the Zip64 end record's directory offset after the data.
    const descriptor = end.subarray(end.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08])));
    expect(Number(descriptor.readBigUInt64LE(8))).toBe(size);
    expect(Number(descriptor.readBigUInt64LE(16))).toBe(size);
    const end64 = end.subarray(end.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])));
    expect(Number(end64.readBigUInt64LE(48))).toBeGreaterThan(size);
    expect(offset).toBeGreaterThan(size);
  }, 60_000);

  it('cancelled in the middle of a capture: CANCELLED, the capture is no longer read, nothing is left', async () => {
    const dir = await tempDir('cs-plain-zip-');
    const controller = new AbortController();
    let cancelled = false;
    let given = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        if (++given === 3) controller.abort();
        c.enqueue(randomBytes(MiB));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const items: ZipItem[] = [{ name: 'bag/data/capture.png', bytes: () => source, store: true }];
    const failed = await writeZipFile(join(dir, 'bundle.zip'), items, {
      lastModDate: AT,
      signal: controller.signal,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((failed as CodedError).code).toBe('CANCELLED');
    expect(cancelled).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a clock outside the years a zip date can hold still gives a zip 7-Zip tests', async () => {
    for (const when of [new Date('2150-06-01T12:00:00Z'), new Date('1970-01-02T00:00:00Z')]) {
      const out = join(await tempDir('cs-plain-zip-'), 'bundle.zip');
      await writeZipFile(out, [{ name: 'bag/a.txt', bytes: Buffer.from('a'), store: false }], { lastModDate: when });
      expect(spawnSync('7zz', ['t', out], { encoding: 'utf8' }).status).toBe(0);
    }
  });

  it('an entry refused before it is read (a name given twice) still closes its stream', async () => {
    const zip = new PlainZipWriter(async () => undefined, { lastModDate: AT });
    await zip.add({ name: 'bag/data/a.png', bytes: Buffer.from('a'), store: true });
    let closed = false;
    const again = zip.add({
      name: 'bag/data/a.png',
      bytes: streamOf([Buffer.from('b')], () => {
        closed = true;
      }),
      store: true,
    });
    await expect(again).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(closed).toBe(true);
  });

  it('a capture that fails at its end (altered in the vault) fails the export, and nothing is left', async () => {
    const dir = await tempDir('cs-plain-zip-');
    const items: ZipItem[] = [
      {
        name: 'bag/data/capture.png',
        store: true,
        bytes: () =>
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(randomBytes(MiB));
              c.error(new CodedError('CORRUPT', 'Evidence file does not match its hash.'));
            },
          }),
      },
    ];
    const failed = await writeZipFile(join(dir, 'bundle.zip'), items, { lastModDate: AT }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((failed as CodedError).code).toBe('CORRUPT');
    expect(await readdir(dir)).toEqual([]);
  });

  it('an exported bundle is VALID and 7-Zip tests it', async () => {
    const built = await buildIncident();
    const out = join(await tempDir('cs-plain-zip-'), 'bundle.zip');
    await exportBundle(built.input, out);
    expect(spawnSync('7zz', ['t', out], { encoding: 'utf8' }).status).toBe(0);
    const report = await verifyBundleAt({ path: out });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('valid');
  });
});
