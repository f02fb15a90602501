// Where each capture's page source and connection sit in the bundle, and the connection file's exact text
// (docs/formats/bundle.md, data/sources and data/connections).
import { canonicalJson } from '../chain';
import type { KeptPage } from '../page-record';

export const SOURCES_DIR = 'data/sources';
export const CONNECTIONS_DIR = 'data/connections';
export const sourcePath = (sha256: string): string => `${SOURCES_DIR}/${sha256}.html`;
export const connectionPath = (captureSha256: string): string => `${CONNECTIONS_DIR}/${captureSha256}.json`;
/** The most the verifier reads of one connection file, whose content it compares with the journal. */
export const CONNECTION_READ_LIMIT = 4 * 1024 * 1024;

/** data/connections/<capture>.json: the RFC 8785 canonical JSON of what the capture's journal entry records. */
export const connectionJsonText = (p: KeptPage): string =>
  canonicalJson({
    capture: p.capture,
    url: p.url,
    source: p.page.source,
    ...(p.page.connection ? { connection: p.page.connection } : {}),
  });
