// Which signing key is valid for a reviewer at a given entry: the key recorded when the incident was opened, until a
// recorded key change (a passphrase recovery, vouched for by the device and the other reviewer) replaces it.
import type { CryptoPort } from './chain';
import type { EntryData, JournalEntry } from './entries';

type KeyChange = JournalEntry<'reviewer.key-changed'>;

/** What the device and the other reviewer each sign to vouch for a reviewer's new key. */
export const keyChangeMessage = (ref: string, reviewer: string, oldFingerprint: string, newFingerprint: string) =>
  `countersign key-change v1\n${ref}\n${reviewer}\n${oldFingerprint}\n${newFingerprint}`;

const isKeyChange = (e: JournalEntry): e is KeyChange => e.kind === 'reviewer.key-changed';

/**
 * The fingerprint of the key valid for `reviewer` before entry `seq` (by default, after the whole journal): the one
 * `incident.opened` recorded, replaced by each key change that names it as the old key. Null when none was recorded.
 * Whether a change's signatures hold is the audit's question (auditKeyChanges); this is the rule both sides apply.
 */
export const reviewerKeyAt = (
  entries: readonly JournalEntry[],
  reviewer: string,
  seq: number = Number.POSITIVE_INFINITY,
): string | null => {
  const opened = entries[0]?.kind === 'incident.opened' ? (entries[0] as JournalEntry<'incident.opened'>) : null;
  let key = opened?.data.reviewers.find((r) => r.id === reviewer)?.keyFingerprint ?? null;
  for (const e of entries) {
    if (e.seq >= seq) break;
    if (isKeyChange(e) && e.data.reviewer === reviewer && e.data.oldFingerprint === key) key = e.data.newFingerprint;
  }
  return key;
};

export interface KeyChangeProblem {
  seq: number;
  message: string;
}

/** Each key change must replace the key then valid, name its new key truly, and carry both signatures. */
export const auditKeyChanges = (
  crypto: CryptoPort,
  entries: readonly JournalEntry[],
  /** The device key valid before an entry (deviceKeyAt: it changes when the vault is restored on another computer). */
  deviceKeyBefore: (seq: number) => string,
): KeyChangeProblem[] => {
  const problems: KeyChangeProblem[] = [];
  const opened = entries[0]?.kind === 'incident.opened' ? (entries[0] as JournalEntry<'incident.opened'>) : null;
  for (const e of entries.filter(isKeyChange)) {
    const d: EntryData<'reviewer.key-changed'> = e.data;
    const message = keyChangeMessage(opened?.data.ref ?? '', d.reviewer, d.oldFingerprint, d.newFingerprint);
    const fp = (pem: string): string | null => {
      try {
        return crypto.fingerprint(pem);
      } catch {
        return null;
      }
    };
    const problem = (why: string) => problems.push({ seq: e.seq, message: `entry ${e.seq}: ${why}` });
    if (reviewerKeyAt(entries, d.reviewer, e.seq) !== d.oldFingerprint)
      problem(`the key change for ${d.reviewer} does not replace the key then valid for them`);
    else if (fp(d.newPublicKey) !== d.newFingerprint)
      problem(`the new key recorded for ${d.reviewer} does not have the fingerprint the change names`);
    else if (!crypto.verify(deviceKeyBefore(e.seq), message, d.deviceSignature))
      problem(`the device's signature of ${d.reviewer}'s key change is not valid`);
    else if (fp(d.witnessPublicKey) !== reviewerKeyAt(entries, d.witness, e.seq))
      problem(`${d.witness}, who vouched for ${d.reviewer}'s new key, did so with a key that is not theirs`);
    else if (!crypto.verify(d.witnessPublicKey, message, d.witnessSignature))
      problem(`${d.witness}'s signature of ${d.reviewer}'s key change is not valid`);
  }
  return problems;
};

/** The reviewers' ids, first then second, from the opening entry; empty when there is none. */
export const reviewerIds = (entries: readonly JournalEntry[]): string[] => {
  const opened = entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened');
  return opened ? opened.data.reviewers.map((r) => r.id) : [];
};
