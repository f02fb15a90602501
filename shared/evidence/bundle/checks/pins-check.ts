// Check: the values typed from the signed paper form (the computer's key, the reviewers' keys, the record digest) are
// the bundle's. Only the paper ties a bundle to the school: a consistent bundle built by someone else fails here.
import { PAYLOAD } from '../bag-layout';
import { matchPins, paperValues } from '../paper-values';
import type { CheckStep } from '../verify-context';

const WHAT = {
  device: "the computer's key fingerprint",
  reviewer: "a reviewer's key fingerprint",
  digest: 'the record digest',
} as const;

export const pinsCheck: CheckStep = {
  id: 'pins',
  run: (ctx) => {
    const { pins, opened } = ctx;
    const given = pins.device !== undefined || pins.digest !== undefined || (pins.reviewers?.length ?? 0) > 0;
    if (!given || !ctx.journalComplete || !opened) return;
    ctx.pinReports = matchPins(pins, paperValues(ctx.crypto, ctx.entries, opened));
    for (const p of ctx.pinReports) {
      if (p.matched) continue;
      if (p.repeated) {
        ctx.add(
          'PIN_MISMATCH',
          PAYLOAD.journal,
          `the same reviewer's key fingerprint was typed twice (${p.expected}): ` +
            "type each reviewer's fingerprint from the printed form once, the second reviewer's as well",
        );
        continue;
      }
      ctx.add(
        'PIN_MISMATCH',
        PAYLOAD.journal,
        `${WHAT[p.what]} typed from the printed form (${p.expected}) is not in this bundle: ` +
          'the bundle is not the one the paper form describes',
      );
    }
    ctx.ran.add('pins');
  },
};
