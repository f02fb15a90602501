// The PDFs carry their incident's reference, record digest and sealed head in their metadata.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import { capture, codes, fakePng, forgeBag, sealedJournal, stampedPdf, verifyFiles } from '@test/helpers/forge-bundle';
import { minimalPdf } from '@test/helpers/sample-incident';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const entries = sealedJournal(device, keys, [capture(fakePng(1))]);

describe('the PDFs', () => {
  it("a form from another incident is INVALID, named as another incident's", async () => {
    const form = await stampedPdf(entries, 'form', 'CS-20261124-0A0A0A');
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/form.pdf': form } }),
    );
    expect(codes(r)).toEqual(['PDF_MARKS']);
    expect(r.problems[0]?.message).toBe(
      'data/form.pdf is the document of another incident: its CountersignRef is "CS-20261124-0A0A0A"',
    );
  });

  it('screenshots printed from the record before it was altered carry another digest and sealed head', async () => {
    const before = sealedJournal(device, keys, [capture(fakePng(2))]);
    const shots = await stampedPdf(before, 'shots');
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/screenshots.pdf': shots } }),
    );
    expect(codes(r)).toEqual(['PDF_MARKS']);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/screenshots.pdf was made from another record/),
      expect.stringMatching(/screenshots.pdf was made at another point of the journal/),
    ]);
  });

  it('a PDF with no marks at all, and one that is not a PDF', async () => {
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], {
        replace: { 'data/form.pdf': minimalPdf('form'), 'data/screenshots.pdf': new TextEncoder().encode('hello') },
      }),
    );
    expect(codes(r)).toEqual(['OUTPUT_INVALID', 'PDF_MARKS']);
    expect(r.problems.find((p) => p.where === 'data/form.pdf')?.message).toMatch(/no document information dictionary/);
  });
});
