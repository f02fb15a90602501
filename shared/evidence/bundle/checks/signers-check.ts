// Check: whoever signed the bundle is the investigation computer or one of the two reviewers, with the key recorded
// for them: a signature by anyone else, or by a reviewer's name with another key, vouches for nothing.
import { reviewerKeyAt } from '../../reviewer-keys';
import { DEVICE_SIGNER, signaturePaths } from '../bag-layout';
import type { CheckStep } from '../verify-context';

export const signersCheck: CheckStep = {
  id: 'signers',
  run: (ctx) => {
    const { opened } = ctx;
    if (!ctx.journalComplete || !opened) return;
    for (const [name, key] of ctx.keys) {
      if (name === DEVICE_SIGNER) continue;
      const where = signaturePaths(name).pub;
      const reviewer = opened.data.reviewers.find((r) => r.id === name);
      const recorded = reviewerKeyAt(ctx.entries, name);
      if (!reviewer)
        ctx.add(
          'SIGNER_NOT_REVIEWER',
          where,
          `the bundle is signed by "${name}", who is neither the investigation computer nor one of the incident's ` +
            'two reviewers: such a signature vouches for nothing',
        );
      else if (!recorded)
        ctx.add(
          'SIGNER_KEY_MISMATCH',
          where,
          `no signing key was recorded for reviewer ${name} when the incident was opened, so ${where} cannot be ` +
            'shown to be theirs',
        );
      else if (recorded !== key.fingerprint)
        ctx.add(
          'SIGNER_KEY_MISMATCH',
          where,
          `${where} is not the key recorded for reviewer ${name} when the incident was opened`,
        );
    }
    const unreadable = ctx.signers.some((s) => s.fingerprint === null);
    if (!unreadable && ctx.keys.size > 0) ctx.ran.add('signers');
  },
};
