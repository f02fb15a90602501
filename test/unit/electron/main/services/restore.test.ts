// A replacement computer: an incident begun on one computer (machine id "old-laptop"), backed up, restored on another
// ("new-laptop") with two people's passphrases, then signed off, checked, exported and verified there.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditJournal } from '@shared/evidence/audit';
import { headMessage, seal } from '@shared/evidence/chain';
import { deviceChangeMessage } from '@shared/evidence/device-keys';
import type { AnyCommand, JournalEntry } from '@shared/evidence/entries';
import { buildRecord } from '@shared/outputs/record';
import { reviewerStatementHtml } from '@shared/outputs/statement';
import { BACKUP_INFO, backupVault, BACKUP_MANIFEST } from '@main/services/backup';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { generateSigningKey, nodeCrypto } from '@main/services/crypto';
import { openKeyring } from '@main/services/keyring/keyring';
import { restoreVault } from '@main/services/restore';
import { Vault } from '@main/services/vault';
import { refusalCode } from '@test/helpers/refusals';
import { DSL, HEAD, incidentInReview, makeCore, setUp, THIRD } from '../app/core-fixture';
import { tempDir } from '@test/helpers/temp-dirs';

const OLD = async () => 'old-laptop';
const NEW = async () => 'new-laptop';
const deps = { clock: systemClock, sleep: async () => undefined, scrypt: { N: 2 ** 10, r: 8, p: 1 }, machineId: NEW };

/** An incident concluded on the old laptop (ready for sign-off), and a backup of the vault. */
const concludedAndBackedUp = async () => {
  const f = await makeCore({ machineId: OLD });
  const { recoveryCode } = await setUp(f);
  const { ref, a } = await incidentInReview(f);
  await f.core.act(ref, a, {
    kind: 'judgement.made',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  });
  await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'Upheld; handled under the policy.' } });
  await f.core.close();
  const root = await tempDir('cs-restore-');
  const backup = await backupVault(f.dataDir, join(root, 'usb'), systemClock);
  return { f, ref, recoveryCode, root, backup: backup.path, target: join(root, 'new-laptop', 'data') };
};

const journalOf = async (dataDir: string, ref: string, codecFrom: string): Promise<JournalEntry[]> => {
  const keyring = await openKeyring(dataDir, deps);
  const { codec } = await keyring.unlock(codecFrom);
  const vault = await Vault.open(dataDir, { codec, clock: systemClock, machineId: NEW });
  return [...(await vault.readIncident(ref)).entries];
};

describe('restoring a backup on a replacement computer', () => {
  it('records the change in the incident, which is then signed off, checked, exported and verified there', async () => {
    const b = await concludedAndBackedUp();
    // The copy is refused on the new computer as it stands: the vault is bound to the old one.
    const copied = join(b.root, 'copied');
    await cp(join(b.backup, 'vault'), copied, { recursive: true });
    const newLaptop = await makeCore({ machineId: NEW, dataDir: copied });
    expect(await refusalCode(newLaptop.core.unlock(HEAD.passphrase))).toBe('WRONG_COMPUTER');

    const r = await restoreVault(
      { from: b.backup, dataDir: b.target, passphrases: [HEAD.passphrase, DSL.passphrase] },
      deps,
    );
    expect(r).toMatchObject({ incidents: [b.ref], agreedBy: [HEAD.name, DSL.name], recoveryCode: false });
    expect(r.newFingerprint).not.toBe(r.oldFingerprint);

    const entries = await journalOf(b.target, b.ref, DSL.passphrase);
    const change = entries.find((e): e is JournalEntry<'device.changed'> => e.kind === 'device.changed');
    expect(change?.data).toMatchObject({
      oldFingerprint: r.oldFingerprint,
      newFingerprint: r.newFingerprint,
      backupManifestSha256: r.manifestSha256,
      recoveryCode: false,
    });
    expect(change?.data.approvals).toHaveLength(2);
    // The head after the change is signed by the new computer.
    expect(entries.at(-1)).toMatchObject({ kind: 'head.signed', data: { keyFingerprint: r.newFingerprint } });
    // A reviewer's own account says the records were restored on a replacement computer, and who agreed.
    const opened = entries[0] as JournalEntry<'incident.opened'>;
    const account = reviewerStatementHtml(
      buildRecord(entries, { crypto: nodeCrypto }),
      entries,
      opened.data.reviewers[0].id,
      {
        generatedAt: new Date().toISOString(),
      },
    ).replace(/<[^>]+>/g, '');
    expect(account).toContain(
      `restored from a backup on a replacement computer (key fingerprint ${r.newFingerprint}), agreed by`,
    );

    const f = await makeCore({ machineId: NEW, dataDir: b.target });
    await f.core.unlock(HEAD.passphrase);
    expect((await f.core.signOff(b.ref, [HEAD.passphrase, DSL.passphrase])).phase).toBe('sealed');
    // The printed form gives both computers' keys.
    const form = await f.core.documentHtml(b.ref, 'form');
    expect(form).toContain(r.oldFingerprint);
    expect(form).toMatch(new RegExp(`Replacement computer’s key fingerprint[^]*${r.newFingerprint}`));
    const keyring = await openKeyring(b.target, deps);
    const report = await checkVault(b.target, (await keyring.unlock(DSL.passphrase)).codec);
    expect(report.problems).toEqual([]);
    expect(report.incidents.flatMap((i) => i.problems)).toEqual([]);

    const { job } = await f.core.startExport({
      ref: b.ref,
      recipient: 'Police',
      folder: b.root,
      passphrase: HEAD.passphrase,
    });
    const done = await f.core.exports.finished(job);
    expect(done).toMatchObject({ state: 'done', error: null });
    const verified = await f.core.verify(done.path ?? '');
    expect(verified.problems).toEqual([]);
    expect(verified.valid).toBe(true);
    await f.core.close();
  });

  it('keeps an incident deleted on the old computer deleted: its tombstone checks after the restore', async () => {
    const f = await makeCore({ machineId: OLD });
    await setUp(f);
    const { ref } = await incidentInReview(f);
    await f.core.unlock(HEAD.passphrase);
    const root = await tempDir('cs-restore-');
    await f.core.care.delete({
      ref,
      reason: 'Opened in error.',
      passphrases: [HEAD.passphrase, DSL.passphrase],
      folder: root,
    });
    await f.core.close();
    const backup = await backupVault(f.dataDir, join(root, 'usb'), systemClock);
    const target = join(root, 'data');
    const r = await restoreVault(
      { from: backup.path, dataDir: target, passphrases: [HEAD.passphrase, THIRD.passphrase] },
      deps,
    );
    expect(r.incidents).toEqual([]);
    const keyring = await openKeyring(target, deps);
    const report = await checkVault(target, (await keyring.unlock(THIRD.passphrase)).codec);
    expect(report.deletions.problems).toEqual([]);
    expect(report.deletions.tombstones.map((t) => t.ref)).toEqual([ref]);
    expect(report.ok).toBe(true);
  });

  it('refuses one person, the same person twice, and a non-empty folder, writing nothing', async () => {
    const b = await concludedAndBackedUp();
    const restore = (passphrases: string[], dataDir = b.target) =>
      restoreVault({ from: b.backup, dataDir, passphrases }, deps);
    expect(await refusalCode(restore([HEAD.passphrase]))).toBe('INVALID_INPUT');
    expect(await refusalCode(restore([HEAD.passphrase, HEAD.passphrase]))).toBe('SAME_PERSON');
    expect(await refusalCode(restore([HEAD.passphrase, 'not anybody at all here']))).toBe('BAD_PASSPHRASE');
    const full = join(b.root, 'full');
    await mkdir(full);
    await writeFile(join(full, 'notes.txt'), 'keep me');
    expect(await refusalCode(restore([HEAD.passphrase, DSL.passphrase], full))).toBe('INVALID_INPUT');
    expect(await readdir(full)).toEqual(['notes.txt']);
    // Nothing was left behind: no target, no half-restored temporary folder.
    expect(await readdir(join(b.root, 'new-laptop')).catch(() => [])).toEqual([]);
  });

  it("refuses people who are not the incident's reviewers: each incident's own reviewers agree", async () => {
    const b = await concludedAndBackedUp();
    const e = await restoreVault(
      { from: b.backup, dataDir: b.target, passphrases: [HEAD.passphrase, THIRD.passphrase] },
      deps,
    ).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'PROCEDURE_FORBIDS', message: expect.stringContaining(b.ref) });
    expect(await readdir(join(b.root, 'new-laptop')).catch(() => [])).toEqual([]);
  });

  it('refuses a tampered or incomplete backup before writing anything', async () => {
    const b = await concludedAndBackedUp();
    const about = join(b.backup, BACKUP_INFO);
    const kept = await readFile(about);
    await writeFile(about, '{ not json');
    const both = [HEAD.passphrase, DSL.passphrase];
    expect(await refusalCode(restoreVault({ from: b.backup, dataDir: b.target, passphrases: both }, deps))).toBe(
      'CORRUPT',
    );
    await writeFile(about, kept);
    const journal = join(b.backup, 'vault', 'incidents', b.ref, 'journal.jsonl');
    const bytes = await readFile(journal);
    await writeFile(journal, bytes.subarray(0, bytes.length - 10));
    const e = await restoreVault(
      { from: b.backup, dataDir: b.target, passphrases: [HEAD.passphrase, DSL.passphrase] },
      deps,
    ).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('does not match its sum') });
    expect(await readdir(join(b.root, 'new-laptop')).catch(() => [])).toEqual([]);
    await writeFile(join(b.backup, BACKUP_MANIFEST), '');
    expect(await refusalCode(restoreVault({ from: b.root, dataDir: b.target, passphrases: ['a', 'b'] }, deps))).toBe(
      'NOT_FOUND',
    );
  });

  it('accepts the recovery code and one reviewer, and the entry says the code was used', async () => {
    const b = await concludedAndBackedUp();
    const r = await restoreVault(
      { from: b.backup, dataDir: b.target, passphrases: [DSL.passphrase], recoveryCode: b.recoveryCode },
      deps,
    );
    expect(r).toMatchObject({ recoveryCode: true, agreedBy: [DSL.name] });
    const entries = await journalOf(b.target, b.ref, DSL.passphrase);
    const change = entries.find((e): e is JournalEntry<'device.changed'> => e.kind === 'device.changed');
    expect(change?.data).toMatchObject({ recoveryCode: true, approvals: [expect.anything()] });
  });

  it('a change of computer signed by a new device alone is refused by the audit (verify, check)', async () => {
    const b = await concludedAndBackedUp();
    const keyring = await openKeyring(b.f.dataDir, deps);
    const { codec } = await keyring.unlock(HEAD.passphrase);
    const vault = await Vault.open(b.f.dataDir, { codec, clock: systemClock, machineId: OLD });
    const entries = [...(await vault.readIncident(b.ref)).entries];
    const opened = entries[0] as JournalEntry<'incident.opened'>;
    // Someone with the vault but not the reviewers' passphrases makes a device key and vouches for it with it.
    const forger = generateSigningKey().signer;
    const manifest = '0'.repeat(64);
    const message = deviceChangeMessage(b.ref, vault.device.fingerprint, forger.fingerprint, manifest, true);
    const append = (cmd: AnyCommand) => {
      const last = entries.at(-1) as JournalEntry;
      const at = new Date().toISOString();
      entries.push(seal(nodeCrypto, { ...cmd, seq: last.seq + 1, at, mono: 0, prev: last.hash }));
    };
    append({
      kind: 'device.changed',
      actor: opened.data.reviewers[0].id,
      data: {
        oldFingerprint: vault.device.fingerprint,
        oldPublicKey: vault.device.publicKeyPem,
        newFingerprint: forger.fingerprint,
        newPublicKey: forger.publicKeyPem,
        backupManifestSha256: manifest,
        recoveryCode: true,
        deviceSignature: forger.sign(message),
        approvals: [
          { reviewer: opened.data.reviewers[0].id, publicKey: forger.publicKeyPem, signature: forger.sign(message) },
        ],
      },
    });
    const { seq, hash } = entries.at(-1) as JournalEntry;
    append({
      kind: 'head.signed',
      actor: 'system',
      data: { seq, hash, keyFingerprint: forger.fingerprint, signature: forger.sign(headMessage(seq, hash)) },
    });
    const audit = auditJournal(
      nodeCrypto,
      entries.map((e) => JSON.stringify(e)),
      forger.publicKeyPem,
    );
    expect(audit.problems.map((p) => p.code)).toEqual(['BAD_DEVICE_CHANGE']);
    expect(audit.problems[0]?.message).toMatch(/not signed with the key recorded/);
  });
});
