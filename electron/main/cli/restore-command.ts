// `countersign restore`, once its arguments are read: a backup restored on this (replacement) computer with two
// registered people's passphrases, or the recovery code and one person's, each read from a file.
import { readFile } from 'node:fs/promises';
import { CodedError } from '@shared/result';
import { systemClock } from '../services/clock';
import { systemSleep } from '../services/keyring/keyring';
import { restoreVault } from '../services/restore';
import type { CliOutput } from './countersign-cli';

export interface RestorePlace {
  from: string;
  dataDir: string;
  /** Files each holding one registered person's passphrase. */
  passphraseFiles: readonly string[];
  /** A file holding the recovery code, which stands in for the second person. */
  recoveryCodeFile?: string | undefined;
}

const secretFrom = async (file: string, what: string): Promise<string> => {
  try {
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new CodedError('NOT_FOUND', `Cannot read the ${what} file ${file}.`);
  }
};

export const restoreAt = async (place: RestorePlace, out: CliOutput): Promise<number> => {
  const passphrases = [];
  for (const f of place.passphraseFiles) passphrases.push(await secretFrom(f, 'passphrase'));
  const recoveryCode = place.recoveryCodeFile ? await secretFrom(place.recoveryCodeFile, 'recovery code') : undefined;
  const r = await restoreVault(
    { from: place.from, dataDir: place.dataDir, passphrases, ...(recoveryCode ? { recoveryCode } : {}) },
    { clock: systemClock, sleep: systemSleep },
  );
  out.log(`Restored the backup into ${r.dataDir}: ${r.incidents.length} incident(s).`);
  out.log(`Agreed by ${r.agreedBy.join(' and ')}${r.recoveryCode ? ', with the recovery code' : ''}.`);
  out.log(`Former computer's key: ${r.oldFingerprint}`);
  out.log(`This computer's key:   ${r.newFingerprint}`);
  out.log(`Backup manifest SHA-256: ${r.manifestSha256}`);
  out.log('Every incident records the change of computer; the vault now opens on this computer only.');
  return 0;
};
