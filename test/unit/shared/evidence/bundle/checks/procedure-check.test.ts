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
  sealedJournal,
  toReview,
  verifyFiles,
} from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

describe('procedure invariants, on journals the app would never write (signed with the real device key)', () => {
  it('a capture after the halt', async () => {
    const e = sealedJournal(device, keys, [
      capture(fakePng(1)),
      { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt' } },
      capture(fakePng(2)),
    ]);
    const r = await verifyFiles(await forgeBag(e, device, keys, [fakePng(1), fakePng(2)]));
    expect(codes(r)).toContain('CAPTURE_AFTER_HALT');
    expect(codes(r)).toContain('PROCEDURE');
    expect(r.problems.find((p) => p.code === 'CAPTURE_AFTER_HALT')?.where).toBe(
      `data/journal.jsonl entry ${e.findLast((x) => x.kind === 'capture.taken')?.seq}`,
    );
    expect(r.checks.find((c) => c.id === 'procedure')?.result).toBe('failed');
    expect(r.status).toBe('invalid');
  });

  it('the same person as both reviewers', async () => {
    const e = forgeJournal(device, [opened(device.fingerprint, ['ah', 'ah'], keys), ...toReview]);
    const r = await verifyFiles(await forgeBag(e, device, keys, []));
    expect(codes(r)).toContain('SAME_REVIEWER');
    expect(codes(r)).toContain('PROCEDURE');
  });
});
