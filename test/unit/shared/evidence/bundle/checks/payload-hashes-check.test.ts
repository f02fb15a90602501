// The payload's hashing overlaps the other checks: the journal and the signatures are checked while the screenshots
// and the PDFs are still being hashed, and the verdict waits for every hash before anything reads one.
import { describe, expect, it } from 'vitest';
import { memorySource, type BagSource } from '@shared/evidence/bundle/bag-source';
import { PAYLOAD } from '@shared/evidence/bundle/bag-layout';
import { verifyBag } from '@shared/evidence/bundle/verify-bag';
import { generateSigningKey } from '@main/services/crypto';
import { nodeVerifierCrypto } from '@main/verify/verify-crypto';
import { capture, fakePng, forgeBag, REF, sealedJournal } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

/** The bag, with every screenshot held back until a signature has been read: a verifier that waited for all the
 *  payload's hashes before checking the signatures would wait for ever. */
const heldBack = (files: ReadonlyMap<string, Uint8Array>): { source: BagSource; order: string[] } => {
  const inner = memorySource(files, REF);
  const order: string[] = [];
  let release: () => void = () => undefined;
  const signatureRead = new Promise<void>((r) => {
    release = r;
  });
  const source: BagSource = {
    ...inner,
    stream: async function* (p) {
      order.push(p);
      if (p.startsWith('signatures/')) release();
      if (p.startsWith(`${PAYLOAD.screenshots}/`)) await signatureRead;
      yield* inner.stream(p);
    },
  };
  return { source, order };
};

describe('payload hashes', () => {
  it('the signatures and the journal are checked while the screenshots are still being hashed', async () => {
    const shots = [fakePng(1), fakePng(2)];
    const files = await forgeBag(sealedJournal(device, keys, shots.map(capture)), device, keys, shots);
    const { source, order } = heldBack(files);
    const r = await verifyBag(nodeVerifierCrypto, source);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.checks.find((c) => c.id === 'payload')?.result).toBe('passed');
    expect(order.indexOf(PAYLOAD.journal)).toBeLessThan(order.findIndex((p) => p.startsWith('signatures/')));
  });

  it('an altered screenshot is still found and named, though its hash comes after the journal is checked', async () => {
    const shots = [fakePng(1)];
    const files = new Map(await forgeBag(sealedJournal(device, keys, shots.map(capture)), device, keys, shots));
    const [shot] = [...files.keys()].filter((p) => p.startsWith(`${PAYLOAD.screenshots}/`));
    files.set(shot ?? '', fakePng(9));
    const r = await verifyBag(nodeVerifierCrypto, heldBack(files).source);
    expect(r.valid).toBe(false);
    expect(r.problems.find((p) => p.code === 'HASH_MISMATCH')?.where).toBe(shot);
    expect(r.checks.find((c) => c.id === 'payload')?.result).toBe('failed');
  });
});
