// A locked (AES-256) export encrypts in a worker thread: the zip is the same kind as before (every entry WinZip AE-2
// AES-256, 7-Zip tests it, it verifies), cancelling leaves nothing behind, and no thread outlives the export.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as threads from 'node:worker_threads';
import { BlobReader, ZipReader } from '@zip.js/zip.js';
import { openAsBlob } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CodedError } from '@shared/result';
import { bagFiles, exportBundle, type ExportInput } from '@main/export/exporter';
import { verifyBundleAt } from '@main/verify/verify-report';
import { tempDir } from '@test/helpers/vault';
import { buildIncident, type BuiltIncident } from '@test/helpers/sample-incident';

/** Every worker thread started in this file, and whether it has ended. */
const started: { ended: boolean }[] = [];
vi.mock('node:worker_threads', async (original) => {
  const real = await original<typeof threads>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      const seen = { ended: false };
      started.push(seen);
      this.once('exit', () => (seen.ended = true));
    }
  }
  return { ...real, Worker: CountedWorker };
});

const PASSWORD = 'copper heron over the weir 5521';
let built: BuiltIncident;
beforeAll(async () => {
  built = await buildIncident();
});

/** The incident with a screenshots PDF of a few megabytes (not a real one), streamed in pieces as it is read. */
const withLargePdf = (pdf: Buffer): ExportInput => ({
  ...built.input,
  screenshotsPdf: () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < pdf.length; at += 65536) controller.enqueue(pdf.subarray(at, at + 65536));
        controller.close();
      },
    }),
});
const largePdf = () => Buffer.concat([Buffer.from('%PDF-1.3\n'), randomBytes(4_000_000)]);

const allEnded = async () => {
  for (let i = 0; i < 100 && started.some((t) => !t.ended); i++) await new Promise((r) => setTimeout(r, 20));
  return started.every((t) => t.ended);
};

describe('a locked export encrypts in a worker thread', () => {
  it('every entry is WinZip AE-2 AES-256, 7-Zip tests it with the password, and it verifies VALID', async () => {
    const before = started.length;
    const out = join(await tempDir(), 'locked.zip');
    await exportBundle(built.input, out, { password: PASSWORD });
    expect(started.length).toBeGreaterThan(before);
    expect(await allEnded()).toBe(true);

    const reader = new ZipReader(new BlobReader(await openAsBlob(out)));
    const entries = await reader.getEntries();
    await reader.close();
    const files = entries.filter((e) => !e.directory);
    expect(files.length).toBe((await bagFiles(built.input)).length);
    for (const e of files) {
      expect(e.encrypted, e.filename).toBe(true);
      expect(e.zipCrypto, e.filename).toBe(false);
      // AE-2 (vendor version 2, no CRC-32 of the plain bytes), AES-256 (strength 3).
      expect(e.extraFieldAES, e.filename).toMatchObject({ vendorVersion: 2, strength: 3 });
      expect(e.signature ?? e.crc32, e.filename).toBe(0);
    }

    const seven = spawnSync('7zz', ['t', `-p${PASSWORD}`, out], { encoding: 'utf8' });
    expect(seven.status, seven.stdout + seven.stderr).toBe(0);
    expect(spawnSync('7zz', ['t', '-pnot-it', out], { encoding: 'utf8' }).status).not.toBe(0);
    const report = await verifyBundleAt({ path: out, password: PASSWORD });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('valid');
  });

  it('cancelled at any point: CANCELLED, nothing under the final name or beside it, and the thread ended', async () => {
    const pdf = largePdf();
    const total = (await bagFiles(withLargePdf(pdf)))
      .filter((f) => f.path.startsWith('data/'))
      .reduce((n, f) => n + f.bytes.length, 0);
    for (const fraction of [0, 0.2, 0.5, 0.95]) {
      const dir = await tempDir();
      const ac = new AbortController();
      const at = Math.floor(total * fraction);
      const e = await exportBundle(withLargePdf(pdf), join(dir, 'b.zip'), {
        password: PASSWORD,
        signal: ac.signal,
        onProgress: (d) => d >= at && ac.abort(),
      }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e instanceof CodedError ? e.code : e, `cancelled at ${fraction}`).toBe('CANCELLED');
      expect(await readdir(dir), `cancelled at ${fraction}`).toEqual([]);
      expect(await allEnded(), `cancelled at ${fraction}`).toBe(true);
    }
  });
});
