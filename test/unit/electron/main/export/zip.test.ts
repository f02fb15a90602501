// The locked (AES-256) zip: every entry WinZip AE-2 AES-256, which 7-Zip tests and Countersign verifies with the
// password; cancelled at any point, nothing is left under the final name or beside it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobReader, ZipReader } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '@shared/result';
import { bagFiles, exportBundle, type ExportInput } from '@main/export/exporter';
import { verifyBundleAt } from '@main/verify/verify-report';
import { tempDir } from '@test/helpers/vault';
import { buildIncident, type BuiltIncident } from '@test/helpers/sample-incident';

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

describe('a locked export', () => {
  it('every entry is WinZip AE-2 AES-256, 7-Zip tests it with the password, and it verifies VALID', async () => {
    const out = join(await tempDir(), 'locked.zip');
    await exportBundle(built.input, out, { password: PASSWORD });

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

  it('cancelled at any point: CANCELLED, and nothing under the final name or beside it', async () => {
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
    }
  });
});
