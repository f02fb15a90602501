// The rule for which device key is valid at entry N: the old computer's before a change of computer, the new one's
// from it on; a head signed by the wrong one of the two, on either side of the change, is refused.
import { describe, expect, it } from 'vitest';
import { headMessage, seal, verifyHeads } from '@shared/evidence/chain';
import { deviceFingerprintAt, deviceFingerprints, deviceKeyAt } from '@shared/evidence/device-keys';
import type { AnyCommand, JournalEntry } from '@shared/evidence/entries';
import { generateSigningKey, nodeCrypto, type Signer } from '@main/services/crypto';

const oldDevice = generateSigningKey().signer;
const newDevice = generateSigningKey().signer;

/** A journal opened on the old computer, a head, a change of computer, a head: each head by `signers[i]`. */
const journal = (signers: readonly [Signer, Signer]): JournalEntry[] => {
  const entries: JournalEntry[] = [];
  const add = (cmd: Pick<AnyCommand, 'kind' | 'actor'> & { data: unknown }) => {
    const last = entries.at(-1);
    const unsealed = {
      ...cmd,
      seq: entries.length,
      at: new Date().toISOString(),
      mono: 0,
      prev: last?.hash ?? '0'.repeat(64),
    };
    entries.push(seal(nodeCrypto, unsealed as Parameters<typeof seal>[1]));
  };
  const head = (by: Signer) => {
    const { seq, hash } = entries.at(-1) as JournalEntry;
    add({
      kind: 'head.signed',
      actor: 'system',
      data: { seq, hash, keyFingerprint: by.fingerprint, signature: by.sign(headMessage(seq, hash)) },
    });
  };
  add({ kind: 'incident.opened', actor: 'a', data: { ref: 'CS-TEST-1', deviceKeyFingerprint: oldDevice.fingerprint } });
  head(signers[0]);
  add({
    kind: 'device.changed',
    actor: 'a',
    data: {
      oldFingerprint: oldDevice.fingerprint,
      oldPublicKey: oldDevice.publicKeyPem,
      newFingerprint: newDevice.fingerprint,
      newPublicKey: newDevice.publicKeyPem,
    },
  });
  head(signers[1]);
  return entries;
};

describe('the device key valid at an entry', () => {
  it('is the old computer’s before the change and the new one’s from it on', () => {
    const entries = journal([oldDevice, newDevice]);
    expect(deviceFingerprintAt(entries, 2)).toBe(oldDevice.fingerprint);
    expect(deviceFingerprintAt(entries, 3)).toBe(newDevice.fingerprint);
    expect(deviceFingerprintAt(entries)).toBe(newDevice.fingerprint);
    expect(deviceKeyAt(entries, 1, newDevice.publicKeyPem)).toBe(oldDevice.publicKeyPem);
    expect(deviceKeyAt(entries, 3, newDevice.publicKeyPem)).toBe(newDevice.publicKeyPem);
    expect(deviceFingerprints(entries)).toEqual([oldDevice.fingerprint, newDevice.fingerprint]);
    expect(verifyHeads(nodeCrypto, entries, newDevice.publicKeyPem)).toEqual([]);
  });

  it('refuses a head before the change signed by the new key, and one after it signed by the old key', () => {
    const early = verifyHeads(nodeCrypto, journal([newDevice, newDevice]), newDevice.publicKeyPem);
    expect(early.map((p) => p.seq)).toEqual([0]);
    const late = verifyHeads(nodeCrypto, journal([oldDevice, oldDevice]), newDevice.publicKeyPem);
    expect(late.map((p) => p.seq)).toEqual([2]);
  });

  it('without a change, is the key the journal is read with, as before', () => {
    const entries = journal([oldDevice, newDevice]).slice(0, 2);
    expect(deviceFingerprintAt(entries)).toBe(oldDevice.fingerprint);
    expect(verifyHeads(nodeCrypto, entries, oldDevice.publicKeyPem)).toEqual([]);
    expect(verifyHeads(nodeCrypto, entries, newDevice.publicKeyPem)).toHaveLength(1);
  });
});
