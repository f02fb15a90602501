// Check: the procedure's invariants, read directly from the journal (the state machine checks them too, as it folds).
import type { CryptoPort } from '../../chain';
import type { EntryData, JournalEntry } from '../../entries';
import { reviewerKeyAt } from '../../reviewer-keys';
import { DEVICE_SIGNER, PAYLOAD, signaturePaths } from '../bag-layout';
import type { BundleProblem } from '../bundle-report';
import type { CheckStep, SignerKey } from '../verify-context';

type Opened = JournalEntry<'incident.opened'>;
type Signoff = JournalEntry<'signoff.signed'>;

const at = (e: JournalEntry) => `${PAYLOAD.journal} entry ${e.seq}`;

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

/** Each sign-off follows the conclusion, signs its digest, by one of the two reviewers, once each. */
const signoffProblems = (
  entries: readonly JournalEntry[],
  signoffs: readonly Signoff[],
  reviewerIds: readonly string[],
  warnings: string[],
): BundleProblem[] => {
  const problems: BundleProblem[] = [];
  const conclusion = entries.find((e) => e.kind === 'conclusion.recorded');
  for (const s of signoffs) {
    const { reviewer } = s.data;
    if (!conclusion || s.seq < conclusion.seq) {
      const message = `entry ${s.seq}: ${reviewer} signed off before the conclusion was recorded`;
      problems.push({ code: 'SIGNOFF_BEFORE_CONCLUSION', where: at(s), message });
    } else if (s.data.digest !== conclusion.hash) {
      const message = `entry ${s.seq}: ${reviewer} signed a record digest other than the conclusion's`;
      problems.push({ code: 'BAD_SIGNOFF', where: at(s), message: `${message} (entry ${conclusion.seq})` });
    }
    if (!reviewerIds.includes(reviewer)) {
      const message = `entry ${s.seq}: ${reviewer} signed off but is not one of the two reviewers`;
      problems.push({ code: 'SIGNOFF_NOT_REVIEWER', where: at(s), message });
    }
  }
  const signedBy = new Set(signoffs.map((s) => s.data.reviewer));
  if (signoffs.length !== signedBy.size) {
    const message = 'one reviewer signed off twice; sign-off needs both reviewers';
    problems.push({ code: 'SAME_REVIEWER', where: PAYLOAD.journal, message });
  }
  if (!reviewerIds.every((id) => signedBy.has(id))) {
    warnings.push(
      `The record has not been signed off by both reviewers (signed by: ${[...signedBy].join(', ') || 'nobody'}).`,
    );
  }
  return problems;
};

/** Each staff signature on the bundle is by a reviewer, with the key valid for them now and used to sign off. */
const signerKeyProblems = (
  crypto: CryptoPort,
  entries: readonly JournalEntry[],
  opened: Opened,
  signoffs: readonly Signoff[],
  keys: ReadonlyMap<string, SignerKey>,
  warnings: string[],
): BundleProblem[] => {
  const problems: BundleProblem[] = [];
  for (const [name, key] of keys) {
    if (name === DEVICE_SIGNER) continue;
    const reviewer = opened.data.reviewers.find((r) => r.id === name);
    const signoff = signoffs.find((s) => s.data.reviewer === name);
    let signoffFp: string | null = null;
    try {
      signoffFp = signoff ? crypto.fingerprint(signoff.data.publicKey) : null;
    } catch {
      signoffFp = null;
    }
    const where = signaturePaths(name).pub;
    if (!reviewer) warnings.push(`The bundle is signed by ${name}, who is not one of the incident's two reviewers.`);
    else if (reviewerKeyAt(entries, name) && reviewerKeyAt(entries, name) !== key.fingerprint) {
      const message = `${where} is not the key registered for reviewer ${name} (at the opening, or by a key change)`;
      problems.push({ code: 'SIGNER_KEY_MISMATCH', where, message });
    } else if (signoffFp && signoffFp !== key.fingerprint) {
      const message = `${where} is not the key ${name} signed off with`;
      problems.push({ code: 'SIGNER_KEY_MISMATCH', where, message });
    }
  }
  return problems;
};

/** The procedure's invariants, checked directly on the journal. */
export const procedureProblems = (
  crypto: CryptoPort,
  entries: readonly JournalEntry[],
  opened: Opened,
  keys: ReadonlyMap<string, SignerKey>,
  warnings: string[],
): BundleProblem[] => {
  const signoffs = entries.filter((e): e is Signoff => e.kind === 'signoff.signed');
  const [a, b] = opened.data.reviewers;
  return [
    ...sameReviewerTwice(opened),
    ...capturesAfterLock(entries),
    ...signoffProblems(entries, signoffs, [a.id, b.id], warnings),
    ...signerKeyProblems(crypto, entries, opened, signoffs, keys, warnings),
  ];
};

export const procedureCheck: CheckStep = {
  id: 'procedure',
  run: (ctx) => {
    if (ctx.journalComplete && ctx.opened)
      ctx.problems.push(...procedureProblems(ctx.crypto, ctx.entries, ctx.opened, ctx.keys, ctx.warnings));
  },
};
