// The procedure's invariants, on journals the app would never write.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import {
  capture,
  codes,
  fakePng,
  forgeBag,
  forgeJournal,
  opened,
  toReview,
  verifyFiles,
} from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const ah = generateSigningKey().signer;

describe('procedure invariants, on journals the app would never write (signed with the real device key)', () => {
  it('a capture after the halt', async () => {
    const e = forgeJournal(device, [
      opened(device.fingerprint),
      ...toReview,
      capture(fakePng(1)),
      { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt' } },
      capture(fakePng(2)),
    ]);
    const r = await verifyFiles(forgeBag(e, device, ah, [fakePng(1), fakePng(2)]));
    expect(codes(r)).toEqual(['CAPTURE_AFTER_HALT', 'PROCEDURE']);
    expect(r.problems.find((p) => p.code === 'CAPTURE_AFTER_HALT')?.where).toBe(
      `data/journal.jsonl entry ${e.findLast((x) => x.kind === 'capture.taken')?.seq}`,
    );
  });

  it('the same person as both reviewers', async () => {
    const e = forgeJournal(device, [opened(device.fingerprint, ['ah', 'ah'])]);
    const r = await verifyFiles(forgeBag(e, device, ah, []));
    expect(codes(r)).toEqual(['PROCEDURE', 'SAME_REVIEWER']);
  });

  it('a sign-off before the conclusion', async () => {
    const e = forgeJournal(device, [
      opened(device.fingerprint),
      ...toReview,
      { kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } },
      {
        kind: 'signoff.signed',
        actor: 'ah',
        data: { reviewer: 'ah', digest: 'a'.repeat(64), publicKey: ah.publicKeyPem, signature: 'b'.repeat(128) },
      },
    ]);
    const r = await verifyFiles(forgeBag(e, device, ah, []));
    expect(codes(r)).toContain('SIGNOFF_BEFORE_CONCLUSION');
    expect(codes(r)).toContain('BAD_SIGNOFF');
  });
});
