// What screenshots.pdf prints for text in a right-to-left script, as a page's title, a reviewer's description or a
// reviewer's name may be: each word where a reader of that script expects it, inside its cell, and every Latin word,
// number and time as it was given. PDFKit alone ran such words together in reading order from the left, and a layout
// that set each line as one run printed "14:35" as "53:41": either is an altered record on a page of evidence.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DetailRow } from '@shared/outputs/screenshots';
import { screenshotsDocument } from '@shared/outputs/screenshots';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { PAYLOAD } from '@shared/evidence/bundle/bag-layout';
import { readWhole } from '@shared/evidence/bundle/bag-source';
import { pageRecordsOf, recordOf } from '@main/export/incident-bundle';
import { incidentPdfMarks } from '@main/export/pdf-stamp';
import { screenshotsPdf } from '@main/printing/screenshots-pdf';
import { chunksOf } from '@main/services/durable';
import { openBundle } from '@main/verify/bundle-reader';
import { verifyBundleAt } from '@main/verify/verify-report';
import { buildIncident, exportBuilt } from '@test/helpers/sample-incident';
import { find, wordsOf, type Word } from '@test/helpers/pdf-words';
import { tempDir } from '@test/helpers/vault';

const AT = new Date('2026-11-24T10:00:00.000Z');
const MM = 72 / 25.4;
/** Where a row's value may print on the A4 page: from the label column's edge to the page's right margin. */
const CELL = { left: 46 * MM, right: 595.28 - 16 * MM };

/** A page title, descriptions and a name that mix Arabic or Hebrew with Latin words, numbers and a time. */
const MIXED = {
  title: 'بث مباشر - Live 2024',
  arabic:
    'رسالة تهديد من user123 الساعة 14:35 (مهم) البند (5) في ١٤:٣٥ و ۱۶:۴۵ المبلغ ١٬٢٣٤٫٥٦ وهذا نص طويل جدا لكي ' +
    'يلتف السطر عندما يكون النص أطول من عرض الخلية ' +
    `في الجدول على الصفحة ${'ب'.repeat(400)} ${'ها'.repeat(60)} x${'ها'.repeat(60)}`,
  hebrew: 'News: שלום עולם from admin42 at 09:17 סעיף (1) ٣',
  name: 'سارة أحمد',
  /** A page title a hostile page hides a right-to-left override in, to swap the amounts. */
  override: 'Pay \u202eto Bob 100 from 900',
  /** An Arabic title with Chinese in it, which the fonts lack: printed as codes, one line of them too few. */
  chinese: `عنوان x${'中文'.repeat(12)} ${'ا'.repeat(200)}`,
  /** A left-to-right title with Japanese in it, which the fonts lack: a run of codes near two lines long. */
  japanese: `Latin ${'日本'.repeat(20)} ${'y'.repeat(300)}`,
  /** What the page says of a title it had to shorten. */
  aside: 'shortened here; the full text is on the incident form',
};

/** A word of the Japanese row's codes. */
const JAPANESE = /65e5|672c/;

const withText = (rows: readonly DetailRow[], description: string, aside?: string): DetailRow[] =>
  rows.map((r) =>
    r.label === 'Page title'
      ? { label: r.label, text: MIXED.title, ...(aside ? { aside } : {}) }
      : r.label === 'Description'
        ? { label: r.label, text: description }
        : r,
  );

let words: Word[];

beforeAll(async () => {
  const built = await buildIncident();
  const record = recordOf(built.store, SWGFL_TEMPLATE);
  const document = screenshotsDocument(record, { pages: pageRecordsOf(built.store) });
  expect(document.sheets).toHaveLength(2);
  const sheets = document.sheets.map((s, i) => ({
    ...s,
    rows:
      i === 0
        ? withText(s.rows, MIXED.arabic)
        : [
            ...withText(s.rows, MIXED.hebrew, MIXED.aside),
            { label: 'Hidden', text: MIXED.override },
            { label: 'Codes', text: MIXED.chinese },
            { label: 'Codes', text: MIXED.japanese },
          ],
    signers: [{ ...s.signers[0], name: MIXED.name }, s.signers[1]] as const,
  }));
  const stream = screenshotsPdf({
    document: { ...document, sheets },
    image: (sha256) => built.store.getFile(sha256),
    marks: incidentPdfMarks(built.store.ref, built.store.journal.entries, 'screenshots'),
    createdAt: AT,
  });
  const chunks: Uint8Array[] = [];
  for await (const c of chunksOf(stream)) chunks.push(c);
  const file = join(await tempDir(), 'screenshots.pdf');
  await writeFile(file, Buffer.concat(chunks));
  words = wordsOf(file);
});

describe('screenshots.pdf with right-to-left text', () => {
  it('prints the Latin words, numbers and times as they were given, never reversed', () => {
    const text = words.map((w) => w.text);
    for (const given of ['user123', '14:35', 'Live', '2024', 'News:', 'admin42', '09:17'])
      expect(text).toContain(given);
    for (const reversed of ['321resu', '53:41', 'eviL', '4202', '24nimda', '71:90'])
      expect(text).not.toContain(reversed);
  });

  it('brackets in Arabic and Hebrew text enclose their words as a reader expects (each one mirrored)', () => {
    const text = words.map((w) => w.text);
    for (const given of ['(مهم)', '(5)', '(1)']) expect(text).toContain(given);
    for (const outwards of [')مهم(', ')5(', ')1(']) expect(text).not.toContain(outwards);
  });

  it('Arabic-Indic and Persian digits, times and amounts read from the left, as numbers do', () => {
    const text = words.map((w) => w.text);
    for (const given of ['١٤:٣٥', '۱۶:۴۵', '١٬٢٣٤٫٥٦', '٣']) expect(text).toContain(given);
    for (const reversed of ['٥٣:٤١', '۵۴:۶۱', '٦٥٫٤٣٢٬١']) expect(text).not.toContain(reversed);
  });

  it('a right-to-left override hidden in a title is shown as its code, and the words keep their stored order', () => {
    const row = words.find((w) => w.page === 2 && w.text === '\\u202eto');
    const line = words.filter((w) => w.page === 2 && Math.abs(w.y - (row?.y ?? -99)) < 1 && w.x > CELL.left - 1);
    expect(line.map((w) => w.text)).toEqual(['Pay', '\\u202eto', 'Bob', '100', 'from', '900']);
    for (let i = 1; i < line.length; i++) expect(line[i]?.x).toBeGreaterThan(line[i - 1]?.x ?? 0);
  });

  it('a run of codes longer than a line is broken between codes, never inside one', () => {
    // The hidden override's code is on the row above.
    const codes = words.filter(
      (w) => w.page === 2 && w.text.includes('\\u') && !w.text.startsWith('\\u202e') && !JAPANESE.test(w.text),
    );
    expect(codes.length).toBeGreaterThan(1);
    // Cut a character at a time, the line had ended in "\u658" and the next begun "7\u4e2d".
    for (const w of codes) expect(w.text).toMatch(/^x?(\\u[0-9a-f]{4})+$/);
    expect(codes.map((w) => w.text).join('')).toBe(`x${'\\u4e2d\\u6587'.repeat(12)}`);
    for (const w of codes) expect(w.right).toBeLessThanOrEqual(CELL.right + 0.5);
  });

  it('in left-to-right text too, a run of codes longer than a line is broken between codes', () => {
    // PDFKit's own wrapping had cut it anywhere: a line ended "\u65e5\u" and the next began "672c\u65e5".
    const codes = words.filter((w) => w.page === 2 && w.text.includes('\\') && JAPANESE.test(w.text));
    expect(codes.length).toBeGreaterThan(2);
    for (const w of codes) expect(w.text).toMatch(/^(\\u[0-9a-f]{4})+$/);
    expect(codes.map((w) => w.text).join('')).toBe('\\u65e5\\u672c'.repeat(20));
    for (const w of codes) expect(w.right).toBeLessThanOrEqual(CELL.right + 0.5);
    for (const w of codes) expect(w.x).toBeGreaterThanOrEqual(CELL.left - 0.5);
    // Read from the left, as the row's first word says.
    expect(find(words, 'Latin', 2).x).toBeLessThan(CELL.left + 2);
  });

  it('no word of a right-to-left value starts left of its cell', () => {
    // The reviewer's name, in its signature box further left, aside.
    const name = MIXED.name.split(' ').flatMap((w) => [w, Array.from(w).reverse().join('')]);
    const rightToLeft = words.filter((w) => /[\u0590-\u06ff]/.test(w.text) && !name.includes(w.text));
    expect(rightToLeft.length).toBeGreaterThan(20);
    for (const w of rightToLeft) expect(w.x).toBeGreaterThanOrEqual(CELL.left - 0.5);
  });

  it('an Arabic description reads from the right: each word to the left of the one before it, Latin ones too', () => {
    const order = ['رسالة', 'تهديد', 'user123', 'الساعة', '14:35'].map((w) => find(words, w, 1));
    expect(new Set(order.map((w) => w.y)).size).toBe(1);
    for (let i = 1; i < order.length; i++) expect(order[i]?.x).toBeLessThan(order[i - 1]?.x ?? 0);
    // The first line ends at the cell's right edge, as Arabic text starts.
    expect(order[0]?.right).toBeGreaterThan(CELL.right - 2);
  });

  // 'ها' again and again: joined, its letters take forms wider than alone, and a word broken by their widths alone ran
  // 24 pt out of its cell; after a Latin letter, fontkit shaped the whole word as Latin when measuring it (12.6 pt).
  it('a long Arabic description, and words longer than a line, wrap inside the cell above the next row', () => {
    const first = find(words, 'رسالة', 1);
    const next = words.find((w) => w.page === 1 && w.text === 'source');
    const inCell = words.filter(
      (w) => w.page === 1 && w.y >= first.y - 1 && w.y < (next?.y ?? 0) && w.x > CELL.left - 1,
    );
    expect(new Set(inCell.map((w) => w.y)).size).toBeGreaterThan(2);
    for (const w of inCell) expect(w.right).toBeLessThanOrEqual(CELL.right + 0.5);
    expect(find(words, 'الصفحة', 1).y).toBeGreaterThan(first.y);
    const cut = inCell.filter((w) => /^ب+$/.test(w.text));
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.reduce((n, w) => n + w.text.length, 0)).toBe(400);
    const joined = inCell.filter((w) => /^x?[هـا]+x?$/.test(w.text));
    expect(joined.length).toBeGreaterThan(3);
    expect(joined.filter((w) => w.text.includes('x'))).toHaveLength(1);
  });

  it("a shortened title's note goes on its own line below the Arabic title, inside the row", () => {
    const title = find(words, 'Live', 2);
    const note = find(words, '(shortened', 2);
    const time = words.find((w) => w.page === 2 && w.text === 'Time');
    expect(note.y).toBeGreaterThan(title.y);
    expect(note.y).toBeLessThan(time?.y ?? 0);
    expect(note.x).toBeGreaterThan(CELL.left - 1);
  });

  it('Hebrew inside an English sentence: the sentence reads from the left, the Hebrew words from the right', () => {
    const [news, olam, shalom, from] = ['News:', 'עולם', 'שלום', 'from'].map((w) => find(words, w, 2));
    expect(news?.x).toBeLessThan(olam?.x ?? 0);
    expect(olam?.x).toBeLessThan(shalom?.x ?? 0);
    expect(shalom?.x).toBeLessThan(from?.x ?? 0);
  });

  it('an Arabic page title reads from the right, the Latin words in their own order', () => {
    const [bath, live, year] = ['بث', 'Live', '2024'].map((w) => find(words, w, 1));
    expect(live?.x).toBeLessThan(year?.x ?? 0);
    expect(year?.x).toBeLessThan(bath?.x ?? 0);
  });

  it("an Arabic reviewer's name follows its label, its first name on the right", () => {
    // The first reviewer's box, on the left (pdftotext may read the right-hand box first).
    const label = words.filter((w) => w.page === 1 && w.text === 'Name:').sort((a, b) => a.x - b.x)[0];
    const [sara, ahmad] = ['سارة', 'أحمد'].map((w) => find(words, w, 1));
    expect(label?.x).toBeLessThan(ahmad?.x ?? 0);
    expect(ahmad?.x).toBeLessThan(sara?.x ?? 0);
    expect(Math.abs((sara?.y ?? 0) - (label?.y ?? 0))).toBeLessThan(2);
  });
});

describe('an exported bundle whose reviewers wrote in Arabic and Hebrew', () => {
  it('is VALID, and its screenshots.pdf prints each description as a reader of it expects', async () => {
    const built = await buildIncident({ concerns: [MIXED.arabic, MIXED.hebrew] });
    const out = join(await tempDir(), 'b.zip');
    await exportBuilt(built, out, AT);
    const report = await verifyBundleAt({ path: out });
    expect(report.status).toBe('valid');
    const opened = await openBundle(out);
    const file = join(await tempDir(), 'screenshots.pdf');
    await writeFile(file, await readWhole(opened.source, PAYLOAD.screenshotsPdf, 64 * 1024 * 1024));
    await opened.close();
    const printed = wordsOf(file);
    const arabic = ['رسالة', 'تهديد', 'user123', 'الساعة', '14:35'].map((w) => find(printed, w, 1));
    for (let i = 1; i < arabic.length; i++) expect(arabic[i]?.x).toBeLessThan(arabic[i - 1]?.x ?? 0);
    const [news, olam, shalom, from] = ['News:', 'עולם', 'שלום', 'from'].map((w) => find(printed, w, 2));
    const xs = [news, olam, shalom, from].map((w) => w?.x ?? 0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});
