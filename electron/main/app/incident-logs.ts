// The incident log and the governors' summary over every incident in the vault for a period: the HTML the screen
// previews and prints, and the PDF and CSV files saved (by the app, and by `countersign log`).
import type { LogDocument } from '@shared/ipc/contract';
import {
  governorsSummaryCsv,
  governorsSummaryHtml,
  incidentLogCsv,
  incidentLogHtml,
  type LogOptions,
} from '@shared/outputs/log';
import type { IncidentRecord } from '@shared/outputs/record';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError, toAppError, type AppError } from '@shared/result';
import type { Printer } from '../printing/printer';
import { writeAtomic } from '../services/durable';
import type { IncidentStore, Vault } from '../services/vault';
import { checkFolder, freePath, recordOf } from './incident-outputs';

export type LogFormat = 'pdf' | 'csv';

/** The first and last day of the period (YYYY-MM-DD, UK time), either left open. */
export interface LogPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

export interface VaultRecords {
  records: IncidentRecord[];
  /** The policy profiles the incidents were opened under, by the SHA-256 each records (those this computer has). */
  profiles: Map<string, PolicyProfile>;
  /** Incidents that could not be read here (another computer's, or damaged): left out, and said so. */
  unreadable: { ref: string; error: AppError }[];
}

/** The policy profile an incident was opened under, or undefined when this computer no longer has it. */
export type ProfileOf = (store: IncidentStore) => Promise<PolicyProfile | undefined>;

/**
 * Every incident's record, in the words of the policy it was opened under; the one open for work is read from its
 * store in memory, never opened a second time.
 */
export const readRecords = async (
  vault: Vault,
  profileOf: ProfileOf,
  openStore: () => IncidentStore | null = () => null,
): Promise<VaultRecords> => {
  const out: VaultRecords = { records: [], profiles: new Map(), unreadable: [] };
  for (const ref of await vault.listIncidents()) {
    try {
      const open = openStore();
      const store = open?.ref === ref ? open : await vault.openIncident(ref);
      const profile = await profileOf(store);
      const record = recordOf(store, profile);
      out.records.push(record);
      if (profile) out.profiles.set(record.policy.sha256, profile);
    } catch (e) {
      out.unreadable.push({ ref, error: toAppError(e) });
    }
  }
  return out;
};

const checkPeriod = (period: LogPeriod): void => {
  if (period.from && period.to && period.from > period.to)
    throw new CodedError('INVALID_INPUT', 'The period ends before it starts: swap the two dates.');
};

/** The document as HTML (for preview, print and PDF) or as CSV for a spreadsheet. */
export const logDocument = (
  doc: LogDocument,
  format: 'html' | 'csv',
  records: readonly IncidentRecord[],
  opts: LogOptions,
): string => {
  if (doc === 'incident-log') return format === 'csv' ? incidentLogCsv(records, opts) : incidentLogHtml(records, opts);
  return format === 'csv' ? governorsSummaryCsv(records, opts) : governorsSummaryHtml(records, opts);
};

/** The document's bytes in the format asked for: a PDF through the printer, CSV as UTF-8 text. */
export const logBytes = async (
  doc: LogDocument,
  format: LogFormat,
  records: readonly IncidentRecord[],
  opts: LogOptions,
  printer: () => Promise<Printer>,
): Promise<Uint8Array> =>
  format === 'csv'
    ? new Uint8Array(Buffer.from(logDocument(doc, 'csv', records, opts), 'utf8'))
    : (await printer()).pdf(logDocument(doc, 'html', records, opts));

export interface IncidentLogsDeps {
  vault: () => Vault;
  openStore: () => IncidentStore | null;
  profileOf: ProfileOf;
  /** Practice mode: practice incidents are counted (and marked), as the register shows them. */
  practice: () => boolean;
  organisation: () => Promise<string>;
  printer: () => Promise<Printer>;
}

export class IncidentLogs {
  constructor(private readonly deps: IncidentLogsDeps) {}

  private async gather(period: LogPeriod): Promise<VaultRecords & { opts: LogOptions }> {
    checkPeriod(period);
    const read = await readRecords(this.deps.vault(), this.deps.profileOf, this.deps.openStore);
    const opts: LogOptions = {
      profiles: read.profiles,
      organisation: await this.deps.organisation(),
      includePractice: this.deps.practice(),
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
    };
    return { ...read, opts };
  }

  /** The document for the screen's preview, with the incidents that could not be read here. */
  async html(doc: LogDocument, period: LogPeriod): Promise<{ html: string; unreadable: string[] }> {
    const { records, unreadable, opts } = await this.gather(period);
    return { html: logDocument(doc, 'html', records, opts), unreadable: unreadable.map((u) => u.ref) };
  }

  /** Saves the document in the folder, under a name not taken yet; returns its path. */
  async save(doc: LogDocument, format: LogFormat, folder: string, period: LogPeriod): Promise<string> {
    await checkFolder(folder);
    const { records, opts } = await this.gather(period);
    const bytes = await logBytes(doc, format, records, opts, this.deps.printer);
    const path = await freePath(folder, doc, `.${format}`);
    await writeAtomic(path, bytes);
    return path;
  }

  async print(doc: LogDocument, period: LogPeriod): Promise<void> {
    const printer = await this.deps.printer();
    if (!printer.print)
      throw new CodedError('INTERNAL', 'There is no print dialog here. Save the PDF instead, and print that.');
    const { records, opts } = await this.gather(period);
    await printer.print(logDocument(doc, 'html', records, opts));
  }
}
