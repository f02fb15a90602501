// Writes an incident's marks (reference, record digest, sealed head) into a PDF's document metadata, whatever made the
// PDF, so that the verifier can tell a PDF of another incident or of an altered record.
import { PDF_KEYS } from '@shared/evidence/bundle/bag-layout';
import type { JournalEntry } from '@shared/evidence/entries';
import { recordDigestOf, sealedHeadOf, sealedHeadText, type SealedHead } from '@shared/evidence/record-anchors';

export interface PdfMetadata {
  title: string;
  subject: string;
  ref: string;
  /** Null before the conclusion: the key is then left out. */
  recordDigest: string | null;
  /** Null before the first sign-off: the key is then left out. */
  sealedHead: SealedHead | null;
}

const TITLES = { form: 'Incident form', screenshots: 'Screenshots' } as const;

/**
 * The marks of one of the incident's printed documents as its journal stands: the same for the bundle's PDFs and a
 * PDF saved from the app, whatever made it.
 */
export const incidentPdfMarks = (
  ref: string,
  entries: readonly JournalEntry[],
  doc: keyof typeof TITLES,
): PdfMetadata => {
  const recordDigest = recordDigestOf(entries);
  return {
    title: `${TITLES[doc]} ${ref}`,
    subject: `Countersign incident ${ref}${recordDigest ? `, record digest ${recordDigest}` : ''}`,
    ref,
    recordDigest,
    sealedHead: sealedHeadOf(entries),
  };
};

/**
 * The PDF with Title, Subject and Countersign's keys set in a fresh information dictionary, written last and with a
 * cross-reference table (no object streams), so that a reader finds it at the end of the file without loading the
 * rest. The pages are not touched; the same input gives the same bytes.
 */
export const stampPdfMetadata = async (bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> => {
  // Loaded when first needed (about 20 MB): an export checks the exporter's passphrase (scrypt, 128 MiB) before it.
  const { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context } = doc;
  const oldRef = context.trailerInfo.Info;
  const old = context.lookup(oldRef);
  const info = context.obj({});
  if (old instanceof PDFDict) for (const [k, v] of old.entries()) info.set(k, v);
  info.set(PDFName.of('Title'), PDFHexString.fromText(meta.title));
  info.set(PDFName.of('Subject'), PDFHexString.fromText(meta.subject));
  info.set(PDFName.of(PDF_KEYS.ref), PDFString.of(meta.ref));
  for (const [key, value] of [
    [PDF_KEYS.recordDigest, meta.recordDigest],
    [PDF_KEYS.sealedHead, meta.sealedHead && sealedHeadText(meta.sealedHead)],
  ] as const) {
    if (value) info.set(PDFName.of(key), PDFString.of(value));
    else info.delete(PDFName.of(key));
  }
  if (oldRef instanceof PDFRef) context.delete(oldRef);
  context.trailerInfo.Info = context.register(info);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
};
