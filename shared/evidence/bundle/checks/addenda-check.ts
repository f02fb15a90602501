// Check: every addendum and follow-up (facts added after sign-off) carries a valid signature by a reviewer, made with
// the key recorded for them at that point of the journal.
import { followUpMessage } from '../../../procedure/follow-ups';
import { addendumMessage } from '../../chain';
import type { JournalEntry } from '../../entries';
import { reviewerKeyAt } from '../../reviewer-keys';
import type { CheckStep, VerifyContext } from '../verify-context';
import { at } from './procedure-check';

type Signed = JournalEntry<'addendum.added'> | JournalEntry<'followup.added'>;

/** Every public key the bundle holds (sign-offs, signatures/), by fingerprint: an addendum names only its signer. */
const knownKeys = (ctx: VerifyContext): Map<string, string> => {
  const keys = new Map<string, string>();
  for (const k of ctx.keys.values()) keys.set(k.fingerprint, k.pem);
  for (const e of ctx.entries) {
    if (e.kind !== 'signoff.signed') continue;
    const pem = (e as JournalEntry<'signoff.signed'>).data.publicKey;
    try {
      keys.set(ctx.crypto.fingerprint(pem), pem);
    } catch {
      // An unreadable sign-off key is the sign-off check's problem; it simply vouches for no addendum here.
    }
  }
  return keys;
};

/** What the reviewer signed for this entry, and what the report calls it. */
const signedWords = (e: Signed, ref: string): { message: string; what: string } =>
  e.kind === 'addendum.added'
    ? { message: addendumMessage(ref, e.data.text), what: 'the addendum' }
    : { message: followUpMessage(ref, e.data), what: 'the follow-up' };

const checkAddendum = (ctx: VerifyContext, e: Signed, ref: string, keys: ReadonlyMap<string, string>): void => {
  const signatures = e.data.signatures ?? [];
  const { message, what } = signedWords(e, ref);
  if (signatures.length === 0) {
    ctx.add('ADDENDUM_UNSIGNED', at(e), `entry ${e.seq}: ${what} is signed by nobody`);
    return;
  }
  for (const s of signatures) {
    const recorded = reviewerKeyAt(ctx.entries, s.reviewer, e.seq);
    const pem = recorded ? keys.get(recorded) : undefined;
    const bad = (why: string) => ctx.add('ADDENDUM_SIGNATURE', at(e), `entry ${e.seq}: ${what} ${why}`);
    if (!ctx.opened?.data.reviewers.some((r) => r.id === s.reviewer))
      bad(`is signed by "${s.reviewer}", who is not one of the two reviewers`);
    else if (!recorded) bad(`is signed by ${s.reviewer}, for whom no signing key was recorded`);
    else if (!pem) bad(`is signed by ${s.reviewer}, but the bundle holds no copy of their recorded key to check it`);
    else if (!ctx.crypto.verify(pem, message, s.signature))
      bad(`signature by ${s.reviewer} is not valid: the text was changed or it was not signed with their key`);
  }
};

export const addendaCheck: CheckStep = {
  id: 'addenda',
  run: (ctx) => {
    if (!ctx.journalComplete || !ctx.opened) return;
    const keys = knownKeys(ctx);
    for (const e of ctx.entries)
      if (e.kind === 'addendum.added' || e.kind === 'followup.added')
        checkAddendum(ctx, e as Signed, ctx.opened.data.ref, keys);
    ctx.ran.add('addenda');
  },
};
