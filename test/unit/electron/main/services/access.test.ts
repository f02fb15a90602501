// Two people to start and to sign off, each with their own key; settings and evidence encrypted; the signatures a third
// party can check.
import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signoffMessage } from '@shared/evidence/chain';
import { readSettings, setUpVault, signOff, startIncident, unlockVault } from '@main/services/access';
import { checkVault } from '@main/services/check';
import { filesContaining } from '@test/helpers/search';
import { INCIDENT_DETAILS, mustAppend, SCHOOL_SETTINGS, tempDir } from '@test/helpers/vault';
import { STAFF, testDeps } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

const setUp = async () => {
  const deps = testDeps();
  const dataDir = join(await tempDir(), 'data');
  const s = await setUpVault(dataDir, SCHOOL_SETTINGS, [...STAFF], deps);
  return { deps, dataDir, ...s };
};

const [A, B] = [STAFF[0].passphrase, STAFF[1].passphrase];

describe('access', () => {
  it('sets up an encrypted vault whose settings and names are not readable on disk', async () => {
    const { vault, recoveryCode, dataDir } = await setUp();
    expect(vault.info.codec).toBe('aes-256-gcm');
    expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$/);
    expect((await readSettings(vault)).organisation).toBe('Brindlewick Academy');
    expect(await filesContaining(dataDir, 'Brindlewick')).toEqual([]);
    expect(await filesContaining(dataDir, 'Okonkwo')).toEqual([]);
  });

  it('starts an incident only with two different people, recording both with their keys', async () => {
    const { vault, keyring, unlockedBy } = await setUp();
    const open = { vault, keyring, unlockedBy };
    await expect(startIncident(open, [A, A], INCIDENT_DETAILS)).rejects.toMatchObject({ code: 'SAME_PERSON' });
    await expect(startIncident(open, [A, 'not the passphrase at all'], INCIDENT_DETAILS)).rejects.toMatchObject({
      code: 'BAD_PASSPHRASE',
    });
    expect(await vault.listIncidents()).toEqual([]);
    const store = await startIncident(open, [A, B], INCIDENT_DETAILS);
    const opened = store.journal.entries[0]?.data as { reviewers: { name: string; keyFingerprint: string }[] };
    expect(opened.reviewers.map((x) => x.name)).toEqual([STAFF[0].name, STAFF[1].name]);
    expect(opened.reviewers.every((x) => /^[0-9a-f]{64}$/.test(x.keyFingerprint))).toBe(true);
  });

  it(
    'signs off with both reviewers, each over the ' + 'record digest with their own key, and seals the record',
    async () => {
      const { vault, keyring, unlockedBy, dataDir, deps } = await setUp();
      const open = { vault, keyring, unlockedBy };
      const store = await startIncident(open, [A, B], INCIDENT_DETAILS);
      const [a, b] = store.journal.state.reviewers;
      await mustAppend(store, {
        kind: 'clock.confirmed',
        actor: b ?? '',
        data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 },
      });
      await mustAppend(store, { kind: 'triage.answered', actor: a ?? '', data: { illegalSuspected: false } });
      await mustAppend(store, {
        kind: 'judgement.made',
        actor: a ?? '',
        data: { substance: false, actions: [], policeReasons: [] },
      });
      await expect(signOff(open, store, [A, B])).rejects.toMatchObject({ code: 'PROCEDURE_FORBIDS' });
      const concluded = await mustAppend(store, {
        kind: 'conclusion.recorded',
        actor: b ?? '',
        data: { text: 'No substance found.' },
      });
      await expect(signOff(open, store, [A, A])).rejects.toMatchObject({ code: 'SAME_PERSON' });
      expect(store.journal.state.signedBy).toEqual([]);
      const signed = await signOff(open, store, [A, B]);
      expect(store.journal.state.phase).toBe('sealed');
      for (const e of signed) {
        const d = e.data as { digest: string; publicKey: string; signature: string };
        expect(d.digest).toBe(concluded.hash);
        expect(
          verify(
            null,
            Buffer.from(signoffMessage(store.ref, d.digest)),
            createPublicKey(d.publicKey),
            Buffer.from(d.signature, 'hex'),
          ),
        ).toBe(true);
      }
      const unlocked = await unlockVault(dataDir, B, deps);
      expect((await checkVault(dataDir, unlocked.vault.codec)).ok).toBe(true);
    },
  );

  it('refuses a wrong passphrase at unlock with BAD_PASSPHRASE', async () => {
    const { dataDir, deps } = await setUp();
    await expect(unlockVault(dataDir, 'definitely not it, sorry', deps)).rejects.toMatchObject({
      code: 'BAD_PASSPHRASE',
    });
    expect(await readFile(join(dataDir, 'keys', 'access.jsonl'), 'utf8')).toMatch(/unlock-failed|failed/);
  });
});
