// The right-to-left layout at its edges: empty text, blank lines, spaces alone, text with no right-to-left letter.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { bidiHeight, bidiLines, hasRightToLeft } from '@main/printing/bidi-text';

const require = createRequire(import.meta.url);
const doc = (): PDFKit.PDFDocument => {
  const d = new PDFDocument({ autoFirstPage: false, fontLayoutCache: false });
  d.addPage({ size: 'A4', margin: 0 });
  return d.font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).fontSize(8.5);
};
const texts = (d: PDFKit.PDFDocument, text: string, width = 400): string[][] =>
  bidiLines(d, text, width).map((l) => l.pieces.map((p) => p.text));

describe('right-to-left layout', () => {
  it('knows right-to-left text by its letters or its Arabic-script digits, and nothing else', () => {
    expect(hasRightToLeft('مرحبا')).toBe(true);
    expect(hasRightToLeft('שלום')).toBe(true);
    expect(hasRightToLeft('Order ١٢٣٤ at ١٤:٣٥')).toBe(true);
    expect(hasRightToLeft('Order ۱۲۳۴')).toBe(true);
    // screenshots.pdf shows a direction mark as its code, so a mark alone changes nothing here.
    const others = [
      '',
      'Hello, world 14:35',
      'Zażółć gęślą jaźń',
      'Привет',
      '日本語',
      '😀 emoji',
      'invoice\u202egpj.exe',
    ];
    for (const t of others) {
      expect(hasRightToLeft(t)).toBe(false);
    }
  });

  it('gives one empty line for empty text or spaces, and keeps blank lines between paragraphs', () => {
    const d = doc();
    expect(texts(d, '')).toEqual([[]]);
    expect(texts(d, '   ')).toEqual([[]]);
    expect(texts(d, 'مرحبا\n\nשלום')).toEqual([['مرحبا'], [], ['שלום']]);
    expect(bidiHeight(d, 'مرحبا\n\nשלום', 400)).toBeCloseTo(3 * d.currentLineHeight(true));
  });

  it('orders the words of a right-to-left paragraph from the right, leaving out the spaces where it breaks', () => {
    const d = doc();
    const [line] = bidiLines(d, 'مرحبا بالعالم', 400);
    expect(line?.rightToLeft).toBe(true);
    expect(line?.pieces.map((p) => p.text)).toEqual(['بالعالم', ' ', 'مرحبا']);
    const narrow = d.widthOfString('بالعالم') + 1;
    expect(texts(d, 'مرحبا بالعالم', narrow)).toEqual([['مرحبا'], ['بالعالم']]);
  });
});
