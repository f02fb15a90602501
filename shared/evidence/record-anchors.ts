// What ties a record to its paper form: the record digest (the conclusion's hash) and the sealed head (the last
// sign-off).
import type { JournalEntry } from './entries';

/** The last sign-off entry: fixed once both reviewers have signed, so a form printed then and a later bundle agree. */
export interface SealedHead {
  seq: number;
  hash: string;
}

/** The hash of the conclusion entry, which both reviewers sign; null before the conclusion. */
export const recordDigestOf = (entries: readonly JournalEntry[]): string | null =>
  entries.find((e) => e.kind === 'conclusion.recorded')?.hash ?? null;

/** The last sign-off entry, or null when nobody has signed off. */
export const sealedHeadOf = (entries: readonly JournalEntry[]): SealedHead | null => {
  const last = entries.findLast((e) => e.kind === 'signoff.signed');
  return last ? { seq: last.seq, hash: last.hash } : null;
};

/** "<seq>:<hash>", as the PDFs' metadata carries it. */
export const sealedHeadText = (h: SealedHead): string => `${h.seq}:${h.hash}`;
