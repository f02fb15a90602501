// `countersign statement`, once its arguments are read: one reviewer's own account of a signed-off incident, from the
// vault in place, as a PDF printed by a headless Chromium (no image in it), for them to check, correct and sign.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRecord } from '@shared/outputs/record';
import { CodedError } from '@shared/result';
import { reviewerNamed, requireStatement, statementPdf, statementStem } from '../app/reviewer-statements';
import { ChromiumPrinter } from '../printing/chromium-printer';
import { readSettings } from '../services/access';
import { systemClock } from '../services/clock';
import { nodeCrypto } from '../services/crypto';
import { writeAtomic } from '../services/durable';
import { openingProfile, recordedProfileIfKnown } from '../services/policy-in-force';
import { Vault } from '../services/vault';
import { codecFor } from './check-command';
import type { CliOutput } from './countersign-cli';

export interface StatementPlace {
  dataDir: string;
  ref: string;
  /** The reviewer's name as registered. */
  by: string;
  outDir: string;
  passphraseFile?: string | undefined;
}

/** Writes <out>/<ref>-account-<name>.pdf; every failure is a CodedError, which the command line makes exit 2. */
export const writeStatement = async (place: StatementPlace, out: CliOutput): Promise<number> => {
  const vault = await Vault.open(place.dataDir, {
    codec: await codecFor(place.dataDir, place.passphraseFile),
    clock: systemClock,
  });
  if (!(await vault.listIncidents()).includes(place.ref))
    throw new CodedError('NOT_FOUND', `There is no incident ${place.ref} in ${place.dataDir}.`);
  // Read, never opened for writing: the command leaves the incident as it found it.
  const { entries, state } = await vault.readIncident(place.ref);
  // A vault without settings (made by a script) keeps no imported profiles: the built-in one of that id words it.
  const settings = await readSettings(vault).catch(() => null);
  const profile = settings ? recordedProfileIfKnown(openingProfile(entries), settings) : undefined;
  const record = buildRecord(entries, { crypto: nodeCrypto, ...(profile ? { profile } : {}) });
  const reviewer = reviewerNamed(record, place.by);
  requireStatement(state);
  await mkdir(place.outDir, { recursive: true });
  const printer = await ChromiumPrinter.launch();
  try {
    const pdf = await statementPdf(entries, record, reviewer, { profile, at: systemClock.now(), printer });
    const path = join(place.outDir, `${statementStem(record.ref, reviewer)}.pdf`);
    await writeAtomic(path, pdf);
    out.log(`Wrote ${path}`);
  } finally {
    await printer.close();
  }
  const mine = record.captures.filter((c) => c.by.id === reviewer.id).length;
  out.log(
    `The account of ${reviewer.name} (${mine} screenshot(s) captured) is a draft from the signed record: ` +
      'they check it, correct it in their own words and sign it.',
  );
  return 0;
};
