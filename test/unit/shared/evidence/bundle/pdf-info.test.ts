// The PDF information dictionary read from the end of a file, within bounds, never by loading the whole PDF.
import { describe, expect, it } from 'vitest';
import { readPdfInfo } from '@shared/evidence/bundle/pdf-info';
import { stampPdfMetadata } from '@main/export/pdf-stamp';
import { minimalPdf } from '@test/helpers/sample-incident';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const read = (pdf: Uint8Array, tail = pdf.length) => {
  const reads: [number, number][] = [];
  const result = readPdfInfo(pdf.subarray(pdf.length - tail), pdf.length, async (start, length) => {
    reads.push([start, length]);
    return pdf.subarray(start, start + length);
  });
  return { result, reads };
};

/** A PDF updated incrementally (ISO 32000-1, 7.5.6): a new Info object and cross-reference section after the old. */
const withUpdate = (pdf: Uint8Array, info: string): Uint8Array => {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = /startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1] ?? '0';
  const obj = `9 0 obj\n${info}\nendobj\n`;
  const at = text.length;
  const xref = at + obj.length;
  const tail =
    `xref\n9 1\n${String(at).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size 10 /Root 1 0 R /Info 9 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return bytes(text + obj + tail);
};

describe('readPdfInfo', () => {
  it('reads what stampPdfMetadata wrote, from a short tail, fetching only the ranges it needs', async () => {
    const pdf = await stampPdfMetadata(minimalPdf('x'), {
      title: 'Incident form — é',
      subject: 'S',
      ref: 'CS-1',
      recordDigest: 'a'.repeat(64),
      sealedHead: { seq: 3, hash: 'b'.repeat(64) },
    });
    const { result, reads } = read(pdf, 64);
    const r = await result;
    expect(r.ok && Object.fromEntries(r.info)).toMatchObject({
      Title: 'Incident form — é',
      CountersignRef: 'CS-1',
      CountersignRecordDigest: 'a'.repeat(64),
      CountersignSealedHead: `3:${'b'.repeat(64)}`,
    });
    expect(reads.every(([, length]) => length <= 8 * 1024 * 1024)).toBe(true);
  });

  it('follows an incremental update: the newest Info wins; escapes and UTF-16 text are decoded', async () => {
    const pdf = withUpdate(
      await stampPdfMetadata(minimalPdf('x'), {
        title: 'Old',
        subject: 's',
        ref: 'CS-OLD',
        recordDigest: null,
        sealedHead: null,
      }),
      '<< /Title <FEFF004E0065\n0077> /CountersignRef (CS-\\(NEW\\)\\101) /N#61me (x) /Nested << /A [1 2 R (y)] >> >>',
    );
    const r = await read(pdf).result;
    expect(r.ok && Object.fromEntries(r.info)).toEqual({ Title: 'New', CountersignRef: 'CS-(NEW)A', Name: 'x' });
  });

  it('refuses what it cannot read, in words, without throwing', async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['cut short', minimalPdf('x').subarray(0, 200), /not a complete PDF/],
      ['no Info', minimalPdf('x'), /no document information dictionary/],
      [
        'a cross-reference stream',
        bytes('%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 1 >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n'),
        /cross-reference stream/,
      ],
      ['nested too deep', withUpdate(minimalPdf('x'), `<< /A ${'['.repeat(100)} >>`), /nested too deeply/],
      ['offsets that point nowhere', bytes('%PDF-1.4\nstartxref\n999999\n%%EOF\n'), /point nowhere/],
    ];
    for (const [what, pdf, why] of cases) {
      const r = await read(pdf).result;
      expect(r.ok, what).toBe(false);
      expect(!r.ok && r.why, what).toMatch(why);
    }
  });
});
