// Backup: the vault copied still encrypted, whole or not at all, with a manifest a school can check; a canary typed
// into an incident is in no file of the backup, yet the copy opens with a passphrase and with the recovery code.
import { randomBytes } from 'node:crypto';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpVault, startIncident, unlockVault } from '@main/services/access';
import { BACKUP_INFO, BACKUP_MANIFEST, backupVault, checkBackup } from '@main/services/backup';
import { openKeyring } from '@main/services/keyring/keyring';
import { DraftStore } from '@main/app/draft-store';
import { runCli } from '@test/helpers/cli';
import { filesContaining } from '@test/helpers/search';
import { mustAppend, tempDir } from '@test/helpers/vault';
import { STAFF, testDeps } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

const CANARY = `CANARYBACKUP${randomBytes(8).toString('hex')}`;
const [A, B] = [STAFF[0].passphrase, STAFF[1].passphrase];

const vaultWithCanary = async () => {
  const deps = testDeps();
  const dataDir = join(await tempDir(), 'data');
  const s = await setUpVault(
    dataDir,
    { organisation: `School ${CANARY}`, computer: { name: 'LAPTOP-1', location: 'Safe' }, profileId: 'swgfl-template' },
    [...STAFF],
    deps,
  );
  const store = await startIncident(s, [A, B], {
    reason: `Reason ${CANARY}`,
    subject: { kind: 'pupil', ref: 'P-1' },
    category: 'Cyberbullying',
    practice: false,
  });
  const [a = '', b = ''] = store.journal.state.reviewers;
  await mustAppend(store, {
    kind: 'clock.confirmed',
    actor: a,
    data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 },
  });
  await mustAppend(store, { kind: 'triage.answered', actor: b, data: { illegalSuspected: false } });
  await mustAppend(store, { kind: 'note.added', actor: a, data: { text: CANARY } });
  const png = Buffer.from(`png ${CANARY}`);
  const sha256 = await store.putFile(png);
  await mustAppend(store, {
    kind: 'capture.taken',
    actor: a,
    data: { sha256, bytes: png.length, width: 1, height: 1, url: 'http://127.0.0.1/', title: 'Post', mode: 'viewport' },
  });
  await new DraftStore(dataDir, s.vault.codec).put(`${store.ref}:notes`, { text: `Draft ${CANARY}` });
  return { ...s, dataDir, deps, store };
};

describe('backup', () => {
  it('copies every file still encrypted, with a manifest of sums, and the copy opens with a passphrase', async () => {
    const { dataDir, deps, store, vault } = await vaultWithCanary();
    const out = await tempDir('cs-usb-');
    const r = await backupVault(dataDir, out, deps.clock);

    expect(await readdir(out)).toEqual([r.path.slice(out.length + 1)]);
    expect(await filesContaining(r.path, CANARY)).toEqual([]);
    expect(await filesContaining(out, 'Okonkwo')).toEqual([]);
    expect(await checkBackup(r.path)).toEqual([]);
    const manifest = await readFile(join(r.path, BACKUP_MANIFEST), 'utf8');
    expect(manifest).toContain(`  vault/incidents/${store.ref}/journal.jsonl\n`);
    expect(manifest).toMatch(/ {2}vault\/drafts\/[0-9a-f]+\.draft\n/);
    expect(manifest.trim().split('\n')).toHaveLength(r.files);
    const about = JSON.parse(await readFile(join(r.path, BACKUP_INFO), 'utf8'));
    expect(about).toMatchObject({ format: 'countersign-backup', vaultId: vault.info.vaultId, files: r.files });

    const copy = await unlockVault(join(r.path, 'vault'), A, deps);
    const opened = await copy.vault.openIncident(store.ref);
    expect(opened.journal.entries.some((e) => JSON.stringify(e.data).includes(CANARY))).toBe(true);
  });

  it('opens with the recovery code alone', async () => {
    const { dataDir, deps, recoveryCode } = await vaultWithCanary();
    const r = await backupVault(dataDir, await tempDir('cs-usb-'), deps.clock);
    const keyring = await openKeyring(join(r.path, 'vault'), deps);
    expect((await keyring.recoveryStaffList(recoveryCode)).map((s) => s.name)).toEqual(STAFF.map((s) => s.name));
    await expect(keyring.recoveryStaffList('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA')).rejects.toMatchObject({
      code: 'BAD_PASSPHRASE',
    });
  });

  // Root reads any file, so the failure cannot be made that way there.
  it.skipIf(process.getuid?.() === 0)('leaves no folder behind when the copy fails half way', async () => {
    const { dataDir, deps } = await vaultWithCanary();
    const out = await tempDir('cs-usb-');
    // A file the copy cannot read, sorted after the others: the copy fails part way through.
    await writeFile(join(dataDir, 'zz-unreadable'), '');
    await chmod(join(dataDir, 'zz-unreadable'), 0o000);
    const refused = await backupVault(dataDir, out, deps.clock).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    await chmod(join(dataDir, 'zz-unreadable'), 0o600);
    expect(refused?.code).toBe('EACCES');
    expect(await readdir(out)).toEqual([]);
  });

  it('finds a backup file changed after it was written', async () => {
    const { dataDir, deps, store } = await vaultWithCanary();
    const r = await backupVault(dataDir, await tempDir('cs-usb-'), deps.clock);
    const journal = join(r.path, 'vault', 'incidents', store.ref, 'journal.jsonl');
    const bytes = await readFile(journal);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    await writeFile(journal, bytes);
    expect(await checkBackup(r.path)).toEqual([`vault/incidents/${store.ref}/journal.jsonl does not match its sum`]);
  });

  it('countersign backup --data --out writes the backup and says where', async () => {
    const { dataDir } = await vaultWithCanary();
    const out = await tempDir('cs-usb-');
    const r = await runCli(['backup', '--data', dataDir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const [name] = await readdir(out);
    expect(r.stdout).toContain(`to ${join(out, name ?? '')}`);
    expect(await checkBackup(join(out, name ?? ''))).toEqual([]);
    expect(await filesContaining(out, CANARY)).toEqual([]);
    expect((await runCli(['backup', '--data', dataDir])).code).toBe(2);
  });
});
