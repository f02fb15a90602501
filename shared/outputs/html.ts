// Building blocks of the printed outputs: escaping, UK dates and times, the A4 page furniture (marking, page X of Y).

/** Escapes text for HTML content and quoted attribute values: anything a user typed is shown as text, never markup. */
export const escapeHtml = (value: string | number): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const CSS_SAFE = /^[A-Za-z0-9 ._,:;()/·–—-]$/;
const cssChar = (ch: string): string => (CSS_SAFE.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `);

/** Escapes text as a CSS string literal: every character outside a safe set becomes a hex escape, so "</style>" or a
 *  quote cannot end it. */
export const cssString = (value: string): string => `"${[...value].map(cssChar).join('')}"`;

/** One CSS rule on one line, `selector { a; b; }`: long rules are written as a list of declarations that fits. */
export const cssRule = (selector: string, ...declarations: string[]): string =>
  `${selector} { ${declarations.map((d) => `${d};`).join(' ')} }`;

/** "1 incident", "2 incidents": a count and its noun, plural unless the count is one. */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Text with its line breaks kept (reviewers' descriptions and notes), escaped. */
export const multiline = (value: string): string => escapeHtml(value).replace(/\r?\n/g, '<br>');

export const MARKING = 'OFFICIAL-SENSITIVE';

const SANS = 'Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif';
const MONO = 'Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

/** The time zone times are printed in: schools in England and Wales keep UK time; the record itself keeps UTC. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/** The styles the outputs print dates and times in. */
const STYLES = {
  longDate: { day: 'numeric', month: 'long', year: 'numeric' },
  shortDate: { day: '2-digit', month: '2-digit', year: 'numeric' },
  clockTime: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short' },
  hourMinute: { hour: '2-digit', minute: '2-digit', hour12: false },
  month: { year: 'numeric', month: '2-digit' },
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
  monthName: { month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * One formatter per style and zone, made once: making one costs ICU about a third of a millisecond and tens of
 * kilobytes that the allocator keeps, and a record of 500 captures prints thousands of times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat => {
  const key = `${style} ${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-GB', { timeZone, ...STYLES[style] });
    formatters.set(key, made);
  }
  return made;
};

/** "24 November 2026" */
export const longDate = (iso: string, timeZone = DEFAULT_TIME_ZONE): string =>
  formatter(timeZone, 'longDate').format(new Date(iso));

/** "24/11/2026" */
export const shortDate = (iso: string, timeZone = DEFAULT_TIME_ZONE): string =>
  formatter(timeZone, 'shortDate').format(new Date(iso));

/** "09:00:05 GMT" (or BST in summer). */
export const clockTime = (iso: string, timeZone = DEFAULT_TIME_ZONE): string =>
  formatter(timeZone, 'clockTime').format(new Date(iso));

/** "09:00" */
export const hourMinute = (iso: string, timeZone = DEFAULT_TIME_ZONE): string =>
  formatter(timeZone, 'hourMinute').format(new Date(iso));

/** "24 November 2026, 09:00:05 GMT" */
export const dateTime = (iso: string, timeZone = DEFAULT_TIME_ZONE): string =>
  `${longDate(iso, timeZone)}, ${clockTime(iso, timeZone)}`;

/** The value of each part of an instant formatted in a style. */
const partsOf = (iso: string, timeZone: string, style: 'month' | 'day'): ((type: string) => string) => {
  const parts = formatter(timeZone, style).formatToParts(new Date(iso));
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
};

/** "2026-11": the month an instant falls in, in the given zone. */
export const monthKey = (iso: string, timeZone = DEFAULT_TIME_ZONE): string => {
  const part = partsOf(iso, timeZone, 'month');
  return `${part('year')}-${part('month')}`;
};

/** "2026-11-24": the day an instant falls on, in the given zone. */
export const dayKey = (iso: string, timeZone = DEFAULT_TIME_ZONE): string => {
  const part = partsOf(iso, timeZone, 'day');
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** "November 2026", from "2026-11". */
export const monthName = (key: string): string =>
  formatter('UTC', 'monthName').format(new Date(`${key}-01T12:00:00.000Z`));

export interface PageFurniture {
  /** Left of the header, e.g. the incident reference. */
  headerLeft: string;
  /** Left of the footer, e.g. the school. */
  footerLeft: string;
  practice: boolean;
  landscape?: boolean;
}

const PLAIN_FONT = [`font: 8pt ${SANS}`, 'color: #333'];
const MARKING_FONT = [`font: bold 9.5pt ${SANS}`, 'letter-spacing: 0.06em'];
const PRACTICE_FONT = [`font: bold 8pt ${SANS}`, 'color: #a00'];

/** A page margin box: its content and font, set against the text area (down to it at the top, up to it below). */
const marginBox = (box: string, content: string, font: string[]): string =>
  box.startsWith('@top')
    ? cssRule(box, `content: ${content}`, ...font, 'vertical-align: bottom', 'padding-bottom: 3mm')
    : cssRule(box, `content: ${content}`, ...font, 'vertical-align: top', 'padding-top: 3mm');

/**
 * The A4 page: size, margins, and the margin boxes that put the marking top and bottom and "Page X of Y" on
 * every page. They are part of the document's own CSS, so the PDF, the print dialog and any browser print
 * carry them alike, with no separate header or footer templates to keep in step.
 */
export const pageCss = (f: PageFurniture): string => `
@page {
  size: A4 ${f.landscape ? 'landscape' : 'portrait'};
  margin: 20mm 14mm 18mm 14mm;
  ${marginBox('@top-left', cssString(f.headerLeft), PLAIN_FONT)}
  ${marginBox('@top-center', cssString(f.practice ? `${MARKING} · PRACTICE` : MARKING), MARKING_FONT)}
  ${marginBox('@top-right', cssString(f.practice ? 'Training only: not a real incident' : ''), PRACTICE_FONT)}
  ${marginBox('@bottom-left', cssString(f.footerLeft), PLAIN_FONT)}
  ${marginBox('@bottom-center', cssString(MARKING), MARKING_FONT)}
  ${marginBox('@bottom-right', '"Page " counter(page) " of " counter(pages)', PLAIN_FONT)}
}`;

/** Fonts, colours and the screen preview (grey desk, white sheet, the marking as a bar: margin boxes only print). */
export const baseCss = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 10pt/1.35 ${SANS}; color: #111; }
h1, h2, h3 { margin: 0; font-weight: bold; }
p { margin: 0 0 2mm; }
td, th { overflow-wrap: anywhere; }
.mono { font-family: ${MONO}; font-size: 7.5pt; overflow-wrap: anywhere; word-break: break-all; }
.url { overflow-wrap: anywhere; word-break: break-all; }
.muted { color: #444; }
.screen-only { display: none; }
@media screen {
  body { background: #8a9199; padding: 16px 0; }
  ${cssRule(
    '.sheet',
    'background: #fff',
    'width: 210mm',
    'min-height: 297mm',
    'margin: 0 auto 16px',
    'padding: 20mm 14mm 18mm',
    'box-shadow: 0 2px 8px rgba(0,0,0,.35)',
  )}
  .sheet.landscape { width: 297mm; min-height: 210mm; }
  ${cssRule(
    '.screen-only',
    'display: block',
    'text-align: center',
    'font-weight: bold',
    'letter-spacing: .06em',
    'padding: 2mm 0',
  )}
}
@media print {
  .sheet { padding: 0; }
}
${cssRule(
  '.practice-watermark',
  'position: fixed',
  'top: 70mm',
  'left: 0',
  'width: 100%',
  'height: 110mm',
  'display: flex',
  'align-items: center',
  'justify-content: center',
  'pointer-events: none',
  'z-index: 0',
)}
${cssRule(
  '.practice-watermark span',
  'transform: rotate(-35deg)',
  `font: bold 96pt ${SANS}`,
  'color: rgba(190, 0, 0, 0.10)',
  'letter-spacing: .08em',
)}
${cssRule(
  '.practice-banner',
  'border: 2px solid #a00',
  'color: #a00',
  'font-weight: bold',
  'text-align: center',
  'padding: 2mm',
  'margin-bottom: 4mm',
)}
${cssRule(
  '.box',
  'display: inline-block',
  'width: 3.6mm',
  'height: 3.6mm',
  'border: 1px solid #111',
  'margin-right: 1.6mm',
  'vertical-align: -0.6mm',
  `font: bold 8pt/3.4mm ${SANS}`,
  'text-align: center',
)}
`;

/** A tick box as on a paper form; the X is real text, so a copied or extracted PDF still says which were ticked. */
export const tickBox = (ticked: boolean): string => `<span class="box">${ticked ? 'X' : ''}</span>`;

/** A faint PRACTICE across every page of a practice incident's outputs (a fixed element repeats on each page). */
export const practiceWatermark = (practice: boolean): string =>
  practice ? '<div class="practice-watermark" aria-hidden="true"><span>PRACTICE</span></div>' : '';

const PRACTICE_BANNER =
  'PRACTICE INCIDENT: made in training mode on the practice sites. ' +
  'It is not a real record and must not be filed as one.';

/** The watermark and, at the top of the first page, a banner that says plainly what a practice record is. */
export const practiceMarks = (practice: boolean): string =>
  practice ? `${practiceWatermark(true)}<div class="practice-banner">${PRACTICE_BANNER}</div>` : '';

/**
 * Wraps a body in a complete, self-contained document: no scripts, no external resources. With `images: false` the
 * document may show no image at all, not even one inlined as a data: URL.
 */
export const documentHtml = (title: string, css: string, body: string, opts: { images?: boolean } = {}): string =>
  `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ${
    opts.images === false ? '' : 'img-src data:; '
  }style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
