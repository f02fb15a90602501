// The right-to-left layout at its edges: empty text, blank lines, spaces alone, text with no right-to-left letter.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it, vi } from 'vitest';
import { bidiHeight, bidiLines, drawBidi, hasRightToLeft } from '@main/printing/bidi-text';

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

// Since ce86129 left-to-right text holding a shown code is laid out here too, where PDFKit had laid it out before: an
// amount, an indent or a mark must print as PDFKit printed it.
describe('spaces, as PDFKit treats them', () => {
  it('never breaks at a no-break space, so an amount keeps its parts together', () => {
    const d = doc();
    const text = '\\u4e2d paid £10\u00a0000 on 3 May';
    // Room for "… paid £10" but not for "… paid £10 000": the whole amount goes to the next line.
    const width = d.widthOfString('\\u4e2d paid £10') + 2;
    const lines = texts(d, text, width).map((l) => l.join(''));
    expect(lines[1]).toMatch(/^£10\u00a0000 /);
    for (const l of lines) expect(l).not.toMatch(/£10$/);
    expect(texts(d, '1\u20072\u202f3 4', d.widthOfString('1\u20072\u202f3') + 1)).toEqual([['1\u20072\u202f3'], ['4']]);
  });

  it('prints the Ogham space mark, which is a mark and not a blank', () => {
    const d = doc();
    const text = vi.spyOn(d, 'text');
    drawBidi(d, 'a\u1680b \\u4e2d', 0, 0, 400);
    // Taken for a space before, it was left out of what was drawn, with no code in its place.
    expect(text.mock.calls.map((c) => c[0]).join('')).toBe('a\u1680b\\u4e2d');
  });

  it("keeps a paragraph's indent, breaks lines where PDFKit does, and prints no blank line for a last break", () => {
    const d = doc();
    const [line] = bidiLines(d, '    indented \\u4e2d text\n', 400);
    expect(line?.pieces[0]?.text).toBe('    ');
    expect(line?.width).toBeCloseTo(d.widthOfString('    indented \\u4e2d text'));
    expect(bidiLines(d, '    indented \\u4e2d text\n', 400)).toHaveLength(1);
    expect(bidiLines(d, 'a\n\n', 400)).toHaveLength(1);
    expect(bidiLines(d, 'a\n\nb', 400)).toHaveLength(3);
    // The line and paragraph separators break lines, as PDFKit breaks them; taken for letters, they joined words.
    expect(texts(d, '\\u4e2d first\u2028second\u2029third', 400)).toEqual([
      ['\\u4e2d', ' ', 'first'],
      ['second'],
      ['third'],
    ]);
  });
});
