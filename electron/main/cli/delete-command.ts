// `countersign delete`, once its arguments are read: two people's passphrases delete an incident, leave its tombstone
// in the vault's deletion log and write the destruction certificate (PDF, printed by a headless Chromium).
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { certificateHtml } from '@shared/outputs/destruction-certificate';
import { CodedError } from '@shared/result';
import { DraftStore } from '../app/draft-store';
import { ChromiumPrinter } from '../printing/chromium-printer';
import { readSettings } from '../services/access';
import { systemClock } from '../services/clock';
import { deleteIncident } from '../services/deletion';
import { writeAtomic } from '../services/durable';
import { openKeyring, systemSleep } from '../services/keyring/keyring';
import { Vault } from '../services/vault';
import type { CliOutput } from './countersign-cli';

export interface DeletePlace {
  dataDir: string;
  ref: string;
  reason: string;
  outDir: string;
  /** Two files, each holding one registered person's passphrase. */
  passphraseFiles: readonly string[];
}

const readPassphrase = async (file: string): Promise<string> => {
  try {
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } catch {
    throw new CodedError('NOT_FOUND', `Cannot read the passphrase file ${file}.`);
  }
};

export const deleteAt = async (place: DeletePlace, out: CliOutput): Promise<number> => {
  const [f, g] = place.passphraseFiles;
  if (!f || !g || place.passphraseFiles.length !== 2)
    throw new CodedError(
      'INVALID_INPUT',
      'Deleting an incident needs two people: give --passphrase-file twice, one file for each person.',
    );
  const passphrases = [await readPassphrase(f), await readPassphrase(g)] as const;
  const keyring = await openKeyring(place.dataDir, { clock: systemClock, sleep: systemSleep });
  const { codec } = await keyring.unlock(passphrases[0]);
  const vault = await Vault.open(place.dataDir, { codec, clock: systemClock });
  const settings = await readSettings(vault);
  await mkdir(place.outDir, { recursive: true });
  const drafts = new DraftStore(place.dataDir, codec);
  const t = await deleteIncident(
    { vault, keyring, shredDrafts: (prefix) => drafts.shredPrefix(prefix) },
    { ref: place.ref, reason: place.reason, passphrases },
  );
  out.log(`Deleted ${t.ref}, agreed by ${t.agreedBy.map((p) => p.name).join(' and ')}.`);
  const printer = await ChromiumPrinter.launch();
  try {
    const path = join(place.outDir, `${t.ref}-destruction-certificate.pdf`);
    await writeAtomic(path, await printer.pdf(certificateHtml(t, settings)));
    out.log(`Wrote ${path}`);
  } finally {
    await printer.close();
  }
  return 0;
};
