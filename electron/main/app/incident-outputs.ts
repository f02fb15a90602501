// The incident's outputs: the form and screenshots as HTML and PDF, and the evidence bundle, made from the vault each
// time.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEVICE_SIGNER } from '@shared/evidence/bundle/bag-layout';
import type { JournalEntry } from '@shared/evidence/entries';
import { recordDigestOf, sealedHeadOf } from '@shared/evidence/record-anchors';
import { incidentFormHtml } from '@shared/outputs/form';
import { buildRecord, keptCaptures, type IncidentRecord } from '@shared/outputs/record';
import { screenshotsHtml } from '@shared/outputs/screenshots';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import { exportBundle, type ExportInput } from '../export/exporter';
import { stampPdfMetadata } from '../export/pdf-stamp';
import type { ZipResult } from '../export/zip';
import type { Printer } from '../printing/printer';
import { nodeCrypto, type Signer } from '../services/crypto';
import { writeAtomic } from '../services/durable';
import type { IncidentStore } from '../services/vault';

export type DocumentKind = 'form' | 'screenshots';

export const recordOf = (store: IncidentStore, profile?: PolicyProfile): IncidentRecord =>
  buildRecord(store.journal.entries, { crypto: nodeCrypto, ...(profile ? { profile } : {}) });

export const pngDataUrl = (bytes: Uint8Array): string =>
  `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

/** Every capture that was not purged, as PNG data: URLs by hash, read (and hash-checked) from the vault. */
const keptImages = async (store: IncidentStore, record: IncidentRecord): Promise<Map<string, string>> => {
  const images = new Map<string, string>();
  for (const c of keptCaptures(record)) images.set(c.sha256, pngDataUrl(await store.getFile(c.sha256)));
  return images;
};

/**
 * The printable document, self-contained (images inline), as the printer and the preview receive it, in the words of
 * the policy the incident was opened under (undefined when this computer no longer has it: the form then says so).
 */
export const documentHtml = async (
  store: IncidentStore,
  doc: DocumentKind,
  profile: PolicyProfile | undefined,
): Promise<string> => {
  const record = recordOf(store, profile);
  return doc === 'form'
    ? incidentFormHtml(record, profile ? { profile } : {})
    : screenshotsHtml(record, await keptImages(store, record));
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

/** A saved PDF carries the incident's marks in its metadata, as the bundle's do, whatever made it. */
const stampDocument = (entries: readonly JournalEntry[], ref: string, doc: DocumentKind, pdf: Uint8Array) => {
  const recordDigest = recordDigestOf(entries);
  return stampPdfMetadata(pdf, {
    title: `${doc === 'form' ? 'Incident form' : 'Screenshots'} ${ref}`,
    subject: `Countersign incident ${ref}${recordDigest ? `, record digest ${recordDigest}` : ''}`,
    ref,
    recordDigest,
    sealedHead: sealedHeadOf(entries),
  });
};

export const savePdf = async (
  ref: string,
  html: string,
  doc: DocumentKind,
  folder: string,
  printer: Printer,
  entries: readonly JournalEntry[],
): Promise<string> => {
  await checkFolder(folder);
  const pdf = await stampDocument(entries, ref, doc, await printer.pdf(html));
  const path = await freePath(folder, `${ref}-${doc === 'form' ? 'incident-form' : 'screenshots'}`, '.pdf');
  await writeAtomic(path, pdf);
  return path;
};

export interface ExportRun {
  store: IncidentStore;
  organisation: string;
  version: string;
  printer: Printer;
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

/** Builds the record, prints both PDFs, and writes the signed bundle; the caller records "export.made". */
export const writeBundle = async (run: ExportRun): Promise<ZipResult> => {
  const { store } = run;
  run.onStage('preparing');
  await checkFolder(run.folder);
  const entries = store.journal.entries;
  const { profile } = run;
  const record = recordOf(store, profile);
  const images = await keptImages(store, record);
  const formPdf = await run.printer.pdf(incidentFormHtml(record, { profile }));
  const screenshotsPdf = await run.printer.pdf(screenshotsHtml(record, images));
  if (run.signal.aborted) throw new CodedError('CANCELLED', 'The export was cancelled; no bundle was written.');
  const input: ExportInput = {
    ref: store.ref,
    organisation: run.organisation,
    version: run.version,
    journalLines: entries.map((e) => JSON.stringify(e)),
    screenshots: await Promise.all(
      keptCaptures(record).map(async (c) => ({ sha256: c.sha256, bytes: await store.getFile(c.sha256) })),
    ),
    profile,
    formPdf,
    screenshotsPdf,
    signers: [
      { name: DEVICE_SIGNER, signer: run.device },
      { name: run.reviewer.id, signer: run.reviewer.signer },
    ],
    halted: record.halt !== null,
    at: run.at,
  };
  const out = await freePath(run.folder, `${store.ref}-evidence`, '.zip');
  run.onStage('writing');
  return exportBundle(input, out, {
    ...(run.password ? { password: run.password } : {}),
    onProgress: run.onProgress,
    signal: run.signal,
  });
};

export const bundleFileName = (result: ZipResult): string => basename(result.path);
