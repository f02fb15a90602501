// Screenshots against the captures in the journal, on journals the app would never write.
import { describe, expect, it } from 'vitest';
import { generateSigningKey, sha256Hex } from '@main/services/crypto';
import {
  capture,
  codes,
  fakePng,
  forgeBag,
  sealedJournal,
  toConclusionAfterHalt,
  verifyFiles,
} from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

describe('screenshots, on journals the app would never write (signed with the real device key)', () => {
  it('a purged capture shipped in the bundle', async () => {
    const sha = sha256Hex(fakePng(1));
    const e = sealedJournal(
      device,
      keys,
      [
        capture(fakePng(1)),
        { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt' } },
        { kind: 'halt.purge-decided', actor: 'ds', data: { captures: [sha] } },
        { kind: 'capture.purged', actor: 'ds', data: { sha256: sha, fileDestroyed: true } },
      ],
      [],
      toConclusionAfterHalt,
    );
    const r = await verifyFiles(await forgeBag(e, device, keys, [fakePng(1)]));
    expect(codes(r)).toEqual(['PURGED_PRESENT']);
  });

  it('a screenshot with no capture in the journal, and a capture with no screenshot', async () => {
    const e = sealedJournal(device, keys, [capture(fakePng(1))]);
    const r = await verifyFiles(await forgeBag(e, device, keys, [fakePng(2)]));
    expect(codes(r)).toEqual(['SCREENSHOT_MISSING', 'SCREENSHOT_UNRECORDED']);
  });
});
