// Which device key is valid at a given entry: the key of the computer the incident was opened on, until a recorded
// change of computer (a restore from backup, agreed by the reviewers) replaces it. The rule both sides apply.
import type { CryptoPort } from './chain';
import type { JournalEntry } from './entries';
import { reviewerKeyAt } from './reviewer-keys';

type DeviceChange = JournalEntry<'device.changed'>;

export const isDeviceChange = (e: JournalEntry): e is DeviceChange => e.kind === 'device.changed';

/** What the new device and each agreeing reviewer sign to record a change of computer. */
export const deviceChangeMessage = (
  ref: string,
  oldFingerprint: string,
  newFingerprint: string,
  backupManifestSha256: string,
  recoveryCode: boolean,
) =>
  `countersign device-change v1\n${ref}\n${oldFingerprint}\n${newFingerprint}\n${backupManifestSha256}\n` +
  (recoveryCode ? 'recovery-code-and-one-reviewer' : 'both-reviewers');

const openedDevice = (entries: readonly JournalEntry[]): string | null =>
  entries[0]?.kind === 'incident.opened'
    ? (entries[0] as JournalEntry<'incident.opened'>).data.deviceKeyFingerprint
    : null;

/** The changes of computer that replace the key then valid, in order, up to (not including) entry `seq`. */
const changesBefore = (entries: readonly JournalEntry[], seq: number): DeviceChange[] => {
  let key = openedDevice(entries);
  const out: DeviceChange[] = [];
  for (const e of entries) {
    if (e.seq >= seq) break;
    if (isDeviceChange(e) && e.data.oldFingerprint === key) {
      out.push(e);
      key = e.data.newFingerprint;
    }
  }
  return out;
};

/** The fingerprint of the device key valid before entry `seq` (by default, after the whole journal). */
export const deviceFingerprintAt = (
  entries: readonly JournalEntry[],
  seq: number = Number.POSITIVE_INFINITY,
): string | null => changesBefore(entries, seq).at(-1)?.data.newFingerprint ?? openedDevice(entries);

/**
 * The device public key (PEM) valid before entry `seq`. `currentPem` is the key the journal is read with (the vault's,
 * or the bundle's signatures/device.pub.pem): it stands for the key no change has replaced yet when there is no change;
 * the keys of earlier computers come from the changes themselves, whose fingerprints the audit ties to the journal.
 */
export const deviceKeyAt = (entries: readonly JournalEntry[], seq: number, currentPem: string): string => {
  const all = changesBefore(entries, Number.POSITIVE_INFINITY);
  const before = all.filter((e) => e.seq < seq);
  const last = before.at(-1);
  if (last) return last.data.newPublicKey;
  return all[0]?.data.oldPublicKey ?? currentPem;
};

/** The fingerprints of every computer the incident was on, in order (one, unless it was restored elsewhere). */
export const deviceFingerprints = (entries: readonly JournalEntry[]): string[] => {
  const first = openedDevice(entries);
  return first ? [first, ...changesBefore(entries, Number.POSITIVE_INFINITY).map((e) => e.data.newFingerprint)] : [];
};

export interface DeviceChangeProblem {
  seq: number;
  message: string;
}

/**
 * Each change of computer must replace the device key then valid, name both keys truly, be signed by the new device,
 * and be agreed by both reviewers of the incident with the keys valid for them then (or by one of them when the
 * recovery code stood in for the other). A change signed by a new device alone is refused here.
 */
export const auditDeviceChanges = (crypto: CryptoPort, entries: readonly JournalEntry[]): DeviceChangeProblem[] => {
  const problems: DeviceChangeProblem[] = [];
  const opened = entries[0]?.kind === 'incident.opened' ? (entries[0] as JournalEntry<'incident.opened'>) : null;
  const reviewers = opened?.data.reviewers.map((r) => r.id) ?? [];
  const fp = (pem: string): string | null => {
    try {
      return crypto.fingerprint(pem);
    } catch {
      return null;
    }
  };
  for (const e of entries.filter(isDeviceChange)) {
    const d = e.data;
    const problem = (why: string) => problems.push({ seq: e.seq, message: `entry ${e.seq}: ${why}` });
    const message = deviceChangeMessage(
      opened?.data.ref ?? '',
      d.oldFingerprint,
      d.newFingerprint,
      d.backupManifestSha256,
      d.recoveryCode,
    );
    const agreed = d.approvals.filter(
      (a) =>
        reviewers.includes(a.reviewer) &&
        fp(a.publicKey) === reviewerKeyAt(entries, a.reviewer, e.seq) &&
        crypto.verify(a.publicKey, message, a.signature),
    );
    const people = new Set(agreed.map((a) => a.reviewer)).size;
    if (deviceFingerprintAt(entries, e.seq) !== d.oldFingerprint)
      problem('the change of computer does not replace the device key then valid');
    else if (fp(d.oldPublicKey) !== d.oldFingerprint || fp(d.newPublicKey) !== d.newFingerprint)
      problem('the change of computer names a device key that does not have the fingerprint it gives');
    else if (!crypto.verify(d.newPublicKey, message, d.deviceSignature))
      problem("the new computer's signature of the change of computer is not valid");
    else if (agreed.length !== d.approvals.length)
      problem("a reviewer's agreement to the change of computer is not signed with the key recorded for them");
    else if (people < 2 && !(d.recoveryCode && people === 1))
      problem('the change of computer was not agreed by both reviewers of the incident');
  }
  return problems;
};
