// A capture's page source, stored encrypted beside its image under its own SHA-256, and destroyed with it when the
// capture is discarded or purged (unless another kept capture has the very same source, or the very same image).
import { keptEvidenceFiles, keptPages, keptSources, type PageRecord } from '@shared/evidence/page-record';
import { CodedError } from '@shared/result';
import type { CaptureResult } from '../browser/evidence-browser';
import type { PageSnapshot } from '../browser/page-record-cdp';
import type { IncidentStore } from './vault';

/** Stores the page's source durably and gives the record the capture's journal entry holds. */
export const storePageSource = async (store: IncidentStore, page: PageSnapshot): Promise<PageRecord> => ({
  source: { sha256: await store.putFile(page.html), bytes: page.html.length },
  ...(page.connection ? { connection: page.connection } : {}),
});

/** Destroys a source no kept capture in the journal refers to (a capture discarded before its entry, or refused). */
export const dropPageSource = async (store: IncidentStore, page: PageRecord | undefined): Promise<void> => {
  if (page && !keptSources(store.journal.entries).has(page.source.sha256)) await store.destroyFile(page.source.sha256);
};

/** The page record of each kept capture, by the capture's SHA-256: read before a purge, dropped after it. */
export const pagesByCapture = (store: IncidentStore): Map<string, PageRecord> =>
  new Map(keptPages(store.journal.entries).map((p) => [p.capture, p.page]));

/**
 * Destroys a capture's image unless a kept capture has the very same bytes: a page that has not changed gives the same
 * picture again, and both captures are then one stored file, which the first still needs.
 */
const dropImage = async (store: IncidentStore, sha256: string): Promise<void> => {
  if (!keptEvidenceFiles(store.journal.entries).has(sha256)) await store.destroyFile(sha256);
};

/** A capture's image and page source destroyed (each only when no kept capture shares it). */
export const destroyCaptureFiles = async (store: IncidentStore, sha256: string, page?: PageRecord): Promise<void> => {
  await dropImage(store, sha256);
  await dropPageSource(store, page);
};

/**
 * A capture overtaken by the halt (or the close): its bytes wiped, the files it had written destroyed, the discard
 * recorded, and the capture refused.
 */
export const discardCapture = async (
  store: IncidentStore,
  halting: boolean,
  taken: { shot: CaptureResult | null; storedAs?: string | undefined; page?: PageRecord | undefined },
): Promise<never> => {
  const why = halting ? 'The review was halted' : 'The incident was closed';
  taken.shot?.png.fill(0);
  taken.shot?.page?.html.fill(0);
  if (taken.storedAs) await dropImage(store, taken.storedAs);
  await dropPageSource(store, taken.page);
  await store.journal.append({
    kind: 'capture.discarded',
    actor: 'system',
    data: { reason: `${why} while this capture was being taken; it was discarded unwritten.` },
  });
  throw new CodedError(
    halting ? 'CAPTURE_LOCKED' : 'PROCEDURE_FORBIDS',
    `${why} while this capture was being taken, so it was discarded and never written.`,
  );
};
