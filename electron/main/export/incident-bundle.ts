// An incident's bundle from its vault folder: the record, the printed form, the screenshots PDF and every capture,
// streamed from the vault into the zip; the one path the app and the command line export through.
import { DEVICE_SIGNER } from '@shared/evidence/bundle/bag-layout';
import { keptPages, type PageRecord } from '@shared/evidence/page-record';
import { incidentFormHtml } from '@shared/outputs/form';
import { buildRecord, keptCaptures, type IncidentRecord } from '@shared/outputs/record';
import { screenshotsDocument } from '@shared/outputs/screenshots';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import type { Printer } from '../printing/printer';
import { screenshotsPdf } from '../printing/screenshots-pdf';
import { nodeCrypto, type Signer } from '../services/crypto';
import { ReadBuffer } from '../services/read-buffer';
import type { IncidentStore } from '../services/vault';
import { exportBundle, type ExportInput } from './exporter';
import { incidentPdfMarks, type PdfMetadata } from './pdf-stamp';
import type { ZipResult } from './zip';

/** The record in the words of the policy the incident was opened under (undefined when this computer lacks it). */
export const recordOf = (store: IncidentStore, profile?: PolicyProfile): IncidentRecord =>
  buildRecord(store.journal.entries, { crypto: nodeCrypto, ...(profile ? { profile } : {}) });

/**
 * The screenshots PDF of the record, made as it is read: each capture read from the vault in its turn. It carries the
 * marks given, or those of the journal as it stands (a PDF saved or printed from the app).
 */
export const incidentScreenshotsPdf = (
  store: IncidentStore,
  record: IncidentRecord,
  createdAt: Date,
  opts: { marks?: PdfMetadata; signal?: AbortSignal } = {},
): ReadableStream<Uint8Array> => {
  // Every capture is read whole, one after another, through one buffer.
  const into = new ReadBuffer();
  return screenshotsPdf({
    document: screenshotsDocument(record, { pages: pageRecordsOf(store) }),
    image: (sha256) => store.getFile(sha256, into),
    marks: opts.marks ?? incidentPdfMarks(store.ref, store.journal.entries, 'screenshots'),
    createdAt,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
};

/** Each kept capture's page record, by the capture's SHA-256, for its screenshot page. */
export const pageRecordsOf = (store: IncidentStore): Map<string, PageRecord> =>
  new Map(keptPages(store.journal.entries).map((p) => [p.capture, p.page]));

export interface BundleRun {
  store: IncidentStore;
  organisation: string;
  version: string;
  printer: Printer;
  device: Signer;
  /** The exporting reviewer: their staff id names their signature in the bundle. */
  reviewer: { id: string; signer: Signer };
  /** The policy the incident was opened under: written as data/policy.json; incident.json is built with it. */
  profile: PolicyProfile;
  outPath: string;
  password?: string;
  at: Date;
  /** Called when the bundle's files start to be written (the form is printed meanwhile). */
  onWriting?(): void;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Time-stamps the tag manifest (RFC 3161) when time-stamping is on. */
  timestamp?: ExportInput['timestamp'];
  /** The form, already printing (printForm); printed here when not given, or when the journal has grown since. */
  form?: PrintedForm;
}

/** A form on its way from the printer, and the journal it was printed from. */
export interface PrintedForm {
  pdf: Promise<Uint8Array>;
  /** How many journal entries the printed record was built from: the journal only grows. */
  entries: number;
}

/**
 * Starts printing the incident's form: Chromium prints it outside this process, so the captures' writing goes on
 * meanwhile. A failure is heard where the form is awaited, in its turn in the zip.
 */
export const printForm = (
  printer: Printer,
  store: IncidentStore,
  profile: PolicyProfile,
  record: IncidentRecord = recordOf(store, profile),
): PrintedForm => {
  const entries = store.journal.entries.length;
  const pdf = printer.pdf(incidentFormHtml(record, { profile }));
  // An export that ends before the form's turn (cancelled, or failed) must not leave the print's failure unheard.
  pdf.catch(() => undefined);
  return { pdf, entries };
};

/**
 * Prints the form and writes the signed bundle, streaming every capture from the vault and the screenshots PDF as it
 * is made. The caller records "export.made".
 */
export const bundleIncident = async (run: BundleRun): Promise<ZipResult> => {
  const { store, signal } = run;
  const { profile } = run;
  const record = recordOf(store, profile);
  if (signal?.aborted) throw new CodedError('CANCELLED', 'The export was cancelled; no bundle was written.');
  // The bundle is made from the journal as it stands now (its lines are taken below, before any await). A form printed
  // from a shorter journal (an addendum added while the export was being prepared) would show another record than the
  // marks stamped into it say: it is printed again. It goes into the zip after the captures and screenshots.pdf,
  // printing while they are written.
  const form =
    run.form?.entries === store.journal.entries.length ? run.form : printForm(run.printer, store, profile, record);
  const formPdf = form.pdf;
  const kept = keptCaptures(record);
  const input: ExportInput = {
    ref: store.ref,
    organisation: run.organisation,
    version: run.version,
    journalLines: store.journal.entries.map((e) => JSON.stringify(e)),
    screenshots: kept.map((c) => ({
      sha256: c.sha256,
      size: c.bytes,
      bytes: async () => (await store.fileStream(c.sha256)).stream,
      selfChecked: true,
    })),
    sources: [...new Map(keptPages(store.journal.entries).map((p) => [p.page.source.sha256, p.page.source.bytes]))].map(
      ([sha256, size]) => ({
        sha256,
        size,
        bytes: async () => (await store.fileStream(sha256)).stream,
        selfChecked: true,
      }),
    ),
    profile,
    formPdf,
    screenshotsPdf: (marks) => incidentScreenshotsPdf(store, record, run.at, { marks, ...(signal ? { signal } : {}) }),
    signers: [
      { name: DEVICE_SIGNER, signer: run.device },
      { name: run.reviewer.id, signer: run.reviewer.signer },
    ],
    halted: record.halt !== null,
    at: run.at,
    ...(run.timestamp ? { timestamp: run.timestamp } : {}),
  };
  run.onWriting?.();
  return exportBundle(input, run.outPath, {
    ...(run.password !== undefined ? { password: run.password } : {}),
    ...(run.onProgress ? { onProgress: run.onProgress } : {}),
    ...(signal ? { signal } : {}),
  });
};
