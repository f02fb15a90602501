// A capture's page source, stored encrypted beside its image under its own SHA-256, and destroyed with it when the
// capture is discarded or purged (unless another kept capture has the very same source).
import { keptPages, keptSources, type PageRecord } from '@shared/evidence/page-record';
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
