// Deleting an incident: two different registered people or nothing; afterwards no byte of it anywhere in the vault
// (a vault written without encryption, so a byte search would find it), a signed tombstone that `check` reports, and
// a tombstone that cannot be altered unnoticed.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftStore } from '@main/app/draft-store';
import { checkVault } from '@main/services/check';
import { plainCodec } from '@main/services/codec';
import { deleteIncident, DELETIONS_FILE, readDeletions } from '@main/services/deletion';
import { createKeyring } from '@main/services/keyring/keyring';
import { Vault } from '@main/services/vault';
import { filesContaining } from '@test/helpers/search';
import { incidentInReview, mustAppend, storeCapture, tempDir } from '@test/helpers/vault';
import { STAFF, testDeps, THIRD } from '@test/unit/electron/main/services/keyring/keyring-fixtures';

const CANARY = `CANARYDELETE${randomBytes(8).toString('hex')}`;
const [A, B] = [STAFF[0].passphrase, STAFF[1].passphrase];

/** A vault written in plain bytes (so a byte search can see into it) with a keyring of three people. */
const plainVaultWithCanary = async () => {
  const deps = testDeps();
  const dataDir = join(await tempDir(), 'data');
  const { keyring } = await createKeyring(dataDir, [...STAFF, THIRD], deps);
  const vault = await Vault.create(dataDir, { codec: plainCodec, clock: deps.clock });
  const drafts = new DraftStore(dataDir, plainCodec);
  const store = await incidentInReview(vault);
  await mustAppend(store, { kind: 'note.added', actor: 'ds', data: { text: `Note ${CANARY}` } });
  await storeCapture(store, Buffer.from(`png ${CANARY}`), `Concern ${CANARY}`);
  await drafts.put(`${store.ref}:judgement`, { text: `Draft ${CANARY}` });
  const other = await incidentInReview(vault);
  const deletion = { vault, keyring, shredDrafts: (prefix: string) => drafts.shredPrefix(prefix) };
  return { dataDir, vault, keyring, store, other, deletion };
};

describe('deleting an incident', () => {
  it('refuses one person, twice or alone, and changes nothing', async () => {
    const { dataDir, store, deletion } = await plainVaultWithCanary();
    const ref = store.ref;
    await expect(
      deleteIncident(deletion, { ref, reason: 'Retention over', passphrases: [A, A] }),
    ).rejects.toMatchObject({ code: 'SAME_PERSON' });
    await expect(
      deleteIncident(deletion, { ref, reason: 'Retention over', passphrases: [A, 'not anyone’s passphrase'] }),
    ).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' });
    await expect(deleteIncident(deletion, { ref, reason: '  ', passphrases: [A, B] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await filesContaining(dataDir, CANARY)).length).toBe(3);
    expect((await checkVault(dataDir, plainCodec)).deletions.tombstones).toEqual([]);
  });

  it('removes every byte of it, leaves the other incident, and check reports the signed tombstone', async () => {
    const { dataDir, store, other, deletion, vault } = await plainVaultWithCanary();
    // The control: before deletion the canary is in the journal, the capture and the draft.
    expect((await filesContaining(dataDir, CANARY)).map((p) => p.slice(dataDir.length)).sort()).toEqual([
      expect.stringMatching(/^\/drafts\//),
      `/incidents/${store.ref}/files/${(await store.listFiles())[0] ?? ''}`,
      `/incidents/${store.ref}/journal.jsonl`,
    ]);
    const head = store.journal.entries.at(-1)?.hash;
    const t = await deleteIncident(deletion, { ref: store.ref, reason: 'Retention period over', passphrases: [B, A] });

    expect(await filesContaining(dataDir, CANARY)).toEqual([]);
    expect(await vault.listIncidents()).toEqual([other.ref]);
    expect(t).toMatchObject({ ref: store.ref, journal: { head, entries: store.journal.entries.length }, files: 1 });
    expect(t.agreedBy.map((p) => p.name)).toEqual([STAFF[1].name, STAFF[0].name]);
    const report = await checkVault(dataDir, plainCodec);
    expect(report.ok).toBe(true);
    expect(report.deletions).toEqual({
      tombstones: [
        {
          ref: store.ref,
          deletedAt: t.deletedAt,
          agreedBy: [STAFF[1].name, STAFF[0].name],
          reason: 'Retention period over',
          journalHead: head,
        },
      ],
      problems: [],
    });
  });

  it('finds a tombstone altered after it was written', async () => {
    const { dataDir, store, other, deletion, vault } = await plainVaultWithCanary();
    await deleteIncident(deletion, { ref: store.ref, reason: 'Retention period over', passphrases: [A, B] });
    await deleteIncident(deletion, { ref: other.ref, reason: 'Opened by mistake', passphrases: [A, B] });
    const path = join(dataDir, DELETIONS_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('Opened by mistake', 'Opened by design!'));
    const log = await readDeletions(dataDir, plainCodec, vault.info.devicePublicKeyPem);
    expect(log.problems).toContain(`deletion 2 (${other.ref}) has been altered`);
    expect((await checkVault(dataDir, plainCodec)).ok).toBe(false);
  });

  it('finds the deletion log deleted or cut back: the ledger still says the incidents were removed', async () => {
    const { dataDir, store, other, deletion } = await plainVaultWithCanary();
    await deleteIncident(deletion, { ref: store.ref, reason: 'Retention period over', passphrases: [A, B] });
    await deleteIncident(deletion, { ref: other.ref, reason: 'Opened by mistake', passphrases: [A, B] });
    const path = join(dataDir, DELETIONS_FILE);
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    await writeFile(path, `${lines[0]}\n`);
    const cut = await checkVault(dataDir, plainCodec);
    expect(cut.ok).toBe(false);
    expect(cut.deletions.problems).toEqual([expect.stringContaining(`incident ${other.ref} was deleted`)]);
    await rm(path);
    const gone = await checkVault(dataDir, plainCodec);
    expect(gone.ok).toBe(false);
    expect(gone.deletions.problems.filter((p) => /has no tombstone/.test(p))).toHaveLength(2);
  });
});
