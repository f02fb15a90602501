// Streaming reads of a bag: hashing without holding the file, limits refused before reading, declared sizes kept.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  digestFile,
  memorySource,
  readRange,
  readWhole,
  TooLargeError,
  type BagSource,
} from '@shared/evidence/bundle/bag-source';
import { nodeVerifierCrypto } from '@main/verify/verify-crypto';

const big = new Uint8Array(randomBytes(300_000));
const source = memorySource(new Map([['data/big.bin', big]]));

describe('bag sources', () => {
  it(
    'digestFile hashes (streamed, or whole off the main thread), ' + 'keeps the file only within `keep`, and its ends',
    async () => {
      const streamed = { sha256Stream: nodeVerifierCrypto.sha256Stream };
      for (const crypto of [streamed, nodeVerifierCrypto]) {
        const d = await digestFile(crypto, source, 'data/big.bin', { keep: 100, tail: 1000, head: 8 });
        expect(d.sha256).toBe(createHash('sha256').update(big).digest('hex'));
        expect(d.bytes).toBeNull();
        expect(Buffer.from(d.tail ?? []).equals(Buffer.from(big.subarray(big.length - 1000)))).toBe(true);
        expect(Buffer.from(d.head ?? []).equals(Buffer.from(big.subarray(0, 8)))).toBe(true);
        const kept = await digestFile(crypto, source, 'data/big.bin', { keep: big.length });
        expect(Buffer.from(kept.bytes ?? []).equals(Buffer.from(big))).toBe(true);
      }
    },
  );

  it('readWhole refuses a file over its limit before reading a byte', async () => {
    let streamed = false;
    const watched: BagSource = {
      files: source.files,
      stream: (p) => {
        streamed = true;
        return source.stream(p);
      },
    };
    await expect(readWhole(watched, 'data/big.bin', 1000)).rejects.toBeInstanceOf(TooLargeError);
    expect(streamed).toBe(false);
  });

  it('a source whose bytes run past, or stop short of, the declared size is refused', async () => {
    const streamed = { sha256Stream: nodeVerifierCrypto.sha256Stream };
    const lying = (declared: number): BagSource => ({
      files: new Map([['f', declared]]),
      stream: source.stream.bind(null, 'data/big.bin'),
    });
    for (const crypto of [streamed, nodeVerifierCrypto]) {
      await expect(digestFile(crypto, lying(10), 'f')).rejects.toThrow(/more bytes than its declared 10/);
      await expect(digestFile(crypto, lying(big.length + 1), 'f')).rejects.toThrow(/not its declared/);
    }
  });

  it('readRange returns the bytes asked for, across chunks', async () => {
    const r = await readRange(source, 'data/big.bin', 65_000, 1_000);
    expect(Buffer.from(r).equals(Buffer.from(big.subarray(65_000, 66_000)))).toBe(true);
    expect((await readRange(source, 'data/big.bin', big.length - 10, 100)).length).toBe(10);
  });
});
