// A reviewer's new signing key after a passphrase recovery, recorded in an open incident: the device and the other
// reviewer each sign the change, so the incident can still be signed off, exported and verified.
import type { JournalEntry } from '@shared/evidence/entries';
import { keyChangeMessage, reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import { CodedError } from '@shared/result';
import type { OpenVault } from './access';
import type { StaffRecord } from './keyring/key-files';
import type { IncidentStore } from './vault';

/** A reviewer whose key in the keyring is no longer the one valid in the incident, and who can vouch for it. */
export interface PendingKeyChange {
  reviewer: StaffRecord;
  witness: StaffRecord;
  /** The key valid for the reviewer in the incident now. */
  oldFingerprint: string;
}

/**
 * The reviewers of an open incident whose signing key was replaced by a passphrase recovery since the incident last
 * recorded it. Only a replacement the keyring itself recorded counts: any other mismatch is not for a screen to fix.
 */
export const pendingKeyChanges = (staff: readonly StaffRecord[], store: IncidentStore): PendingKeyChange[] => {
  const { state, entries } = store.journal;
  if (state.phase === 'none' || state.phase === 'sealed') return [];
  const out: PendingKeyChange[] = [];
  for (const id of state.reviewers) {
    const reviewer = staff.find((s) => s.id === id);
    const witness = staff.find((s) => s.id !== id && state.reviewers.includes(s.id));
    const valid = reviewerKeyAt(entries, id);
    if (!reviewer || !witness || !valid || valid === reviewer.fingerprint) continue;
    if (reviewer.previousKeys.some((k) => k.fingerprint === valid && k.reason === 'recovery'))
      out.push({ reviewer, witness, oldFingerprint: valid });
  }
  return out;
};

/** The same, as the incident's screens show it: who has a new key, and who confirms it. */
export const keyChangesToConfirm = (staff: readonly StaffRecord[], store: IncidentStore) =>
  pendingKeyChanges(staff, store).map((p) => ({
    reviewer: { id: p.reviewer.id, name: p.reviewer.name },
    witness: { id: p.witness.id, name: p.witness.name },
  }));

/** Why a reviewer's key cannot sign in this incident, and what to do, in the words the sign-off screen shows. */
export const keyNotRecordedMessage = (name: string, witness: string | null): string =>
  `${name}'s signing key is not the one recorded for ${name} in this incident: it was replaced when ${name}'s ` +
  'passphrase was reset with the recovery code. Nothing has been signed. ' +
  (witness
    ? `First, ${witness} (the other reviewer) confirms ${name}'s new key with their passphrase, in the box at the ` +
      'top of this incident; then sign off again.'
    : 'Ask the other reviewer to confirm the new key with their passphrase, then sign off again.');

/**
 * Records the other reviewer's key change in this incident. `witnessPassphrase` is that other reviewer's: their key and
 * the device's sign the change. Refused, with nothing written, when there is no change to record or the witness's own
 * key is not the one recorded for them.
 */
export const recordKeyChange = async (
  open: OpenVault,
  store: IncidentStore,
  witnessPassphrase: string,
): Promise<JournalEntry> => {
  const { staff, signer } = await open.keyring.authenticate(witnessPassphrase);
  // Re-read after the passphrase check (which waits): another call may have recorded the change meanwhile.
  const state = store.journal.state;
  if (!state.reviewers.includes(staff.id))
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      `${staff.name} is not a reviewer of this incident. The other reviewer confirms a new key.`,
    );
  const pending = pendingKeyChanges(open.keyring.staffList(), store).find((p) => p.witness.id === staff.id);
  if (!pending)
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      'There is no new key to confirm for the other reviewer of this incident.',
    );
  if (reviewerKeyAt(store.journal.entries, staff.id) !== signer.fingerprint)
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      `${staff.name}'s own signing key has also been replaced since this incident recorded it, so ${staff.name} ` +
        "cannot vouch for the other reviewer's key. Both keys changed: this incident cannot be signed off; add a " +
        'note saying so, and ask your designated safeguarding lead what to record.',
    );
  const { reviewer, oldFingerprint } = pending;
  const message = keyChangeMessage(store.ref, reviewer.id, oldFingerprint, reviewer.fingerprint);
  return store.journal.append({
    kind: 'reviewer.key-changed',
    actor: staff.id,
    data: {
      reviewer: reviewer.id,
      cause: 'recovery',
      oldFingerprint,
      newFingerprint: reviewer.fingerprint,
      newPublicKey: reviewer.publicKeyPem,
      deviceSignature: open.vault.device.sign(message),
      witness: staff.id,
      witnessPublicKey: signer.publicKeyPem,
      witnessSignature: signer.sign(message),
    },
  });
};
