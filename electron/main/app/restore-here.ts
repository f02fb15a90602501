// Restoring a backup from the first screen of a computer with no vault yet (a replacement laptop): the restore service
// puts it in the app's data folder, after which the app shows the lock screen.
import type { RestoreReply } from '@shared/ipc/keeping-schemas';
import { CodedError } from '@shared/result';
import { systemSleep } from '../services/keyring/keyring';
import { restoreVault } from '../services/restore';
import type { AppCore } from './app-core';

export interface RestoreInput {
  folder: string;
  passphrases: readonly string[];
  recoveryCode?: string | undefined;
}

export const restoreHere = async (core: AppCore, input: RestoreInput): Promise<RestoreReply> => {
  if (await core.isSetUp())
    throw new CodedError(
      'INVALID_INPUT',
      'Countersign is already set up on this computer: a backup is restored only on a computer with no vault yet.',
    );
  const { dataDir, clock, sleep, scrypt, machineId } = core.deps;
  const code = input.recoveryCode?.trim();
  // The restore service re-checks, just before its last step, that the data folder is still empty.
  const r = await restoreVault(
    { from: input.folder, dataDir, passphrases: input.passphrases, ...(code ? { recoveryCode: code } : {}) },
    { clock, sleep: sleep ?? systemSleep, scrypt, machineId },
  );
  return {
    incidents: r.incidents.length,
    agreedBy: r.agreedBy,
    recoveryCode: r.recoveryCode,
    oldFingerprint: r.oldFingerprint,
    newFingerprint: r.newFingerprint,
    manifestSha256: r.manifestSha256,
  };
};
