// Which signing key is valid for a reviewer at a point in the journal: the one recorded when the incident was opened.
import type { JournalEntry } from './entries';

/**
 * The fingerprint (SHA-256 of the SPKI DER) of the key valid for `reviewer` at entry `seq`, or null when the journal
 * records none (not a reviewer, or no key recorded). Today that is the key recorded at incident.opened; an entry that
 * records a signed change of a reviewer's key applies here, from its own seq on, so that every check asking "was this
 * signed with the reviewer's key?" follows it.
 */
export const reviewerKeyAt = (entries: readonly JournalEntry[], reviewer: string, seq: number): string | null => {
  let key: string | null = null;
  for (const e of entries) {
    if (e.seq > seq) break;
    if (e.kind === 'incident.opened') {
      const r = (e as JournalEntry<'incident.opened'>).data.reviewers.find((x) => x.id === reviewer);
      key = r?.keyFingerprint ?? null;
    }
  }
  return key;
};

/** The reviewers' ids, first then second, from the opening entry; empty when there is none. */
export const reviewerIds = (entries: readonly JournalEntry[]): string[] => {
  const opened = entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened');
  return opened ? opened.data.reviewers.map((r) => r.id) : [];
};
