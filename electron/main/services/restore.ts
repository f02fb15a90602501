// Restoring a backup on a replacement computer: the backup checked against its manifest, copied, bound to this computer
// with a new device key, and the change of computer recorded in every incident and in the ledger, agreed by two people.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { deviceChangeMessage } from '@shared/evidence/device-keys';
import { reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import { CodedError } from '@shared/result';
import { BACKUP_INFO, BACKUP_MANIFEST, BACKUP_VAULT_DIR, checkBackup, vaultFiles, writeSynced } from './backup';
import { generateSigningKey, sha256Hex, type Signer } from './crypto';
import { addFormerDevice } from './device-history';
import { ensureDir, syncDir, TEMP_PREFIX, writeAtomic } from './durable';
import { openKeyring, type KeyringDeps } from './keyring/keyring';
import type { StaffRecord } from './keyring/key-files';
import type { MachineId } from './machine-id';
import {
  bindingOf,
  readVaultInfo,
  Vault,
  VAULT_FILE,
  writeDeviceKey,
  type IncidentStore,
  type VaultDeps,
  type VaultInfo,
} from './vault';

export interface RestoreRequest {
  /** The backup folder (the one `countersign backup` made, with backup.json and manifest-sha256.txt). */
  from: string;
  /** Where the vault goes: a folder that does not exist yet, or is empty. */
  dataDir: string;
  /** Registered people's passphrases: two or more, or one with the recovery code. */
  passphrases: readonly string[];
  recoveryCode?: string;
}

export interface RestoreDeps extends KeyringDeps {
  /** Which computer this is; the operating system's identifier unless a test says otherwise. */
  machineId?: MachineId;
}

export interface RestoreResult {
  dataDir: string;
  incidents: string[];
  oldFingerprint: string;
  newFingerprint: string;
  manifestSha256: string;
  agreedBy: string[];
  recoveryCode: boolean;
}

const TWO_PEOPLE =
  "Restoring a backup needs two registered people's passphrases, or the recovery code and one person's passphrase.";

/** The target must be new or empty: a restore never mixes with, or replaces, a vault already there. */
const assertEmptyTarget = async (dataDir: string): Promise<void> => {
  const names = await readdir(dataDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    if (e.code === 'ENOTDIR') throw new CodedError('INVALID_INPUT', `${dataDir} is a file, not a folder.`);
    throw e;
  });
  if (names.length > 0)
    throw new CodedError(
      'INVALID_INPUT',
      `${dataDir} is not empty. Restore into a new or empty folder: nothing already there is replaced.`,
    );
};

/** The backup, checked against its manifest; gives the SHA-256 of its manifest. Refuses before anything is written. */
const checkedBackup = async (from: string): Promise<string> => {
  const problems = await checkBackup(from);
  if (problems.length > 0)
    throw new CodedError(
      'CORRUPT',
      `The backup in ${from} is damaged or incomplete, so nothing was restored: ${problems.slice(0, 3).join('; ')}` +
        `${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}. Use another backup.`,
    );
  const manifestSha256 = sha256Hex(await readFile(join(from, BACKUP_MANIFEST)));
  // backup.json is not in the manifest: it names the manifest's sum, which must be the one computed here.
  const about = await readFile(join(from, BACKUP_INFO), 'utf8').then(
    (t) => {
      try {
        return JSON.parse(t) as { manifestSha256?: unknown };
      } catch {
        return { manifestSha256: null };
      }
    },
    () => null,
  );
  if (about && about.manifestSha256 !== manifestSha256)
    throw new CodedError('CORRUPT', `The backup in ${from} does not match its ${BACKUP_INFO}: nothing was restored.`);
  if ((await vaultFiles(join(from, BACKUP_VAULT_DIR)).catch(() => [])).length === 0)
    throw new CodedError('NOT_FOUND', `${from} holds no backed-up vault.`);
  return manifestSha256;
};

/** Copies the backed-up vault into `to`, every file and folder fsynced. */
const copyVault = async (from: string, to: string): Promise<void> => {
  const made = new Set<string>();
  for (const rel of await vaultFiles(from)) {
    const target = join(to, ...rel.split('/'));
    const folder = dirname(target);
    if (!made.has(folder)) {
      await ensureDir(folder);
      made.add(folder);
    }
    await writeSynced(target, await readFile(join(from, ...rel.split('/'))));
  }
  for (const folder of [...made].sort((a, b) => b.length - a.length)) await syncDir(folder);
};

const writeVaultInfo = (dir: string, info: VaultInfo): Promise<void> =>
  writeAtomic(join(dir, VAULT_FILE), Buffer.from(`${JSON.stringify(info, null, 2)}\n`, 'utf8'));

interface Person {
  staff: StaffRecord;
  signer: Signer;
}

/** Who of those present may agree for each incident: its own reviewers, with the keys the incident holds for them. */
const agreeingFor = (store: IncidentStore, people: readonly Person[]): Person[] =>
  people.filter(
    (p) =>
      store.journal.state.reviewers.includes(p.staff.id) &&
      reviewerKeyAt(store.journal.entries, p.staff.id) === p.signer.fingerprint,
  );

/**
 * Records the change of computer in every incident (written by the old device key, whose heads it closes), hands the
 * ledger to the new key, then replaces the device key and the vault's record of it. Refuses, before writing, when an
 * incident's reviewers are not present to agree.
 */
const recordChange = async (
  dir: string,
  vaultDeps: VaultDeps,
  people: readonly Person[],
  recovery: boolean,
  manifestSha256: string,
): Promise<{ incidents: string[]; oldFingerprint: string; newFingerprint: string }> => {
  const old = await Vault.open(dir, vaultDeps);
  old.ledger.assertUsable();
  const refs = await old.listIncidents();
  const plans: { store: IncidentStore; agreeing: Person[] }[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const store = await old.openIncident(ref);
    const agreeing = agreeingFor(store, people);
    if (agreeing.length >= 2 || (recovery && agreeing.length === 1)) plans.push({ store, agreeing });
    else missing.push(ref);
  }
  if (missing.length > 0)
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      `Each incident's reviewers agree to its change of computer, and those of ${missing.join(', ')} were not both ` +
        'here (or one of them with the recovery code). Nothing was restored: restore again with their passphrases.',
    );
  const fresh = generateSigningKey();
  try {
    const oldFingerprint = old.device.fingerprint;
    const newFingerprint = fresh.signer.fingerprint;
    for (const { store, agreeing } of plans) {
      const message = deviceChangeMessage(store.ref, oldFingerprint, newFingerprint, manifestSha256, recovery);
      const first = agreeing[0];
      if (!first) throw new CodedError('INTERNAL', 'A change of computer had nobody to agree to it.');
      await store.journal.append({
        kind: 'device.changed',
        actor: first.staff.id,
        data: {
          oldFingerprint,
          oldPublicKey: old.device.publicKeyPem,
          newFingerprint,
          newPublicKey: fresh.signer.publicKeyPem,
          backupManifestSha256: manifestSha256,
          recoveryCode: recovery,
          deviceSignature: fresh.signer.sign(message),
          approvals: agreeing.slice(0, 2).map((p) => ({
            reviewer: p.staff.id,
            publicKey: p.signer.publicKeyPem,
            signature: p.signer.sign(message),
          })),
        },
      });
    }
    await old.ledger.handOver(fresh.signer);
    await addFormerDevice(dir, old.codec, {
      publicKeyPem: old.device.publicKeyPem,
      fingerprint: oldFingerprint,
      replacedAt: vaultDeps.clock.now().toISOString(),
      backupManifestSha256: manifestSha256,
    });
    await writeDeviceKey(dir, old.codec, fresh.pkcs8);
    await writeVaultInfo(dir, {
      ...old.info,
      devicePublicKeyPem: fresh.signer.publicKeyPem,
      deviceKeyFingerprint: newFingerprint,
    });
    return { incidents: refs, oldFingerprint, newFingerprint };
  } finally {
    fresh.pkcs8.fill(0);
    fresh.signer.wipe();
    old.device.wipe();
  }
};

/**
 * Restores a backup into `dataDir` on this computer. The backup is checked against its manifest first (a tampered or
 * incomplete one is refused and nothing is written); the vault is then restored in a temporary folder beside
 * `dataDir` and renamed into place only once it is bound to this computer and every incident records the change, so
 * the folder holds a whole, working vault or nothing.
 */
export const restoreVault = async (request: RestoreRequest, deps: RestoreDeps): Promise<RestoreResult> => {
  const recovery = request.recoveryCode !== undefined && request.recoveryCode.trim() !== '';
  const present = request.passphrases.filter((p) => p.length > 0);
  if (present.length < 1 || present.length + (recovery ? 1 : 0) < 2) throw new CodedError('INVALID_INPUT', TWO_PEOPLE);
  const from = resolve(request.from);
  const dataDir = resolve(request.dataDir);
  const manifestSha256 = await checkedBackup(from);
  await assertEmptyTarget(dataDir);
  const parent = dirname(dataDir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `${TEMP_PREFIX}restore-${randomBytes(8).toString('hex')}`);
  try {
    await copyVault(join(from, BACKUP_VAULT_DIR), tmp);
    const keyring = await openKeyring(tmp, deps);
    try {
      const codec = recovery
        ? await keyring.unlockWithRecoveryCode(request.recoveryCode ?? '')
        : (await keyring.unlock(present[0] ?? '')).codec;
      const people: Person[] = [];
      for (const p of present) {
        const a = await keyring.authenticate(p);
        if (people.some((x) => x.staff.id === a.staff.id))
          throw new CodedError('SAME_PERSON', `Two of the passphrases are ${a.staff.name}'s. ${TWO_PEOPLE}`);
        people.push(a);
      }
      const vaultDeps: VaultDeps = {
        codec,
        clock: deps.clock,
        ...(deps.machineId ? { machineId: deps.machineId } : {}),
      };
      const info = await readVaultInfo(tmp);
      await writeVaultInfo(tmp, { ...info, machineBinding: await bindingOf(info.vaultId, vaultDeps) });
      const change = await recordChange(tmp, vaultDeps, people, recovery, manifestSha256);
      // Opened on the new key, each incident signs its head after the change (the ledger records it).
      const vault = await Vault.open(tmp, vaultDeps);
      try {
        for (const ref of change.incidents) await vault.openIncident(ref);
      } finally {
        vault.device.wipe();
      }
      await syncDir(tmp);
      // The rename is the last step; re-check the target, which may have been filled while this ran.
      await assertEmptyTarget(dataDir);
      await rmdir(dataDir).catch(() => undefined);
      await rename(tmp, dataDir);
      await syncDir(parent);
      return {
        dataDir,
        ...change,
        manifestSha256,
        agreedBy: people.map((p) => p.staff.name),
        recoveryCode: recovery,
      };
    } finally {
      await keyring.lock();
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
};
