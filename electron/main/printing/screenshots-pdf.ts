// screenshots.pdf made with PDFKit and streamed as it is made: each capture's image goes from the vault into the PDF
// one at a time (never through a browser's DevTools pipe, never into one HTML string), so memory stays flat.
import { PDF_KEYS } from '@shared/evidence/bundle/bag-layout';
import { printable } from '@shared/evidence/bundle/report-text';
import { sealedHeadText } from '@shared/evidence/record-anchors';
import type { ScreenshotSheet, ScreenshotsDocument, DetailRow } from '@shared/outputs/screenshots';
import { CodedError } from '@shared/result';
import type { PdfMetadata } from '../export/pdf-stamp';
import { bidiHeight, drawBidi, laidOutHere } from './bidi-text';
import { drawFitted } from './fitted-text';
import { FONT_FILES, cutShown, drawable, fontFile, loadFontCoverage, type FontName } from './pdf-fonts';
import { boundedStream } from './bounded-stream';
import { infoUpdate, type InfoValue } from './pdf-info-update';
import { passThroughRaster, printCopy, type PdfRaster } from './png-pixels';

export interface ScreenshotsPdfInput {
  document: ScreenshotsDocument;
  /** The exact, hash-checked PNG bytes of a kept capture (the vault's getFile). */
  image(sha256: string): Promise<Uint8Array>;
  /** The incident's marks (incidentPdfMarks), written into the document information for the verifier. */
  marks: PdfMetadata;
  /** The document's creation date, so that the same record printed at the same moment gives the same bytes. */
  createdAt: Date;
  signal?: AbortSignal;
}

const MM = 72 / 25.4;
/** A4 with the margins of the HTML documents: 20 mm top, 14 mm sides, 18 mm bottom. */
const PAGE = { width: 595.28, height: 841.89, top: 20 * MM, side: 14 * MM, bottom: 18 * MM } as const;
const LEFT = PAGE.side;
const WIDTH = PAGE.width - 2 * PAGE.side;
const BOTTOM = PAGE.height - PAGE.bottom;
const CONTENT_TOP = PAGE.top + 25;
const LABEL_WIDTH = 30 * MM;
const CELL = { x: 2 * MM, y: 1.1 * MM } as const;
const SIGN_HEIGHT = 27 * MM;
const FRAME_PAD = 2 * MM;
const NOTE_HEIGHT = 21;
const GAP = { table: 2.5 * MM, signs: 3 * MM } as const;
const DETAIL_SIZE = 8.5;
const MONO_SIZE = 7.5;

/** No capture prints narrower than this part of the frame to fit one page: below it, a page's text is unreadable. */
const LEGIBLE_FRACTION = 0.7;
/** A capture never prints larger than its own size on screen (a CSS pixel is 0.75 pt). */
const MAX_SCALE = 0.75;
/** A very tall capture spans at most this many pages; beyond, it is printed smaller to fit them. */
export const MAX_PARTS = 10;
/** Printed at up to 300 dots per inch across the frame; wider captures are narrowed for printing. */
const MAX_PRINT_PX = Math.round(((WIDTH - 2 * FRAME_PAD) / 72) * 300);
/** What may sit made but unread between the PDF and its reader. */
const BUFFER_BYTES = 8 * 1024 * 1024;

/** How one capture prints: at `scale` (points per pixel), in parts of so many pixel rows. */
interface CapturePlan {
  sheet: ScreenshotSheet;
  scale: number;
  parts: { top: number; rows: number }[];
}

type Doc = PDFKit.PDFDocument;

const cancelled = (): CodedError => new CodedError('CANCELLED', 'Making the screenshots PDF was cancelled.');

const measureRow = (doc: Doc, r: DetailRow): number => {
  const valueWidth = WIDTH - LABEL_WIDTH - 2 * CELL.x;
  const label = doc
    .font('bold')
    .fontSize(DETAIL_SIZE)
    .heightOfString(r.label, { width: LABEL_WIDTH - 2 * CELL.x });
  doc.font(r.mono ? 'mono' : 'sans').fontSize(r.mono ? MONO_SIZE : DETAIL_SIZE);
  const value = laidOutHere(r.text)
    ? bidiHeight(doc, r.text, valueWidth) +
      (r.aside ? doc.font('italic').fontSize(DETAIL_SIZE).heightOfString(`(${r.aside})`, { width: valueWidth }) : 0)
    : doc.heightOfString([r.text, r.aside].filter(Boolean).join(' ') || ' ', { width: valueWidth });
  return Math.max(label, value) + 2 * CELL.y + 1;
};

/**
 * Each row's height, once: a capture's rows are measured to plan it, to size its frame and to draw its table, and
 * laying out text is most of the PDF's own time (PDFKit's layout cache is off, see newDocument).
 */
const rowHeights = new WeakMap<DetailRow, number>();

const rowHeight = (doc: Doc, r: DetailRow): number => {
  const known = rowHeights.get(r);
  if (known !== undefined) return known;
  const h = measureRow(doc, r);
  rowHeights.set(r, h);
  return h;
};

const tableHeight = (doc: Doc, rows: readonly DetailRow[]): number => rows.reduce((h, r) => h + rowHeight(doc, r), 0);

/** The rows a continuation page repeats, so that no page of a capture can be taken for another's. */
const partRows = (sheet: ScreenshotSheet): DetailRow[] =>
  sheet.rows.filter((r) => r.label === 'Address (URL)' || r.label === 'SHA-256');

const frameHeight = (doc: Doc, rows: readonly DetailRow[]): number =>
  BOTTOM - SIGN_HEIGHT - GAP.signs - tableHeight(doc, rows) - GAP.table - NOTE_HEIGHT - CONTENT_TOP;

/**
 * Full width, split over continuation pages when taller than the frame: a long feed scaled down to one page is
 * unreadable, and the signed paper is what a court reads. A capture that fits at 70% of the width or more prints whole.
 */
const planCapture = (doc: Doc, sheet: ScreenshotSheet): CapturePlan => {
  const { width, height } = sheet.capture;
  const frameW = WIDTH - 2 * FRAME_PAD;
  const first = frameHeight(doc, sheet.rows) - 2 * FRAME_PAD;
  const next = frameHeight(doc, partRows(sheet)) - 2 * FRAME_PAD;
  const full = Math.min(frameW / width, MAX_SCALE);
  const whole = Math.min(full, first / height);
  if (whole >= full * LEGIBLE_FRACTION) return { sheet, scale: whole, parts: [{ top: 0, rows: height }] };
  const scale = Math.min(full, (first + (MAX_PARTS - 1) * next) / height);
  const parts: { top: number; rows: number }[] = [];
  for (let top = 0; top < height;) {
    const rows = Math.min(height - top, Math.max(1, Math.floor((parts.length === 0 ? first : next) / scale)));
    parts.push({ top, rows });
    top += rows;
  }
  return { sheet, scale, parts };
};

const furniture = (doc: Doc, d: ScreenshotsDocument, page: number, pages: number): void => {
  const above = PAGE.top - 3 * MM - 9;
  const below = BOTTOM + 3 * MM;
  // The header's left words end before the marking centred beside them, on one line.
  const marking = doc.font('bold').fontSize(9.5).widthOfString(d.marking, { characterSpacing: 0.6 });
  const left = { x: LEFT, size: 7.5, font: 'sans' } as const;
  const line = doc.fillColor('#333333').font('sans').fontSize(7.5).currentLineHeight(true);
  drawFitted(doc, d.headerLeft, { ...left, y: above + 1.5, width: (WIDTH - marking) / 2 - 2 * MM, height: line });
  // The school's name may take the footer down to 5 mm from the paper's edge, which most printers reach.
  drawFitted(doc, d.footerLeft, { ...left, y: below, width: WIDTH / 3, height: PAGE.height - 5 * MM - below });
  doc.text(`Page ${page} of ${pages}`, LEFT + (2 * WIDTH) / 3, below, { width: WIDTH / 3, align: 'right' });
  doc.fillColor('#111111').font('bold').fontSize(9.5);
  doc.text(d.marking, LEFT, above, { width: WIDTH, align: 'center', characterSpacing: 0.6, lineBreak: false });
  doc.text(d.marking.split(' · ')[0] ?? d.marking, LEFT, below, {
    width: WIDTH,
    align: 'center',
    characterSpacing: 0.6,
    lineBreak: false,
  });
  if (d.practice) {
    doc.fillColor('#aa0000').fontSize(8);
    doc.text('Training only: not a real incident', LEFT + (2 * WIDTH) / 3, above + 1.5, {
      width: WIDTH / 3,
      align: 'right',
    });
    doc.save().fillColor('#be0000').fillOpacity(0.1).font('bold').fontSize(96);
    doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.text('PRACTICE', 0, PAGE.height / 2 - 48, { width: PAGE.width, align: 'center', lineBreak: false });
    doc.restore();
  }
  doc.fillColor('#111111');
};

const heading = (doc: Doc, d: ScreenshotsDocument, title: string, aside: string): void => {
  doc.fillColor('#111111').font('bold').fontSize(13).text(title, LEFT, PAGE.top, { continued: true });
  doc.font('sans').fillColor('#444444').text(`  ${aside}`);
  doc.fillColor('#111111').font('monoBold').fontSize(10);
  doc.text(d.ref, LEFT, PAGE.top + 3, { width: WIDTH, align: 'right' });
  doc
    .moveTo(LEFT, PAGE.top + 19)
    .lineTo(LEFT + WIDTH, PAGE.top + 19)
    .lineWidth(2)
    .strokeColor('#111111')
    .stroke();
};

/**
 * A row's value. PDFKit sets left-to-right text, its aside following in italic; text holding a right-to-left script or
 * a shown code is laid out by bidi-text (see laidOutHere), its aside on a line below.
 */
const drawValue = (doc: Doc, r: DetailRow, x: number, y: number, width: number): void => {
  doc.font(r.mono ? 'mono' : 'sans').fontSize(r.mono ? MONO_SIZE : DETAIL_SIZE);
  const aside = () => doc.font('italic').fontSize(DETAIL_SIZE).fillColor('#444444');
  if (laidOutHere(r.text)) {
    const below = drawBidi(doc, r.text, x, y, width);
    if (r.aside) aside().text(`(${r.aside})`, x, y + below, { width });
  } else {
    if (r.text) doc.text(r.text, x, y, { width, continued: Boolean(r.aside) });
    if (r.aside && r.text) aside().text(` (${r.aside})`, { width });
    else if (r.aside) aside().text(r.aside, x, y, { width });
  }
  if (r.aside) doc.fillColor('#111111');
};

const table = (doc: Doc, rows: readonly DetailRow[], top: number): number => {
  let y = top;
  doc.lineWidth(0.75).strokeColor('#555555');
  for (const r of rows) {
    const h = rowHeight(doc, r);
    doc.rect(LEFT, y, LABEL_WIDTH, h).fillAndStroke('#e8ecf0', '#555555');
    doc.rect(LEFT + LABEL_WIDTH, y, WIDTH - LABEL_WIDTH, h).stroke();
    doc.fillColor('#111111').font('bold').fontSize(DETAIL_SIZE);
    doc.text(r.label, LEFT + CELL.x, y + CELL.y, { width: LABEL_WIDTH - 2 * CELL.x });
    drawValue(doc, r, LEFT + LABEL_WIDTH + CELL.x, y + CELL.y, WIDTH - LABEL_WIDTH - 2 * CELL.x);
    y += h;
  }
  return y;
};

const signatureBoxes = (doc: Doc, sheet: ScreenshotSheet): void => {
  const top = BOTTOM - SIGN_HEIGHT;
  const w = (WIDTH - 4 * MM) / 2;
  sheet.signers.forEach((p, i) => {
    const x = LEFT + i * (w + 4 * MM);
    doc.lineWidth(0.75).strokeColor('#555555').rect(x, top, w, SIGN_HEIGHT).stroke();
    doc
      .fillColor('#111111')
      .font('bold')
      .fontSize(DETAIL_SIZE)
      .text(p.title, x + CELL.x, top + 1.5 * MM);
    const label = doc.font('sans').widthOfString('Name: ');
    doc.text('Name: ', x + CELL.x, top + 8 * MM, { lineBreak: false });
    // Two lines' room above "Signature:"; a longer name is set smaller, never over the line below or the box beside.
    const name = { x: x + CELL.x + label, y: top + 8 * MM, width: w - 2 * CELL.x - label, height: 7 * MM };
    drawFitted(doc, p.name, { ...name, size: DETAIL_SIZE, font: 'bold', direction: 'ltr' });
    for (const [n, label] of ['Signature:', 'Date:'].entries()) {
      const y = top + (15 + n * 7) * MM;
      doc.font('sans').text(label, x + CELL.x, y);
      const from = x + CELL.x + doc.widthOfString(label) + 2 * MM;
      doc
        .moveTo(from, y + 8)
        .lineTo(x + w - CELL.x, y + 8)
        .lineWidth(0.75)
        .strokeColor('#111111')
        .stroke();
    }
  });
};

/** Draws the raster into the box as an image XObject: the pixel data goes into the PDF as it is. */
const drawRaster = (doc: Doc, raster: PdfRaster, box: { x: number; y: number; w: number; h: number }): void => {
  const { x, y, w, h } = box;
  const ref = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    Width: raster.width,
    Height: raster.height,
    BitsPerComponent: 8,
    ColorSpace: raster.colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: raster.colors, BitsPerComponent: 8, Columns: raster.width },
  });
  const pieces = raster.data;
  for (const piece of pieces.slice(0, -1)) ref.write(piece);
  ref.end(pieces.at(-1));
  // One image a page: the name need only be unique among this page's resources.
  const label = 'Shot';
  (doc.page.xobjects as Record<string, unknown>)[label] = ref;
  doc
    .save()
    .transform(w, 0, 0, -h, x, y + h)
    .addContent(`/${label} Do`);
  doc.restore();
};

const partNote = (plan: CapturePlan, part: number, copied: boolean): string => {
  const { capture } = plan.sheet;
  const percent = Math.round((plan.scale / MAX_SCALE) * 100);
  const what = capture.mode === 'fullpage' ? 'Full page capture' : 'Visible area of the page';
  const split = plan.parts.length > 1 ? `, part ${part + 1} of ${plan.parts.length}` : '';
  const size = `${percent}% of its size on screen`;
  const original = `the original PNG, SHA-256 ${capture.sha256.slice(0, 16)}…, is in the evidence bundle`;
  const copy = copied
    ? `scaled copy for printing (${size}); ${original}.`
    : `the capture's own pixels, scaled to fit (${size}); the original PNG is in the evidence bundle.`;
  return `${what}${split}: ${copy}`;
};

const drawPart = async (doc: Doc, d: ScreenshotsDocument, plan: CapturePlan, part: number, png: Uint8Array) => {
  const { sheet } = plan;
  const slice = plan.parts[part] ?? { top: 0, rows: sheet.capture.height };
  const rows = part === 0 ? sheet.rows : partRows(sheet);
  const title = part === 0 ? sheet.title : `${sheet.title}, part ${part + 1} of ${plan.parts.length}`;
  heading(doc, d, title, `(capture ${sheet.capture.n})`);
  const frameTop = CONTENT_TOP;
  const frameH = frameHeight(doc, rows);
  doc.lineWidth(0.75).rect(LEFT, frameTop, WIDTH, frameH).fillAndStroke('#f3f4f6', '#555555');
  const original = plan.parts.length === 1 && sheet.capture.width <= MAX_PRINT_PX ? passThroughRaster(png) : null;
  const raster = original ?? (await printCopy(png, sheet.capture.width, { ...slice, maxWidth: MAX_PRINT_PX }));
  if (original && (original.width !== sheet.capture.width || original.height !== sheet.capture.height))
    throw new CodedError('CORRUPT', `Capture ${sheet.capture.n}'s image is not the size its record gives.`);
  const w = sheet.capture.width * plan.scale;
  const h = slice.rows * plan.scale;
  const x = LEFT + (WIDTH - w) / 2;
  const y = plan.parts.length === 1 ? frameTop + (frameH - h) / 2 : frameTop + FRAME_PAD;
  drawRaster(doc, raster, { x, y, w, h });
  doc.fillColor('#444444').font('sans').fontSize(7.5);
  doc.text(partNote(plan, part, original === null), LEFT, frameTop + frameH + 2, { width: WIDTH, height: NOTE_HEIGHT });
  table(doc, rows, frameTop + frameH + NOTE_HEIGHT + GAP.table);
  signatureBoxes(doc, sheet);
};

const nonePage = (doc: Doc, d: ScreenshotsDocument): void => {
  doc.fillColor('#111111').font('bold').fontSize(12);
  doc.text(d.none.heading, LEFT, CONTENT_TOP + 20 * MM, { width: WIDTH, align: 'center' });
  doc.font('sans').text(d.none.text, { width: WIDTH, align: 'center' });
  if (d.record) table(doc, [d.record], doc.y + 6 * MM);
};

/**
 * The document information: Title and Subject, and Countersign's keys that the verifier compares with the journal, as
 * stampPdfMetadata writes them into the form (a key with no value is left out).
 */
const infoOf = (marks: PdfMetadata, createdAt: Date): Record<string, InfoValue> => ({
  Title: marks.title,
  Subject: marks.subject,
  Creator: 'Countersign',
  Producer: 'Countersign with PDFKit',
  CreationDate: createdAt,
  [PDF_KEYS.ref]: marks.ref,
  ...(marks.recordDigest ? { [PDF_KEYS.recordDigest]: marks.recordDigest } : {}),
  ...(marks.sealedHead ? { [PDF_KEYS.sealedHead]: sealedHeadText(marks.sealedHead) } : {}),
});

const newDocument = async (marks: PdfMetadata, createdAt: Date): Promise<Doc> => {
  // Loaded when first needed (about 30 MB): an export checks the exporter's passphrase (scrypt, 128 MiB) before it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margin: 0,
    compress: true,
    // PDFKit keeps the layout of every word it has set, for the document's life: each capture's address, hash and
    // time are new words, so the cache grew by about 30 KB a capture. Laying each word out again costs little.
    fontLayoutCache: false,
    info: { Title: marks.title, Subject: marks.subject, Creator: 'Countersign', CreationDate: createdAt },
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, fontFile(name));
  return doc;
};

/**
 * A value as printed in the given font: a mark that changes the direction of text, any other control, or a character
 * the font cannot draw is shown as its code.
 */
const shown = (text: string, font: FontName): string => drawable(printable(text.replace(/\r\n/g, '\n')), font);

/** A value whose codes make it longer than it was stored is cut to that length, at least this many characters. */
const SHOWN_AT_LEAST = 60;

/**
 * A row as printed. A value's codes can make it six to nine times as long as it was stored (a Chinese title): it is
 * cut to its stored length, so that no page holds more text than the longest values it was laid out for; the incident
 * form prints it whole.
 */
const shownRow = (r: DetailRow, onForm: string): DetailRow => {
  const text = shown(r.text, r.mono ? 'mono' : 'sans');
  const most = Math.max(Array.from(r.text).length, SHOWN_AT_LEAST);
  const cut = Array.from(text).length > most;
  const aside = cut && !r.aside ? `shortened here; ${onForm}` : r.aside;
  return {
    ...r,
    text: cut ? cutShown(text, most) : text,
    ...(aside === undefined ? {} : { aside: shown(aside, 'italic') }),
  };
};

/**
 * The document as printed: its values' hidden marks, and characters the fonts lack, shown as codes. A page's title or
 * a server's certificate name with a right-to-left override would otherwise make the page print its words, and the
 * app's own words beside them, in an order that is neither the one stored nor the one a browser shows.
 */
const asPrinted = (d: ScreenshotsDocument): ScreenshotsDocument => ({
  ...d,
  footerLeft: shown(d.footerLeft, 'sans'),
  record: d.record && shownRow(d.record, 'the full text is on the incident form'),
  sheets: d.sheets.map((s) => ({
    ...s,
    rows: s.rows.map((r) => shownRow(r, `the full text is on the incident form, capture ${s.capture.n}`)),
    signers: [
      { ...s.signers[0], name: shown(s.signers[0].name, 'bold') },
      { ...s.signers[1], name: shown(s.signers[1].name, 'bold') },
    ],
  })),
});

/** The last bytes written, enough to hold the trailer. */
const TAIL_BYTES = 1024;

/**
 * The screenshots PDF as a stream: A4 pages with the marking and "Page X of Y", each capture with its address, time,
 * SHA-256, description and two signature boxes. Images are read one at a time and the PDF waits for its reader, so
 * memory does not grow with the number or size of the captures. Fails the stream with CANCELLED on `signal`.
 */
export const screenshotsPdf = (input: ScreenshotsPdfInput): ReadableStream<Uint8Array> => {
  const out = boundedStream(BUFFER_BYTES);
  let length = 0;
  let tail = new Uint8Array(0);
  const make = async (): Promise<void> => {
    await loadFontCoverage();
    const doc = await newDocument(input.marks, input.createdAt);
    doc.on('data', (chunk: Uint8Array) => {
      out.push(chunk);
      length += chunk.length;
      // Only the end is kept: an image's megabytes are never copied for it.
      tail =
        chunk.length >= TAIL_BYTES
          ? Uint8Array.from(chunk.subarray(chunk.length - TAIL_BYTES))
          : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
    });
    const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    const d = asPrinted(input.document);
    doc.addPage({ size: 'A4', margin: 0 });
    const plans = d.sheets.map((s) => planCapture(doc, s));
    const pages = Math.max(
      1,
      plans.reduce((n, p) => n + p.parts.length, 0),
    );
    let page = 1;
    furniture(doc, d, page, pages);
    if (plans.length === 0) nonePage(doc, d);
    for (const [i, plan] of plans.entries()) {
      const png = await input.image(plan.sheet.capture.sha256);
      for (let part = 0; part < plan.parts.length; part++) {
        if (input.signal?.aborted) throw cancelled();
        if (i > 0 || part > 0) {
          doc.addPage({ size: 'A4', margin: 0 });
          furniture(doc, d, ++page, pages);
        }
        await drawPart(doc, d, plan, part, png);
        await out.room();
      }
    }
    doc.end();
    await ended;
    out.push(infoUpdate(tail, length, infoOf(input.marks, input.createdAt)));
    out.end();
  };
  make().catch((e: unknown) => out.fail(input.signal?.aborted ? cancelled() : e));
  return out.readable;
};
