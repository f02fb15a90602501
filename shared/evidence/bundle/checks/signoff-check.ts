// Check: both reviewers signed off the record (the conclusion's hash), once each, after the conclusion; the audit has
// already checked each signature against the key recorded for its reviewer.
import type { JournalEntry } from '../../entries';
import { reviewerIds } from '../../reviewer-keys';
import { PAYLOAD } from '../bag-layout';
import type { CheckStep, VerifyContext } from '../verify-context';
import { at } from './procedure-check';

type Signoff = JournalEntry<'signoff.signed'>;

const checkEach = (ctx: VerifyContext, signoffs: readonly Signoff[], reviewers: readonly string[]): void => {
  const conclusion = ctx.entries.find((e) => e.kind === 'conclusion.recorded');
  for (const s of signoffs) {
    const { reviewer } = s.data;
    if (!conclusion || s.seq < conclusion.seq)
      ctx.add(
        'SIGNOFF_BEFORE_CONCLUSION',
        at(s),
        `entry ${s.seq}: ${reviewer} signed off before the conclusion was recorded`,
      );
    else if (s.data.digest !== conclusion.hash)
      ctx.add(
        'BAD_SIGNOFF',
        at(s),
        `entry ${s.seq}: ${reviewer} signed a record digest other than the conclusion's (entry ${conclusion.seq})`,
      );
    if (!reviewers.includes(reviewer))
      ctx.add(
        'SIGNOFF_NOT_REVIEWER',
        at(s),
        `entry ${s.seq}: ${reviewer} signed off but is not one of the two reviewers`,
      );
  }
};

export const signoffCheck: CheckStep = {
  id: 'signoff',
  run: (ctx) => {
    if (!ctx.journalComplete || !ctx.opened) return;
    const signoffs = ctx.entries.filter((e): e is Signoff => e.kind === 'signoff.signed');
    const reviewers = reviewerIds(ctx.entries);
    checkEach(ctx, signoffs, reviewers);
    const names = new Map(ctx.opened.data.reviewers.map((r) => [r.id, r.name]));
    const count = (id: string) => signoffs.filter((s) => s.data.reviewer === id).length;
    const missing = reviewers.filter((id) => count(id) === 0);
    if (missing.length > 0)
      ctx.add(
        'NOT_SIGNED_OFF',
        PAYLOAD.journal,
        `the record was never signed off by ${missing.map((id) => `${names.get(id) ?? id} (${id})`).join(' or ')}: ` +
          'both reviewers must sign it off with their own keys before it is a sealed record',
      );
    for (const id of reviewers.filter((r) => count(r) > 1))
      ctx.add('BAD_SIGNOFF', PAYLOAD.journal, `${names.get(id) ?? id} (${id}) signed off more than once`);
    if (ctx.audited) ctx.ran.add('signoff');
  },
};
