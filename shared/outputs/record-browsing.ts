// The part of the incident record that the evidence browser's own entries make: every address visited, every load
// that failed, and everything the page tried that was blocked.
import { entryIs, type JournalEntry } from '../evidence/entries';
import type { Blocked, LoadFailure, Visit } from './record-schema';

export interface BrowsingParts {
  visits: Visit[];
  loadFailures: LoadFailure[];
  blocked: Blocked[];
}

/** Adds what a browser entry records to the parts; false when the entry is not one of the browser's. */
export const foldBrowsing = (parts: BrowsingParts, e: JournalEntry, base: { seq: number; at: string }): boolean => {
  if (entryIs(e, 'browser.navigated')) {
    parts.visits.push({
      ...base,
      type: 'navigated',
      url: e.data.url,
      from: null,
      how: null,
      frame: e.data.frame,
      status: e.data.status ?? null,
    });
  } else if (entryIs(e, 'browser.redirected')) {
    parts.visits.push({
      ...base,
      type: 'redirected',
      url: e.data.to,
      from: e.data.from,
      how: e.data.how,
      frame: null,
      status: e.data.status ?? null,
    });
  } else if (entryIs(e, 'browser.in-page')) {
    parts.visits.push({
      ...base,
      type: 'in-page',
      url: e.data.url,
      from: null,
      how: null,
      frame: e.data.frame,
      status: null,
    });
  } else if (entryIs(e, 'browser.load-failed') || entryIs(e, 'browser.certificate-error')) {
    parts.loadFailures.push({
      ...base,
      type: e.kind === 'browser.load-failed' ? 'load-failed' : 'certificate-error',
      url: e.data.url,
      error: e.data.error,
    });
  } else if (entryIs(e, 'browser.popup-blocked')) {
    parts.blocked.push({ ...base, type: 'popup', url: e.data.url, detail: e.data.opener ?? null });
  } else if (entryIs(e, 'browser.download-blocked')) {
    parts.blocked.push({ ...base, type: 'download', url: e.data.url, detail: e.data.filename });
  } else if (entryIs(e, 'browser.permission-denied')) {
    parts.blocked.push({ ...base, type: 'permission', url: e.data.origin, detail: e.data.permission });
  } else if (entryIs(e, 'browser.navigation-blocked')) {
    parts.blocked.push({ ...base, type: 'navigation', url: e.data.url, detail: e.data.reason });
  } else return false;
  return true;
};
