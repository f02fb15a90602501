// What is added to an incident after sign-off: a free addendum, or a follow-up of a named kind (debrief, police
// response, return to internal procedures …); each is signed with the key of the reviewer who adds it.
import type { Command, EntryData, FollowUpKind } from '@shared/evidence/entries';
import { reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import { followUpMessage } from '@shared/procedure/follow-ups';
import { CodedError } from '@shared/result';
import type { Keyring } from '../services/keyring/keyring';
import type { IncidentStore } from '../services/vault';

export interface FollowUpInput {
  kind: FollowUpKind;
  text: string;
  judgement?: EntryData<'followup.added'>['judgement'];
}

/**
 * The person whose passphrase this is, with their signing key: refused unless they are one of the two reviewers and
 * the key is the one the incident holds for them (a signature with any other would make every later bundle INVALID).
 */
const reviewerSigner = async (keyring: Keyring, store: IncidentStore, passphrase: string) => {
  const { staff, signer } = await keyring.authenticate(passphrase, store.journal.state.reviewers);
  if (!store.journal.state.reviewers.includes(staff.id)) {
    signer.wipe();
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      `${staff.name} is not a reviewer of this incident. One of its two reviewers adds what happened next.`,
    );
  }
  const recorded = reviewerKeyAt(store.journal.entries, staff.id);
  if (recorded && recorded !== signer.fingerprint) {
    signer.wipe();
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      `${staff.name}'s signing key was replaced when ${staff.name}'s passphrase was reset with the recovery code, ` +
        'after this incident was signed off with the old one, so it cannot sign what is added to it. Nothing has ' +
        'been written. The other reviewer adds it instead.',
    );
  }
  return { staff, signer };
};

/** A free addendum, signed over `countersign addendum v1`, its reference and its words. */
export const addendumCommand = async (
  keyring: Keyring,
  store: IncidentStore,
  passphrase: string,
  text: string,
): Promise<Command<'addendum.added'>> => {
  const { staff, signer } = await reviewerSigner(keyring, store, passphrase);
  const signature = signer.sign(`countersign addendum v1\n${store.ref}\n${text}`);
  signer.wipe();
  return { kind: 'addendum.added', actor: staff.id, data: { text, signatures: [{ reviewer: staff.id, signature }] } };
};

/** A follow-up of a named kind, signed over its kind, words and any new judgement. */
export const followUpCommand = async (
  keyring: Keyring,
  store: IncidentStore,
  passphrase: string,
  input: FollowUpInput,
): Promise<Command<'followup.added'>> => {
  const { staff, signer } = await reviewerSigner(keyring, store, passphrase);
  const signed = { kind: input.kind, text: input.text, ...(input.judgement ? { judgement: input.judgement } : {}) };
  const signature = signer.sign(followUpMessage(store.ref, signed));
  signer.wipe();
  return {
    kind: 'followup.added',
    actor: staff.id,
    data: { ...signed, signatures: [{ reviewer: staff.id, signature }] },
  };
};
