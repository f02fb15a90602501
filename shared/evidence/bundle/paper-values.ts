// The values the printed form carries, read from the journal, and the comparison with what a reader typed from it.
import type { CryptoPort } from '../chain';
import { deviceFingerprints } from '../device-keys';
import type { JournalEntry } from '../entries';
import { recordDigestOf, sealedHeadOf } from '../record-anchors';
import type { PaperValues, PinReport, VerifyPins } from './bundle-report';

/** In the order the form prints them: the computer's key, the record digest, each sign-off, the sealed head. */
export const paperValues = (
  crypto: Pick<CryptoPort, 'fingerprint'>,
  entries: readonly JournalEntry[],
  opened: JournalEntry<'incident.opened'>,
): PaperValues => {
  const signoffs = entries.filter((e): e is JournalEntry<'signoff.signed'> => e.kind === 'signoff.signed');
  const keyOf = (id: string): string | null => {
    const s = signoffs.find((x) => x.data.reviewer === id);
    try {
      return s ? crypto.fingerprint(s.data.publicKey) : null;
    } catch {
      return null;
    }
  };
  const order = (id: string) => {
    const i = signoffs.findIndex((s) => s.data.reviewer === id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const later = deviceFingerprints(entries).slice(1);
  return {
    device: opened.data.deviceKeyFingerprint,
    ...(later.length > 0 ? { laterDevices: later } : {}),
    recordDigest: recordDigestOf(entries),
    reviewers: [...opened.data.reviewers]
      .sort((a, b) => order(a.id) - order(b.id))
      .map((r) => ({ id: r.id, name: r.name, role: r.role, signoffKey: keyOf(r.id) })),
    sealedHead: sealedHeadOf(entries),
  };
};

/** A value as typed from paper: spaces, colons and line breaks dropped, lower case. */
export const normalisePin = (typed: string): string => typed.replace(/[\s:]/g, '').toLowerCase();

/** A pin is 16 to 64 hexadecimal digits: the start of a fingerprint or digest is enough. */
export const isPin = (typed: string): boolean => /^[0-9a-f]{16,64}$/.test(normalisePin(typed));

/** Each pin against the paper values: a reviewer pin must match a different reviewer's sign-off key. */
export const matchPins = (pins: VerifyPins, paper: PaperValues): PinReport[] => {
  const match = (typed: string, candidates: readonly (string | null)[]): string | null =>
    candidates.find((c) => c !== null && isPin(typed) && c.startsWith(normalisePin(typed))) ?? null;
  const out: PinReport[] = [];
  if (pins.device !== undefined)
    out.push({
      what: 'device',
      expected: pins.device,
      matched: match(pins.device, [paper.device, ...(paper.laterDevices ?? [])]),
    });
  const all = paper.reviewers.map((r) => r.signoffKey);
  const left = [...all];
  for (const typed of pins.reviewers ?? []) {
    const m = match(typed, left);
    if (m) left.splice(left.indexOf(m), 1);
    const repeated = m === null && match(typed, all) !== null;
    out.push({ what: 'reviewer', expected: typed, matched: m, ...(repeated ? { repeated: true as const } : {}) });
  }
  if (pins.digest !== undefined)
    out.push({ what: 'digest', expected: pins.digest, matched: match(pins.digest, [paper.recordDigest]) });
  return out;
};
