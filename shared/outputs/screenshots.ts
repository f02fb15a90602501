// The screenshot pages: what each kept capture's page says (address, time, SHA-256, description, two signature lines),
// once for the PDF that carries the images and the preview that shows the same pages without them.
import {
  baseCss,
  cssRule,
  dateTime,
  DEFAULT_TIME_ZONE,
  documentHtml,
  escapeHtml,
  MARKING,
  multiline,
  pageCss,
  practiceWatermark,
} from './html';
import type { PageRecord } from '../evidence/page-record';
import { pageRows } from './page-rows';
import { keptCaptures, type Capture, type IncidentRecord } from './record';

export interface ScreenshotsOptions {
  timeZone?: string;
  /** Each kept capture's page record (source and connection), by the capture's SHA-256, printed on its page. */
  pages?: ReadonlyMap<string, PageRecord>;
}

/** Beyond these lengths a page could overflow onto a second sheet; the form carries the full text. */
const MAX_URL_CHARS = 400;
const MAX_TITLE_CHARS = 300;
const MAX_CONCERN_CHARS = 900;

/** One row of a screenshot page's details table; `mono` for hashes and digests. */
export interface DetailRow {
  label: string;
  text: string;
  /** Said after the text in italics: why it was shortened, or that nothing was given. */
  aside?: string;
  mono?: boolean;
}

/** What one capture's page says, whatever draws it. */
export interface ScreenshotSheet {
  capture: Capture;
  /** 1-based among the printed captures, and how many are printed. */
  index: number;
  total: number;
  title: string;
  rows: DetailRow[];
  /** The two reviewers, for the signature boxes. */
  signers: readonly [{ title: string; name: string }, { title: string; name: string }];
}

/** Words and furniture common to every page of the document. */
export interface ScreenshotsDocument {
  ref: string;
  practice: boolean;
  /** Top left of each page. */
  headerLeft: string;
  /** Bottom left of each page: the school. */
  footerLeft: string;
  marking: string;
  sheets: ScreenshotSheet[];
  /** Shown on the one page when no capture is kept. */
  none: { heading: string; text: string };
  /** The record row (digest and sealed head), also on the page that says no capture is kept. */
  record: DetailRow | null;
}

const shortened = (text: string, max: number, where: string): Pick<DetailRow, 'text' | 'aside'> =>
  text.length <= max ? { text } : { text: `${text.slice(0, max)}…`, aside: `shortened here; ${where}` };

/** The record this page belongs to, as the incident form prints it: its digest and where it was sealed. */
const recordRow = (r: IncidentRecord): DetailRow | null =>
  r.recordDigest
    ? {
        label: 'Record',
        text: [
          `digest ${r.recordDigest}`,
          ...(r.sealedHead ? [`sealed at entry ${r.sealedHead.seq}, ${r.sealedHead.hash}`] : []),
        ].join('\n'),
        mono: true,
      }
    : null;

const detailRows = (c: Capture, tz: string, record: DetailRow | null, page?: PageRecord): DetailRow[] => {
  const onForm = `the full text is on the incident form, capture ${c.n}`;
  return [
    { label: 'Address (URL)', ...shortened(c.url, MAX_URL_CHARS, onForm) },
    c.title
      ? { label: 'Page title', ...shortened(c.title, MAX_TITLE_CHARS, onForm) }
      : { label: 'Page title', text: '', aside: '(none)' },
    {
      label: 'Time',
      text: `${dateTime(c.at, tz)} (UTC ${c.at}), captured by ${c.by.name}`,
    },
    { label: 'SHA-256', text: c.sha256, mono: true },
    { label: 'Image', text: `${c.width} × ${c.height} pixels, ${c.bytes.toLocaleString('en-GB')} bytes, PNG` },
    c.concern
      ? { label: 'Description', ...shortened(c.concern, MAX_CONCERN_CHARS, onForm) }
      : { label: 'Description', text: '', aside: 'No description given.' },
    ...pageRows(page, tz),
    ...(record ? [record] : []),
  ];
};

/**
 * The screenshots document of a record: one sheet per kept capture. A purged capture is never shown, and the halted
 * address appears nowhere here (the form gives it as text).
 */
export const screenshotsDocument = (record: IncidentRecord, opts: ScreenshotsOptions = {}): ScreenshotsDocument => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const kept = keptCaptures(record);
  const digest = recordRow(record);
  const signers = [
    { title: 'First reviewing person', name: record.reviewers[0].name },
    { title: 'Second reviewing person', name: record.reviewers[1].name },
  ] as const;
  return {
    ref: record.ref,
    practice: record.practice,
    headerLeft: `Screenshots · Incident ${record.ref}`,
    footerLeft: record.group,
    marking: record.practice ? `${MARKING} · PRACTICE` : MARKING,
    sheets: kept.map((c, i) => ({
      capture: c,
      index: i + 1,
      total: kept.length,
      title: `Screenshot ${i + 1} of ${kept.length}`,
      rows: detailRows(c, tz, digest, opts.pages?.get(c.sha256)),
      signers,
    })),
    none: {
      heading: `No screenshots are kept for incident ${record.ref}.`,
      text:
        record.halt || record.triage?.illegalSuspected
          ? 'Suspected child sexual abuse imagery or illegal activity: no image of it is kept or printed.'
          : 'The reviewers took no capture.',
    },
    record: digest,
  };
};

const previewCss = `
${cssRule('.shot', 'border-bottom: 1px dashed #888', 'padding-bottom: 6mm', 'margin-bottom: 6mm', 'position: relative')}
${cssRule(
  '.shot header',
  'display: flex',
  'justify-content: space-between',
  'align-items: baseline',
  'border-bottom: 2px solid #111',
  'padding-bottom: 1.5mm',
  'margin-bottom: 2.5mm',
)}
.shot h1 { font-size: 13pt; }
.shot .ref { font: bold 10pt Consolas, "Liberation Mono", monospace; }
${cssRule(
  '.frame',
  'min-height: 40mm',
  'border: 0.75pt solid #555',
  'background: #f3f4f6',
  'display: flex',
  'align-items: center',
  'justify-content: center',
  'padding: 4mm',
  'text-align: center',
)}
${cssRule('.details', 'margin-top: 2.5mm', 'width: 100%', 'border-collapse: collapse', 'font-size: 8.5pt')}
${cssRule('.details th, .details td', 'border: 0.75pt solid #555', 'padding: 1.1mm 2mm', 'vertical-align: top')}
.details th, .details td { text-align: left; }
.details { table-layout: fixed; }
.details th { width: 30mm; background: #e8ecf0; }
.signs { display: flex; gap: 4mm; margin-top: 3mm; }
.sign { flex: 1; border: 0.75pt solid #555; padding: 1.5mm 2mm 2mm; font-size: 8.5pt; }
.sign .who { font-weight: bold; }
.none { padding: 20mm 10mm; text-align: center; font-size: 12pt; }
`;

const rowHtml = (r: DetailRow): string => {
  // Line breaks print as they do in the PDF: a description's own, and the record row's two lines.
  const text = multiline(r.text);
  const aside = r.aside ? ` <em class="muted">${escapeHtml(r.aside)}</em>` : '';
  const cell = `<td${r.mono ? ' class="mono"' : ''}>${text}${aside}</td>`;
  return `<tr><th scope="row">${escapeHtml(r.label)}</th>${cell}</tr>`;
};

const signBox = (p: { title: string; name: string }): string =>
  `<div class="sign"><div class="who">${escapeHtml(p.title)}</div>` +
  `Name: <strong>${escapeHtml(p.name)}</strong>; signature and date in ink.</div>`;

const sheetHtml = (d: ScreenshotsDocument, s: ScreenshotSheet): string => {
  const which = `<span class="muted" style="font-weight:normal">(capture ${s.capture.n})</span>`;
  const what = s.capture.mode === 'fullpage' ? 'full page capture' : 'capture of the visible area';
  const frame = `The ${what} prints here.<br>Not shown in the preview: captures stay blurred until you choose to look.`;
  return `<article class="shot">
<header><h1>${escapeHtml(s.title)} ${which}</h1><span class="ref">${escapeHtml(d.ref)}</span></header>
<div class="frame"><p>${frame}</p></div>
<table class="details">
${s.rows.map(rowHtml).join('\n')}
</table>
<div class="signs">
${s.signers.map(signBox).join('\n')}
</div>
</article>`;
};

/**
 * The preview of the screenshots document: each page's words as they print, without the image itself. The images go
 * only into the PDF (printed, saved, or in the bundle), never into an HTML string or over IPC.
 */
export const screenshotsPreviewHtml = (record: IncidentRecord, opts: ScreenshotsOptions = {}): string => {
  const d = screenshotsDocument(record, opts);
  const digest = d.record ? `<table class="details">${rowHtml(d.record)}</table>` : '';
  const words = `<p><strong>${escapeHtml(d.none.heading)}</strong></p><p>${escapeHtml(d.none.text)}</p>`;
  const none = `<article class="shot"><div class="none">${words}${digest}</div></article>`;
  const css =
    baseCss + pageCss({ headerLeft: d.headerLeft, footerLeft: d.footerLeft, practice: d.practice }) + previewCss;
  const body = [
    `<div class="screen-only">${MARKING}</div>`,
    '<main class="sheet">',
    practiceWatermark(d.practice),
    ...(d.sheets.length > 0 ? d.sheets.map((s) => sheetHtml(d, s)) : [none]),
    '</main>',
    `<div class="screen-only">${MARKING}</div>`,
  ].join('\n');
  return documentHtml(`Screenshots ${d.ref}`, css, body);
};
