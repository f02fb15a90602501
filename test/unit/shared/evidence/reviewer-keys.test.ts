// Which key is valid for a reviewer at each entry, and the audit of key changes: a new key counts only from a change
// that replaces the key then valid, names the new key truly, and is signed by the device and by the other reviewer.
import { describe, expect, it } from 'vitest';
import { auditJournal } from '@shared/evidence/audit';
import { signoffMessage } from '@shared/evidence/chain';
import type { AnyCommand, EntryData } from '@shared/evidence/entries';
import { keyChangeMessage, reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import { generateSigningKey, nodeCrypto, type Signer } from '@main/services/crypto';
import { forgeJournal, REF, toReview } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const ah = generateSigningKey().signer;
const dsOld = generateSigningKey().signer;
const dsNew = generateSigningKey().signer;

const opened: AnyCommand = {
  kind: 'incident.opened',
  actor: 'ah',
  data: {
    ref: REF,
    organisation: 'Example School',
    reviewers: [
      { id: 'ah', name: 'A. Head', role: 'Headteacher', keyFingerprint: ah.fingerprint },
      { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead', keyFingerprint: dsOld.fingerprint },
    ],
    computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
    deviceKeyFingerprint: device.fingerprint,
    profile: { id: 'swgfl-template', sha256: 'a'.repeat(64) },
    reason: 'Report of bullying messages',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
    practice: true,
  },
};

const toSignoff: AnyCommand[] = [
  { kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } },
  { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'No substance.' } },
];

const keyChange = (witness: Signer, overrides: Partial<EntryData<'reviewer.key-changed'>> = {}): AnyCommand => {
  const message = keyChangeMessage(REF, 'ds', dsOld.fingerprint, dsNew.fingerprint);
  return {
    kind: 'reviewer.key-changed',
    actor: 'ah',
    data: {
      reviewer: 'ds',
      cause: 'recovery',
      oldFingerprint: dsOld.fingerprint,
      newFingerprint: dsNew.fingerprint,
      newPublicKey: dsNew.publicKeyPem,
      deviceSignature: device.sign(message),
      witness: 'ah',
      witnessPublicKey: witness.publicKeyPem,
      witnessSignature: witness.sign(message),
      ...overrides,
    },
  };
};

/** A journal to sign-off, with `between` before the sign-offs, both reviewers signing with the keys given. */
const journal = (between: AnyCommand[], dsSigner: Signer) => {
  const head = forgeJournal(device, [opened, ...toReview, ...toSignoff]);
  const digest = head.at(-2)?.hash ?? '';
  const signoff = (id: string, s: Signer): AnyCommand => ({
    kind: 'signoff.signed',
    actor: id,
    data: { reviewer: id, digest, publicKey: s.publicKeyPem, signature: s.sign(signoffMessage(REF, digest)) },
  });
  return forgeJournal(device, [
    opened,
    ...toReview,
    ...toSignoff,
    ...between,
    signoff('ah', ah),
    signoff('ds', dsSigner),
  ]);
};

const problems = (between: AnyCommand[], dsSigner: Signer) =>
  auditJournal(
    nodeCrypto,
    journal(between, dsSigner).map((e) => JSON.stringify(e)),
    device.publicKeyPem,
  ).problems.map((p) => p.code);

describe('reviewerKeyAt', () => {
  it('is the key recorded at the opening until a key change, and the new key from the change on', () => {
    const entries = journal([keyChange(ah)], dsNew);
    const change = entries.find((e) => e.kind === 'reviewer.key-changed')?.seq ?? -1;
    expect(reviewerKeyAt(entries, 'ds', change)).toBe(dsOld.fingerprint);
    expect(reviewerKeyAt(entries, 'ds', change + 1)).toBe(dsNew.fingerprint);
    expect(reviewerKeyAt(entries, 'ds')).toBe(dsNew.fingerprint);
    expect(reviewerKeyAt(entries, 'ah')).toBe(ah.fingerprint);
  });
});

describe('auditing sign-offs across a key change', () => {
  it('a sign-off with the new key after a signed key change is sound', () => {
    expect(problems([keyChange(ah)], dsNew)).toEqual([]);
  });

  it('a sign-off with the new key and no key change is BAD_SIGNOFF (the case the issue reported)', () => {
    expect(problems([], dsNew)).toEqual(['BAD_SIGNOFF']);
  });

  it('a key change vouched for with a key that is not the witness’s is BAD_KEY_CHANGE', () => {
    expect(problems([keyChange(dsNew)], dsNew)).toContain('BAD_KEY_CHANGE');
  });

  it('a key change whose device signature is not the device’s is BAD_KEY_CHANGE', () => {
    expect(problems([keyChange(ah, { deviceSignature: ah.sign('x') })], dsNew)).toContain('BAD_KEY_CHANGE');
  });

  it('a key change naming a new key other than the one it carries is BAD_KEY_CHANGE', () => {
    expect(problems([keyChange(ah, { newPublicKey: ah.publicKeyPem })], dsNew)).toContain('BAD_KEY_CHANGE');
  });

  it('a key change that does not replace the key then valid leaves the old key in force', () => {
    const stale = keyChange(ah, { oldFingerprint: 'b'.repeat(64) });
    expect(problems([stale], dsNew)).toEqual(expect.arrayContaining(['BAD_KEY_CHANGE', 'BAD_SIGNOFF']));
  });
});
