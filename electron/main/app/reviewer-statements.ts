// Each reviewer's own account of a signed-off incident (shared/outputs/statement.ts): previewed, saved as a PDF or
// printed from the app, and written by `countersign statement`, always from the journal as it stands.
import type { JournalEntry } from '@shared/evidence/entries';
import type { IncidentState } from '@shared/procedure/procedure-machine';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import type { IncidentRecord, RecordReviewer } from '@shared/outputs/record';
import { reviewerStatementHtml, statementReviewer } from '@shared/outputs/statement';
import { CodedError } from '@shared/result';
import { recordOf } from '../export/incident-bundle';
import { incidentPdfMarks, stampPdfMetadata } from '../export/pdf-stamp';
import type { Printer } from '../printing/printer';
import { writeAtomic } from '../services/durable';
import type { IncidentStore } from '../services/vault';
import { checkFolder, freePath } from './incident-outputs';

/** Throws PROCEDURE_FORBIDS unless both reviewers have signed the record off: the account is of the signed record. */
export const requireStatement = (state: IncidentState): void => {
  if (state.phase === 'sealed') return;
  throw new CodedError(
    'PROCEDURE_FORBIDS',
    'Each reviewer’s account is made once both reviewers have signed the record off: it is an account of the ' +
      'signed record.',
  );
};

const plain = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The incident's reviewer with that name as registered (spacing and capitals aside); INVALID_INPUT otherwise. */
export const reviewerNamed = (record: IncidentRecord, name: string): RecordReviewer => {
  const found = record.reviewers.find((r) => plain(r.name) === plain(name));
  if (found) return found;
  throw new CodedError(
    'INVALID_INPUT',
    `"${name}" is not a reviewer of incident ${record.ref}: its reviewers are ` +
      `${record.reviewers.map((r) => `"${r.name}"`).join(' and ')}. Give the name as the reviewer is registered.`,
  );
};

/** The file name an account is saved under: the incident, then the reviewer's name in letters and digits. */
export const statementStem = (ref: string, reviewer: RecordReviewer): string => {
  const name = reviewer.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${ref}-account-${name || reviewer.id}`;
};

/** The account as a PDF through the printer, with the incident's marks in its metadata as the form has. */
export const statementPdf = async (
  entries: readonly JournalEntry[],
  record: IncidentRecord,
  reviewer: RecordReviewer,
  opts: { profile: PolicyProfile | undefined; at: Date; printer: Printer },
): Promise<Uint8Array> => {
  const html = reviewerStatementHtml(record, entries, reviewer.id, {
    generatedAt: opts.at.toISOString(),
    ...(opts.profile ? { profile: opts.profile } : {}),
  });
  const marks = incidentPdfMarks(record.ref, entries, 'form');
  return stampPdfMetadata(await opts.printer.pdf(html), {
    ...marks,
    title: `Account of ${reviewer.name}, incident ${record.ref}`,
  });
};

/** The incident open for work, with the policy profile it was opened under. */
export type IncidentWithProfile = (
  ref: string,
) => Promise<{ store: IncidentStore; profile: PolicyProfile | undefined }>;

/** The app's side: preview, save and print one reviewer's account, the procedure checked again after each await. */
export class ReviewerStatements {
  constructor(
    private readonly incident: IncidentWithProfile,
    private readonly printer: () => Promise<Printer>,
    private readonly now: () => Date,
  ) {}

  private async gather(ref: string, reviewerId: string) {
    const { store, profile } = await this.incident(ref);
    requireStatement(store.journal.state);
    const record = recordOf(store, profile);
    return { store, profile, record, reviewer: statementReviewer(record, reviewerId) };
  }

  async html(ref: string, reviewerId: string): Promise<string> {
    const { store, profile, record, reviewer } = await this.gather(ref, reviewerId);
    return reviewerStatementHtml(record, store.journal.entries, reviewer.id, {
      generatedAt: this.now().toISOString(),
      ...(profile ? { profile } : {}),
    });
  }

  async save(ref: string, reviewerId: string, folder: string): Promise<string> {
    await checkFolder(folder);
    const { store, profile, record, reviewer } = await this.gather(ref, reviewerId);
    const printer = await this.printer();
    const at = this.now();
    const pdf = await statementPdf(store.journal.entries, record, reviewer, { profile, at, printer });
    const path = await freePath(folder, statementStem(ref, reviewer), '.pdf');
    requireStatement(store.journal.state);
    await writeAtomic(path, pdf);
    return path;
  }

  async print(ref: string, reviewerId: string): Promise<void> {
    const printer = await this.printer();
    if (!printer.print)
      throw new CodedError('INTERNAL', 'There is no print dialog here. Save the PDF instead, and print that.');
    await printer.print(await this.html(ref, reviewerId));
  }
}
