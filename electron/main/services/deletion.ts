// Deleting an incident by two people's agreement: a signed tombstone in the vault's deletion log, then every byte of
// the incident shredded (journal, captures, head, quarantine, drafts). The register's row goes when it next lists.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS } from '@shared/evidence/chain';
import {
  auditTombstones,
  deletionMessage,
  tombstoneHash,
  type Tombstone,
  type UnsealedTombstone,
} from '@shared/evidence/tombstone';
import { CodedError } from '@shared/result';
import type { VaultCodec } from './codec';
import { nodeCrypto } from './crypto';
import { allDeviceKeys } from './device-history';
import { writeAtomic } from './durable';
import { splitJournal } from './journal';
import type { Keyring } from './keyring/keyring';
import { shredTree } from './shred';
import type { Vault } from './vault';

export const DELETIONS_FILE = 'deletions.jsonl';
const CONTEXT = 'deletions';

/** The deletion log's entries, decoded; CORRUPT when a line cannot be decoded. */
const readLines = async (dataDir: string, codec: VaultCodec): Promise<unknown[]> => {
  const raw = await readFile(join(dataDir, DELETIONS_FILE)).catch(() => null);
  if (!raw) return [];
  return splitJournal(raw).lines.map((l, i) => {
    try {
      return JSON.parse(codec.decodeLine(l, CONTEXT)) as unknown;
    } catch {
      throw new CodedError('CORRUPT', `Line ${i + 1} of ${DELETIONS_FILE} cannot be decoded: it is damaged.`);
    }
  });
};

/**
 * Every tombstone in the vault's deletion log, with what is wrong with the log (nothing, for an intact one). Tombstones
 * written before the vault was restored on a replacement computer are signed by a former device key.
 */
export const readDeletions = async (
  dataDir: string,
  codec: VaultCodec,
  devicePublicKeyPem: string,
): Promise<{ tombstones: Tombstone[]; problems: string[] }> =>
  auditTombstones(nodeCrypto, await readLines(dataDir, codec), await allDeviceKeys(dataDir, codec, devicePublicKeyPem));

export interface DeletionRequest {
  ref: string;
  reason: string;
  /** Two different registered people's passphrases. */
  passphrases: readonly [string, string];
}

export interface DeletionDeps {
  vault: Vault;
  /** Unlocked: both people authenticate against it. */
  keyring: Keyring;
  /** Shreds the drafts whose keys start with the prefix. */
  shredDrafts(prefix: string): Promise<void>;
}

/**
 * Deletes an incident once two different registered people have each given their passphrase. The tombstone is
 * written (durably) before anything is removed, so a crash part way leaves a recorded deletion to finish, never a
 * silent gap; deleting again finishes it under the same tombstone.
 */
export const deleteIncident = async (deps: DeletionDeps, request: DeletionRequest): Promise<Tombstone> => {
  const { vault, keyring } = deps;
  const reason = request.reason.trim();
  if (reason.length === 0) throw new CodedError('INVALID_INPUT', 'Say why the incident is being deleted.');
  const dir = vault.incidentDir(request.ref);
  const a = await keyring.authenticate(request.passphrases[0]);
  const b = await keyring.authenticate(request.passphrases[1]);
  if (a.staff.id === b.staff.id)
    throw new CodedError(
      'SAME_PERSON',
      'Both passphrases belong to the same person. Deleting an incident needs two different registered people.',
    );
  const log = await readDeletions(vault.dataDir, vault.codec, vault.info.devicePublicKeyPem);
  if (log.problems.length > 0)
    throw new CodedError('CORRUPT', `The deletion log is damaged (${log.problems[0]}); nothing was deleted.`);
  const earlier = log.tombstones.find((t) => t.ref === request.ref);
  if (earlier) {
    await removeFiles(deps, request.ref, dir, earlier.reason);
    return earlier;
  }
  const store = await vault.openIncident(request.ref);
  const entries = store.journal.entries;
  const head = entries.at(-1)?.hash;
  const first = entries[0];
  if (!head || !first) throw new CodedError('CORRUPT', `Incident ${request.ref} has an empty journal.`);
  const message = deletionMessage(nodeCrypto, request.ref, head, reason);
  const sealedAt = store.journal.state.phase === 'sealed' ? entries.findLast((e) => e.kind === 'signoff.signed') : null;
  const last = log.tombstones.at(-1);
  const unsealed: UnsealedTombstone = {
    format: 'countersign-deletion',
    version: 1,
    seq: log.tombstones.length,
    ref: request.ref,
    deletedAt: vault.journalDeps().clock.now().toISOString(),
    openedAt: first.at,
    signedOffAt: sealedAt?.at ?? null,
    reason,
    journal: { entries: entries.length, head },
    files: (await store.listFiles()).length,
    agreedBy: [a, b].map((p) => ({
      id: p.staff.id,
      name: p.staff.name,
      role: p.staff.role,
      keyFingerprint: p.signer.fingerprint,
      publicKey: p.signer.publicKeyPem,
      signature: p.signer.sign(message),
    })) as UnsealedTombstone['agreedBy'],
    deviceKeyFingerprint: vault.device.fingerprint,
    prev: last?.hash ?? GENESIS,
  };
  const hash = tombstoneHash(nodeCrypto, unsealed);
  const tombstone: Tombstone = { ...unsealed, hash, deviceSignature: vault.device.sign(hash) };
  const lines = [...log.tombstones, tombstone].map((t) => vault.codec.encodeLine(JSON.stringify(t), CONTEXT));
  await writeAtomic(join(vault.dataDir, DELETIONS_FILE), Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
  await removeFiles(deps, request.ref, dir, reason);
  return tombstone;
};

/**
 * After the tombstone: the ledger of signed heads records the removal (so the missing folder is not taken for a
 * rollback), then every file goes.
 */
const removeFiles = async (deps: DeletionDeps, ref: string, dir: string, reason: string): Promise<void> => {
  await deps.vault.ledger.recordRemoved(ref, `deleted by two people: ${reason}`);
  deps.vault.forgetIncident(ref);
  await shredTree(dir);
  await deps.shredDrafts(`${ref}:`);
};
