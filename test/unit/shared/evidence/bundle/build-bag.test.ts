// The signatures buildBag writes: raw Ed25519 over the exact bytes of the tag manifest, one per signer.
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import { bagText, capture, fakePng, forgeBag, sealedJournal } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const ah = generateSigningKey().signer;
const keys = { ah, ds: generateSigningKey().signer };

describe('signatures', () => {
  const entries = sealedJournal(device, keys, [capture(fakePng(1))]);

  it('each signature is 64 raw bytes of Ed25519 over the exact bytes of the tag manifest', async () => {
    const files = await forgeBag(entries, device, keys, [fakePng(1)]);
    for (const [name, signer] of [
      ['device', device],
      ['ah', ah],
    ] as const) {
      const sig = files.get(`signatures/${name}.sig`) ?? new Uint8Array();
      expect(sig.length).toBe(64);
      expect(bagText(files.get(`signatures/${name}.pub.pem`))).toBe(signer.publicKeyPem);
      expect(
        edVerify(
          null,
          files.get('tagmanifest-sha256.txt') ?? new Uint8Array(),
          createPublicKey(signer.publicKeyPem),
          sig,
        ),
      ).toBe(true);
    }
  });
});
