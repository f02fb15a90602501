// Evidence files streamed from the vault: decrypted in chunks to the same bytes as a whole read, and a damaged or
// altered file fails the stream at its end, so nothing made from it is kept.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesGcmCodec } from '@main/services/aes-codec';
import { chunksOf } from '@main/services/durable';
import { Vault, type IncidentStore } from '@main/services/vault';
import { incidentInReview, newVault, tempDir } from '@test/helpers/vault';
import { fakeClock } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

const readAll = async (stream: ReadableStream<Uint8Array>): Promise<{ bytes: Buffer; chunks: number }> => {
  const parts: Uint8Array[] = [];
  for await (const c of chunksOf(stream)) parts.push(c);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
};

const encrypted = async (): Promise<IncidentStore> => {
  const vault = await Vault.create(join(await tempDir(), 'data'), {
    codec: aesGcmCodec(randomBytes(32)),
    clock: fakeClock(),
  });
  return incidentInReview(vault);
};

describe('IncidentStore.fileStream', () => {
  it('gives the exact plain bytes in chunks, from an encrypted vault and a plain one', async () => {
    for (const store of [await encrypted(), await incidentInReview(await newVault())]) {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const sha = await store.putFile(bytes);
      const { size, stream } = await store.fileStream(sha);
      expect(size).toBe(bytes.length);
      const read = await readAll(stream);
      expect(read.bytes.equals(bytes)).toBe(true);
      expect(read.chunks).toBeGreaterThan(3);
    }
  });

  it('fails with CORRUPT at the end when the stored file was altered, and NOT_FOUND when it is missing', async () => {
    for (const store of [await encrypted(), await incidentInReview(await newVault())]) {
      const sha = await store.putFile(randomBytes(2 * 1024 * 1024));
      const path = join(store.dir, 'files', sha);
      const stored = await readFile(path);
      stored.writeUInt8(stored.readUInt8(stored.length >> 1) ^ 1, stored.length >> 1);
      await writeFile(path, stored);
      await expect(readAll((await store.fileStream(sha)).stream)).rejects.toMatchObject({ code: 'CORRUPT' });
      await expect(store.fileStream('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
