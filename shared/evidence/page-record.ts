// A capture's page record: the page's source and the connection that served it (journal.md, capture.taken).
import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const isoTime = z.iso.datetime({ offset: false, precision: 3 });

export const CertificateInfoSchema = z.object({
  subject: z.string().max(8192),
  issuer: z.string().max(8192),
  validFrom: isoTime,
  validTo: isoTime,
  /** SHA-256 of the certificate's DER bytes, lower-case hex. */
  sha256: sha256Hex,
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

export const PageConnectionSchema = z.object({
  /** The address the main document was answered for, after redirects. */
  url: z.string().max(8192),
  ip: z.string().max(100).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  status: z.number().int().min(0).max(999),
  statusText: z.string().max(1000).optional(),
  protocol: z.string().max(100).optional(),
  /** The main document's response headers, sorted by name. */
  headers: z.array(z.object({ name: z.string().max(1000), value: z.string().max(65_536) })).max(1000),
  tls: z
    .object({
      protocol: z.string().max(100),
      cipher: z.string().max(200).optional(),
      /** The chain as the server sent it, the server's own certificate first. */
      certificates: z.array(CertificateInfoSchema).max(20),
    })
    .optional(),
});
export type PageConnection = z.infer<typeof PageConnectionSchema>;

export const PageRecordSchema = z.object({
  /** The document after its scripts ran, serialised as HTML (UTF-8): stored and bundled under this hash. */
  source: z.object({ sha256: sha256Hex, bytes: z.number().int().nonnegative() }),
  connection: PageConnectionSchema.optional(),
});
export type PageRecord = z.infer<typeof PageRecordSchema>;

/** What the journal's capture entries need of the record of one capture. */
interface CaptureFacts {
  sha256: string;
  url: string;
  page?: PageRecord;
}

/** A kept capture that recorded its page: what data/connections/<capture>.json is made of. */
export interface KeptPage {
  capture: string;
  url: string;
  page: PageRecord;
}

/**
 * The page records of the captures still kept at the end of the journal (taken and not purged), in the order taken.
 * Takes the entries' kind and data only, so the vault, the exporter and the verifier share it.
 */
export const keptPages = (entries: readonly { kind: string; data: unknown }[]): KeptPage[] => {
  const kept = new Map<string, KeptPage | null>();
  for (const e of entries) {
    if (e.kind === 'capture.taken') {
      const d = e.data as CaptureFacts;
      kept.set(d.sha256, d.page ? { capture: d.sha256, url: d.url, page: d.page } : null);
    } else if (e.kind === 'capture.purged') kept.delete((e.data as { sha256: string }).sha256);
  }
  return [...kept.values()].filter((p): p is KeptPage => p !== null);
};

/** The SHA-256 of every page source a kept capture refers to. */
export const keptSources = (entries: readonly { kind: string; data: unknown }[]): Set<string> =>
  new Set(keptPages(entries).map((p) => p.page.source.sha256));

/** Every evidence file a journal says should exist: each kept capture's PNG and page source (none purged). */
export const keptEvidenceFiles = (entries: readonly { kind: string; data: unknown }[]): Set<string> => {
  const live = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'capture.taken') live.add((e.data as CaptureFacts).sha256);
    if (e.kind === 'capture.purged') live.delete((e.data as { sha256: string }).sha256);
  }
  for (const sha of keptSources(entries)) live.add(sha);
  return live;
};
