// `countersign check`, once its arguments are read: opens the vault (unlocking it if encrypted), checks it in place
// and words the report.
import { readFile } from 'node:fs/promises';
import { CodedError } from '@shared/result';
import { checkVault, type VaultCheck } from '../services/check';
import { systemClock } from '../services/clock';
import { plainCodec, type VaultCodec } from '../services/codec';
import { openKeyring, systemSleep } from '../services/keyring/keyring';
import { readVaultInfo } from '../services/vault';
import type { CliOutput } from './countersign-cli';

/** The vault's passphrase, from a file or the environment: never from the command line, where others could read it. */
export const passphraseFrom = async (file: string | undefined): Promise<string> => {
  if (file) {
    try {
      return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    } catch {
      throw new CodedError('NOT_FOUND', `Cannot read the passphrase file ${file}.`);
    }
  }
  const env = process.env.COUNTERSIGN_PASSPHRASE;
  if (env) return env;
  throw new CodedError(
    'BAD_PASSPHRASE',
    'This vault is encrypted: give a passphrase with ' +
      '--passphrase-file F or the COUNTERSIGN_PASSPHRASE environment variable.',
  );
};

/** The vault's codec; `readOnly` (check) leaves even the access log as it was when the passphrase is right. */
export const codecFor = async (
  dataDir: string,
  passphraseFile: string | undefined,
  readOnly = false,
): Promise<VaultCodec> => {
  const info = await readVaultInfo(dataDir);
  if (info.codec === plainCodec.id) return plainCodec;
  const keyring = await openKeyring(dataDir, { clock: systemClock, sleep: systemSleep, readOnly });
  return (await keyring.unlock(await passphraseFrom(passphraseFile))).codec;
};

export const checkVaultAt = async (
  dataDir: string,
  options: { json: boolean; passphraseFile: string | undefined },
  out: CliOutput,
): Promise<number> => {
  const report = await checkVault(dataDir, await codecFor(dataDir, options.passphraseFile, true));
  out.log(options.json ? JSON.stringify(report, null, 2) : formatCheck(report));
  return report.ok ? 0 : 1;
};

export const formatCheck = (r: VaultCheck): string => {
  const lines = [`Vault ${r.dataDir}: ${r.incidents.length} incident(s).`];
  for (const p of r.problems) lines.push(`problem: ${p.where}: ${p.message}`);
  for (const w of r.warnings) lines.push(`note: ${w}`);
  for (const i of r.incidents) {
    const verdict = i.problems.length === 0 ? 'OK     ' : 'INVALID';
    lines.push(`${verdict} ${i.ref}: ${i.entries} journal entries, ${i.files} evidence file(s)`);
    for (const p of i.problems) lines.push(`  problem: ${p.where}: ${p.message}`);
    for (const w of i.warnings) lines.push(`  note: ${w}`);
  }
  for (const t of r.deletions.tombstones)
    lines.push(
      `DELETED ${t.ref} on ${t.deletedAt}, agreed by ${t.agreedBy.join(' and ')} ` +
        `(journal head ${t.journalHead.slice(0, 16)}…): ${t.reason}`,
    );
  for (const p of r.deletions.problems) lines.push(`  problem: deletion log: ${p}`);
  lines.push(r.ok ? 'The vault is intact.' : 'The vault is NOT intact: see the problems above.');
  return lines.join('\n');
};
