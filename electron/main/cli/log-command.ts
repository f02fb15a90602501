// `countersign log`, once its arguments are read: the incident log and the governors' summary for a period, from the
// vault in place, as CSV and as PDF (printed by a headless Chromium, as the app's printer prints them).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { LogDocument } from '@shared/ipc/contract';
import { incidentLogRows, periodWords, type LogOptions } from '@shared/outputs/log';
import { CodedError } from '@shared/result';
import { logBytes, readRecords, type LogFormat, type LogPeriod } from '../app/incident-logs';
import { ChromiumPrinter } from '../printing/chromium-printer';
import { readSettings } from '../services/access';
import { systemClock } from '../services/clock';
import { writeAtomic } from '../services/durable';
import { openingProfile, recordedProfileIfKnown } from '../services/policy-in-force';
import { Vault } from '../services/vault';
import { codecFor } from './check-command';
import type { CliOutput } from './countersign-cli';

/** The four files, in the order they are written. */
export const LOG_FILES: readonly { doc: LogDocument; format: LogFormat }[] = [
  { doc: 'incident-log', format: 'csv' },
  { doc: 'incident-log', format: 'pdf' },
  { doc: 'governors-summary', format: 'csv' },
  { doc: 'governors-summary', format: 'pdf' },
];

const day = z.iso.date();

/** A period's end as given on the command line: YYYY-MM-DD, a real day. */
const checkedDay = (name: string, value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  if (!day.safeParse(value).success)
    throw new CodedError(
      'INVALID_INPUT',
      `--${name} must be a day written YYYY-MM-DD, e.g. 2026-09-01 (not "${value}").`,
    );
  return value;
};

export interface LogPlace {
  dataDir: string;
  outDir: string;
  from?: string | undefined;
  to?: string | undefined;
  passphraseFile?: string | undefined;
}

/** Writes incident-log.csv/.pdf and governors-summary.csv/.pdf; exit 1 when an incident could not be read. */
export const writeLogs = async (place: LogPlace, out: CliOutput): Promise<number> => {
  const period: LogPeriod = { from: checkedDay('from', place.from), to: checkedDay('to', place.to) };
  if (period.from && period.to && period.from > period.to)
    throw new CodedError('INVALID_INPUT', `--from ${period.from} is after --to ${period.to}.`);
  const vault = await Vault.open(place.dataDir, {
    codec: await codecFor(place.dataDir, place.passphraseFile),
    clock: systemClock,
  });
  // A vault without settings (made by a script) has no profiles kept: its incidents are worded by the built-in ones.
  const settings = await readSettings(vault).catch(() => null);
  const { records, profiles, unreadable } = await readRecords(vault, async (store) =>
    settings ? recordedProfileIfKnown(openingProfile(store.journal.entries), settings) : undefined,
  );
  const opts: LogOptions = {
    // The school as set up; a vault without settings is named by its latest incident.
    organisation: settings?.organisation ?? records.at(-1)?.organisation ?? '',
    profiles,
    ...(period.from ? { from: period.from } : {}),
    ...(period.to ? { to: period.to } : {}),
  };
  await mkdir(place.outDir, { recursive: true });
  const printing: { printer?: Promise<ChromiumPrinter> } = {};
  try {
    for (const { doc, format } of LOG_FILES) {
      const path = join(place.outDir, `${doc}.${format}`);
      await writeAtomic(
        path,
        await logBytes(doc, format, records, opts, () => (printing.printer ??= ChromiumPrinter.launch())),
      );
      out.log(`Wrote ${path}`);
    }
  } finally {
    if (printing.printer) await (await printing.printer).close();
  }
  for (const u of unreadable) out.error(`Left out ${u.ref}: ${u.error.message}`);
  const listed = incidentLogRows(records, opts).length;
  const words = periodWords(opts);
  out.log(`The log lists ${listed} incident(s)${words ? ` opened ${words}` : ''}; practice incidents are left out.`);
  return unreadable.length > 0 ? 1 : 0;
};
