// Check: the procedure's invariants, read directly from the journal (the audit's fold of the state machine checks the
// order of every step too, and files what it finds under this check).
import type { EntryData, JournalEntry } from '../../entries';
import { PAYLOAD } from '../bag-layout';
import type { BundleProblem } from '../bundle-report';
import type { CheckStep } from '../verify-context';

type Opened = JournalEntry<'incident.opened'>;

export const at = (e: JournalEntry): string => `${PAYLOAD.journal} entry ${e.seq}`;

const sameReviewerTwice = (opened: Opened): BundleProblem[] => {
  const [a, b] = opened.data.reviewers;
  if (a.id !== b.id) return [];
  const message = `both reviewers are the same person (${a.id}); the procedure needs two`;
  return [{ code: 'SAME_REVIEWER', where: at(opened), message }];
};

/** Capture locks at a halt, or when triage says illegal content is suspected: nothing may be captured after. */
const capturesAfterLock = (entries: readonly JournalEntry[]): BundleProblem[] => {
  const lockedAt = entries.find(
    (e) =>
      e.kind === 'review.halted' ||
      (e.kind === 'triage.answered' && (e.data as EntryData<'triage.answered'>).illegalSuspected),
  );
  if (!lockedAt) return [];
  return entries
    .filter((e) => e.kind === 'capture.taken' && e.seq > lockedAt.seq)
    .map((e): BundleProblem => ({
      code: 'CAPTURE_AFTER_HALT',
      where: at(e),
      message: `entry ${e.seq} is a capture taken after capture was locked at entry ${lockedAt.seq} (${lockedAt.kind})`,
    }));
};

export const procedureCheck: CheckStep = {
  id: 'procedure',
  run: (ctx) => {
    if (!ctx.journalComplete || !ctx.opened) return;
    ctx.problems.push(...sameReviewerTwice(ctx.opened), ...capturesAfterLock(ctx.entries));
    if (ctx.audited) ctx.ran.add('procedure');
  },
};
