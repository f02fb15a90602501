// zip.js, which writes the locked (AES-256) bundles, hands an entry's bytes to the file in chunks of 1 MiB, not its
// default 256 KiB: each chunk is a copy, an encryption step and a write, and at 256 KiB zipping took some 20% more
// processor time (README, bench:bundle).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '@main/export/exporter';
import { ZIP_CHUNK_BYTES } from '@main/export/zip';
import { capturingIo } from '@test/helpers/export-io';
import { tempDir } from '@test/helpers/vault';
import { buildIncident } from '@test/helpers/sample-incident';

const MiB = 1024 * 1024;

describe('the locked zip writer', () => {
  it('writes a large entry in 1 MiB pieces, whatever size of pieces it is given', async () => {
    const built = await buildIncident();
    const pdf = randomBytes(5 * MiB);
    const pieces: Uint8Array[] = [];
    await exportBundle(
      {
        ...built.input,
        // Given to the zip in 64 KiB pieces, as PDFKit and the vault's streams hand over theirs.
        screenshotsPdf: () =>
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (let at = 0; at < pdf.length; at += 64 * 1024) controller.enqueue(pdf.subarray(at, at + 64 * 1024));
              controller.close();
            },
          }),
      },
      join(await tempDir('cs-zip-chunks-'), 'bundle.zip'),
      { password: 'copper heron over the weir 5521' },
      capturingIo(pieces),
    );
    const writes = pieces.map((p) => p.length);
    expect(Math.max(...writes)).toBe(MiB);
    // The PDF's five mebibytes went out as whole mebibytes, not twenty pieces of a quarter.
    expect(writes.filter((n) => n === MiB).length).toBeGreaterThanOrEqual(4);
    expect(writes.filter((n) => n === 256 * 1024)).toHaveLength(0);
    expect(ZIP_CHUNK_BYTES).toBe(MiB);
  });
});
