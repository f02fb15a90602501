// urls.csv: every URL the evidence browser was asked for or reached, from the journal's browser.* entries, and every
// site or device of concern the reviewers recorded without opening it.
import type { EntryData, JournalEntry } from '../entries';

export const URL_COLUMNS = ['seq', 'at', 'kind', 'url', 'frame', 'status', 'how', 'from', 'detail'] as const;
type UrlRow = Partial<Record<(typeof URL_COLUMNS)[number], string | number>>;

/** A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula: a leading ' stops it (OWASP). */
export const csvCell = (v: string | number | undefined): string => {
  const s = v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

const urlRow = (e: JournalEntry): UrlRow | null => {
  const base = { seq: e.seq, at: e.at, kind: e.kind };
  switch (e.kind) {
    case 'browser.requested': {
      const d = e.data as EntryData<'browser.requested'>;
      return { ...base, url: d.url, detail: d.selector ? `${d.action} ${d.selector}` : d.action };
    }
    case 'browser.navigated': {
      const d = e.data as EntryData<'browser.navigated'>;
      return { ...base, url: d.url, frame: d.frame, status: d.status };
    }
    case 'browser.redirected': {
      const d = e.data as EntryData<'browser.redirected'>;
      return { ...base, url: d.to, from: d.from, how: d.how, status: d.status };
    }
    case 'browser.in-page': {
      const d = e.data as EntryData<'browser.in-page'>;
      return { ...base, url: d.url, frame: d.frame };
    }
    case 'browser.title': {
      const d = e.data as EntryData<'browser.title'>;
      return { ...base, url: d.url, detail: d.title };
    }
    case 'browser.load-failed':
    case 'browser.certificate-error': {
      const d = e.data as EntryData<'browser.load-failed'>;
      return { ...base, url: d.url, detail: d.error };
    }
    case 'browser.popup-blocked': {
      const d = e.data as EntryData<'browser.popup-blocked'>;
      return { ...base, url: d.url, from: d.opener };
    }
    case 'browser.download-blocked': {
      const d = e.data as EntryData<'browser.download-blocked'>;
      return { ...base, url: d.url, detail: d.filename };
    }
    case 'browser.permission-denied': {
      const d = e.data as EntryData<'browser.permission-denied'>;
      return { ...base, url: d.origin, detail: d.permission };
    }
    case 'browser.navigation-blocked': {
      const d = e.data as EntryData<'browser.navigation-blocked'>;
      return { ...base, url: d.url, detail: d.reason };
    }
    case 'site.recorded': {
      // Recorded as text, never visited: the concern in the reviewers' words, and a device named in the detail.
      const d = e.data as EntryData<'site.recorded'>;
      return { ...base, url: d.url, detail: d.device ? `Device: ${d.device}. Concern: ${d.concern}` : d.concern };
    }
    case 'browser.refused': {
      const d = e.data as EntryData<'browser.refused'>;
      return { ...base, url: d.url, detail: `${d.action} refused: ${d.reason}` };
    }
    case 'browser.fact-refused': {
      const d = e.data as EntryData<'browser.fact-refused'>;
      return { ...base, url: d.url, detail: `${d.fact} after the review ended` };
    }
    default:
      return null;
  }
};

/**
 * Every URL the evidence browser was asked for or reached, with UTC times, from the journal's browser.*
 * entries, and the sites and devices of concern recorded without a capture (site.recorded). CRLF and a
 * byte-order mark, because the people who open it use a spreadsheet.
 */
export const urlsCsvText = (entries: readonly JournalEntry[]): string => {
  const rows = entries.flatMap((e) => {
    const r = urlRow(e);
    return r ? [URL_COLUMNS.map((c) => csvCell(r[c])).join(',')] : [];
  });
  return `\ufeff${[URL_COLUMNS.map((c) => csvCell(c)).join(','), ...rows].map((l) => `${l}\r\n`).join('')}`;
};
