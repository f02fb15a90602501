// The incident's outputs: the form and screenshots as HTML and PDF, and the evidence bundle, made from the vault each
// time.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { incidentFormHtml } from '@shared/outputs/form';
import { screenshotsPreviewHtml } from '@shared/outputs/screenshots';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import {
  bundleIncident,
  incidentScreenshotsPdf,
  pageRecordsOf,
  recordOf,
  type PrintedForm,
} from '../export/incident-bundle';
import { incidentPdfMarks, stampPdfMetadata } from '../export/pdf-stamp';
import type { ZipResult } from '../export/zip';
import type { Printer } from '../printing/printer';
import type { Signer } from '../services/crypto';
import { writeAtomic } from '../services/durable';
import type { IncidentStore } from '../services/vault';

export { recordOf };

export type DocumentKind = 'form' | 'screenshots';

export const pngDataUrl = (bytes: Uint8Array): string =>
  `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

/**
 * The document as the preview shows it. The form is the document the printer receives; the screenshots' pages show
 * their words without the images, which go only into the PDF (printed, saved or in the bundle), never over IPC.
 */
export const documentHtml = async (
  store: IncidentStore,
  doc: DocumentKind,
  profile: PolicyProfile | undefined,
): Promise<string> => {
  const record = recordOf(store, profile);
  return doc === 'form'
    ? incidentFormHtml(record, profile ? { profile } : {})
    : screenshotsPreviewHtml(record, { pages: pageRecordsOf(store) });
};

/** The folder must exist and be a folder; the words say what to do. */
export const checkFolder = async (folder: string): Promise<void> => {
  const s = await stat(folder).catch(() => null);
  if (!s?.isDirectory()) {
    throw new CodedError(
      'IO_ERROR',
      `The folder ${folder} does not exist, or the drive is not connected. Choose another folder and try again.`,
    );
  }
};

/** A name in the folder that is not taken yet, so an earlier output is never overwritten. */
export const freePath = async (folder: string, stem: string, ext: string): Promise<string> => {
  for (let i = 1; i < 1000; i += 1) {
    const path = join(folder, `${stem}${i === 1 ? '' : `-${i}`}${ext}`);
    const taken = await stat(path).then(
      () => true,
      () => false,
    );
    if (!taken) return path;
  }
  throw new CodedError(
    'IO_ERROR',
    `The folder ${folder} already holds too many files named ${stem}. Choose another folder.`,
  );
};

/**
 * The document as a PDF, carrying the incident's marks in its metadata as the bundle's do: the form through the
 * printer, then stamped; the screenshots streamed from the vault as they are made, with the marks written by PDFKit.
 */
const documentPdf = async (
  store: IncidentStore,
  doc: DocumentKind,
  printer: Printer,
  profile: PolicyProfile | undefined,
  at: Date,
): Promise<Uint8Array | ReadableStream<Uint8Array>> => {
  const record = recordOf(store, profile);
  if (doc === 'screenshots') return incidentScreenshotsPdf(store, record, at);
  const form = await printer.pdf(incidentFormHtml(record, profile ? { profile } : {}));
  return stampPdfMetadata(form, incidentPdfMarks(store.ref, store.journal.entries, 'form'));
};

/** Throws unless the document may still leave the main process (the procedure's gate, checked after each await). */
export type StillOffered = () => void;

export const savePdf = async (
  store: IncidentStore,
  doc: DocumentKind,
  folder: string,
  printer: Printer,
  profile: PolicyProfile | undefined,
  at: Date,
  stillOffered: StillOffered,
): Promise<string> => {
  await checkFolder(folder);
  const path = await freePath(folder, `${store.ref}-${doc === 'form' ? 'incident-form' : 'screenshots'}`, '.pdf');
  const pdf = await documentPdf(store, doc, printer, profile, at);
  stillOffered();
  await writeAtomic(path, pdf);
  return path;
};

/** Opens the system print dialog: the form as HTML, the screenshots as their PDF (no image goes into HTML). */
export const sendToPrinter = async (
  store: IncidentStore,
  doc: DocumentKind,
  printer: Printer,
  profile: PolicyProfile | undefined,
  at: Date,
  stillOffered: StillOffered,
): Promise<void> => {
  if (!printer.print || !printer.printPdf)
    throw new CodedError('INTERNAL', 'There is no print dialog here. Save the PDF instead, and print that.');
  const record = recordOf(store, profile);
  stillOffered();
  if (doc === 'form') await printer.print(incidentFormHtml(record, profile ? { profile } : {}));
  else await printer.printPdf(incidentScreenshotsPdf(store, record, at));
};

export interface ExportRun {
  store: IncidentStore;
  organisation: string;
  version: string;
  printer: Printer;
  /** The form, already printing. */
  form?: PrintedForm;
  device: Signer;
  /** The exporting reviewer: their staff id names their signature in the bundle. */
  reviewer: { id: string; signer: Signer };
  /** The policy profile the incident was opened under. */
  profile: PolicyProfile;
  folder: string;
  password?: string;
  at: Date;
  onStage(stage: 'preparing' | 'writing'): void;
  onProgress(done: number, total: number): void;
  signal: AbortSignal;
}

/** Prints the form and writes the signed bundle into the folder; the caller records "export.made". */
export const writeBundle = async (run: ExportRun): Promise<ZipResult> => {
  const { store } = run;
  run.onStage('preparing');
  await checkFolder(run.folder);
  const outPath = await freePath(run.folder, `${store.ref}-evidence`, '.zip');
  return bundleIncident({
    store,
    organisation: run.organisation,
    version: run.version,
    printer: run.printer,
    ...(run.form ? { form: run.form } : {}),
    device: run.device,
    reviewer: run.reviewer,
    profile: run.profile,
    outPath,
    ...(run.password ? { password: run.password } : {}),
    at: run.at,
    onWriting: () => run.onStage('writing'),
    onProgress: run.onProgress,
    signal: run.signal,
  });
};

export const bundleFileName = (result: ZipResult): string => basename(result.path);
