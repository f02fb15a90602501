// The screenshot pages: each kept capture on its own A4 page with its address, time, SHA-256, description and two
// signature lines.
import { CodedError } from '../result';
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
import { keptCaptures, type Capture, type IncidentRecord } from './record';

export interface ScreenshotsOptions {
  timeZone?: string;
}

/** Beyond these lengths a page could overflow onto a second sheet; the form carries the full text. */
const MAX_URL_CHARS = 400;
const MAX_CONCERN_CHARS = 900;

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

const screenshotsCss = `
${cssRule(
  '.shot',
  'height: 258mm',
  'display: flex',
  'flex-direction: column',
  'overflow: hidden',
  'break-after: page',
  'position: relative',
  'z-index: 1',
)}
.shot:last-of-type { break-after: auto; }
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
  'flex: 1 1 auto',
  'min-height: 50mm',
  'border: 0.75pt solid #555',
  'background: #f3f4f6',
  'display: flex',
  'align-items: center',
  'justify-content: center',
  'padding: 2mm',
)}
${cssRule(
  '.frame img',
  'display: block',
  'max-width: 100%',
  'max-height: 100%',
  'width: auto',
  'height: auto',
  'object-fit: contain',
  'background: #fff',
)}
.scaled { font-size: 7.5pt; color: #444; margin-top: 0.8mm; }
${cssRule(
  '.details',
  'margin-top: 2.5mm',
  'width: 100%',
  'border-collapse: collapse',
  'table-layout: fixed',
  'font-size: 8.5pt',
)}
${cssRule(
  '.details th, .details td',
  'border: 0.75pt solid #555',
  'padding: 1.1mm 2mm',
  'vertical-align: top',
  'text-align: left',
)}
.details th { width: 30mm; background: #e8ecf0; }
.signs { display: flex; gap: 4mm; margin-top: 3mm; }
.sign { flex: 1; border: 0.75pt solid #555; padding: 1.5mm 2mm 2mm; font-size: 8.5pt; }
.sign .who { font-weight: bold; margin-bottom: 1mm; }
.line { display: flex; align-items: flex-end; gap: 2mm; margin-top: 2.5mm; }
.line span { white-space: nowrap; }
.line .ink { flex: 1; border-bottom: 0.75pt solid #111; height: 6mm; }
.none { padding: 20mm 10mm; text-align: center; font-size: 12pt; }
`;

const shorten = (text: string, max: number, where: string): string =>
  text.length <= max
    ? escapeHtml(text)
    : `${escapeHtml(text.slice(0, max))}… <em>(shortened here; ${escapeHtml(where)})</em>`;

const signLine = (title: string, name: string): string => `<div class="sign">
  <div class="who">${escapeHtml(title)}</div>
  <div class="line"><span>Name: <strong>${escapeHtml(name)}</strong></span></div>
  <div class="line"><span>Signature:</span><div class="ink"></div></div>
  <div class="line"><span>Date:</span><div class="ink"></div></div>
</div>`;

/** Where the full text of something shortened on a screenshot page is. */
const onForm = (what: string, c: Capture): string => `the full ${what} is on the incident form, capture ${c.n}`;
/** The record this page belongs to, as the incident form prints it: its digest and where it was sealed. */
const recordRow = (r: IncidentRecord): string =>
  r.recordDigest
    ? `<tr><th scope="row">Record</th><td class="mono">digest ${escapeHtml(r.recordDigest)}${
        r.sealedHead ? `<br>sealed at entry ${r.sealedHead.seq}, ${escapeHtml(r.sealedHead.hash)}` : ''
      }</td></tr>`
    : '';

const shotPage = (r: IncidentRecord, c: Capture, index: number, total: number, dataUrl: string, tz: string): string => {
  const concern = c.concern
    ? c.concern.length <= MAX_CONCERN_CHARS
      ? multiline(c.concern)
      : `${multiline(c.concern.slice(0, MAX_CONCERN_CHARS))}… <em>(shortened here; ${onForm('description', c)})</em>`
    : '<span class="muted">No description given.</span>';
  const scaled =
    c.mode === 'fullpage'
      ? 'Full page capture, scaled to fit this page; the original PNG is in the evidence bundle.'
      : 'Visible area of the page, scaled to fit; the original PNG is in the evidence bundle.';
  const which = `<span class="muted" style="font-weight:normal">(capture ${c.n})</span>`;
  const heading = `Screenshot ${index} of ${total} ${which}`;
  const title = c.title ? escapeHtml(c.title.slice(0, 300)) : '<span class="muted">(none)</span>';
  const time = `${escapeHtml(dateTime(c.at, tz))} <span class="muted">(UTC ${escapeHtml(c.at)})</span>`;
  const image = `${c.width} × ${c.height} pixels, ${c.bytes.toLocaleString('en-GB')} bytes, PNG`;
  return `<article class="shot">
<header><h1>${heading}</h1><span class="ref">${escapeHtml(r.ref)}</span></header>
<div class="frame"><img src="${escapeHtml(dataUrl)}" alt="${escapeHtml(`Capture ${c.n} of ${c.url}`)}"></div>
<div class="scaled">${scaled}</div>
<table class="details">
<tr><th scope="row">Address (URL)</th><td class="url">${shorten(c.url, MAX_URL_CHARS, onForm('address', c))}</td></tr>
<tr><th scope="row">Page title</th><td>${title}</td></tr>
<tr><th scope="row">Time</th><td>${time}, captured by ${escapeHtml(c.by.name)}</td></tr>
<tr><th scope="row">SHA-256</th><td class="mono">${escapeHtml(c.sha256)}</td></tr>
<tr><th scope="row">Image</th><td>${image}</td></tr>
<tr><th scope="row">Description</th><td>${concern}</td></tr>
${recordRow(r)}
</table>
<div class="signs">
${signLine('First reviewing person', r.reviewers[0].name)}
${signLine('Second reviewing person', r.reviewers[1].name)}
</div>
</article>`;
};

/**
 * The screenshots for printing, one kept capture per page. `images` maps each capture's SHA-256 to its PNG as a
 * data: URL. A purged capture is never shown, and the halted address appears nowhere here (the form gives it as
 * text). With no kept capture, one page says so.
 */
export const screenshotsHtml = (
  record: IncidentRecord,
  images: ReadonlyMap<string, string>,
  opts: ScreenshotsOptions = {},
): string => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const kept = keptCaptures(record);
  const pages = kept.map((c, i) => {
    const url = images.get(c.sha256);
    if (url === undefined)
      throw new CodedError('NOT_FOUND', `The image of capture ${c.n} (${c.sha256}) was not supplied.`);
    if (!PNG_DATA_URL.test(url))
      throw new CodedError('INVALID_INPUT', `The image of capture ${c.n} is not a PNG data: URL.`);
    return shotPage(record, c, i + 1, kept.length, url, tz);
  });
  const why =
    record.halt || record.triage?.illegalSuspected
      ? 'Suspected child sexual abuse imagery or illegal activity: no image of it is kept or printed.'
      : 'The reviewers took no capture.';
  const noneKept = `<strong>No screenshots are kept for incident ${escapeHtml(record.ref)}.</strong>`;
  const sealed = `<table class="details">${recordRow(record)}</table>`;
  const none = `<article class="shot"><div class="none"><p>${noneKept}</p><p>${why}</p>${sealed}</div></article>`;
  const css =
    baseCss +
    pageCss({
      headerLeft: `Screenshots · Incident ${record.ref}`,
      footerLeft: record.group,
      practice: record.practice,
    }) +
    screenshotsCss;
  const body = [
    `<div class="screen-only">${MARKING}</div>`,
    '<main class="sheet">',
    practiceWatermark(record.practice),
    ...(pages.length > 0 ? pages : [none]),
    '</main>',
    `<div class="screen-only">${MARKING}</div>`,
  ].join('\n');
  return documentHtml(`Screenshots ${record.ref}`, css, body);
};
