// The part of the incident record that the evidence browser's own entries make: every address visited, every load
// that failed, and everything the page tried that was blocked.
import { z } from 'zod';
import { entryIs, type JournalEntry } from '../evidence/entries';

const stamped = { seq: z.number().int().nonnegative(), at: z.iso.datetime({ offset: false, precision: 3 }) };

export const VisitSchema = z.strictObject({
  ...stamped,
  /** navigated: a document loaded; redirected: the server or page sent the browser on; in-page: a history or hash
   *  change. */
  type: z.enum(['navigated', 'redirected', 'in-page']),
  /** Where the browser ended up (for a redirect, its target). */
  url: z.string(),
  /** For a redirect, where it started; otherwise null. */
  from: z.string().nullable(),
  /** For a redirect, how: an HTTP status, a meta refresh or a script; otherwise null. */
  how: z.enum(['http', 'meta', 'script']).nullable(),
  /** The top-level page ("main") or a frame inside it ("sub"); null for a redirect, which the journal does not
   *  place. */
  frame: z.enum(['main', 'sub']).nullable(),
  status: z.number().int().nullable(),
});
export type Visit = z.infer<typeof VisitSchema>;

export const LoadFailureSchema = z.strictObject({
  ...stamped,
  type: z.enum(['load-failed', 'certificate-error']),
  url: z.string(),
  error: z.string(),
});

export const BlockedSchema = z.strictObject({
  ...stamped,
  type: z.enum(['popup', 'download', 'permission', 'navigation']),
  /** The address the page tried to open, download from or go to; for a permission, the asking origin. */
  url: z.string(),
  /** The popup's opener, the download's file name, the permission asked for, or why a navigation was refused. */
  detail: z.string().nullable(),
});
export type Blocked = z.infer<typeof BlockedSchema>;

export interface BrowsingParts {
  visits: Visit[];
  loadFailures: z.infer<typeof LoadFailureSchema>[];
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
