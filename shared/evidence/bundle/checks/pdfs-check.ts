// Check: form.pdf and screenshots.pdf are PDFs, and (format 2) their metadata carries this incident's reference, record
// digest and sealed head: a PDF of another incident, or of the record before it was altered, does not.
import { recordDigestOf, sealedHeadOf, sealedHeadText } from '../../record-anchors';
import { PDF_KEYS } from '../bag-layout';
import { readRange } from '../bag-source';
import { FORMAT_1_LIMITS } from '../bundle-report';
import { readPdfInfo } from '../pdf-info';
import { PDF_PAYLOAD, type CheckStep, type VerifyContext } from '../verify-context';

const isPdf = (head: Uint8Array | undefined): boolean =>
  !!head && String.fromCharCode(...head.subarray(0, 5)) === '%PDF-';

/** What each key must say, and how a different value is put in words. */
const expected = (ctx: VerifyContext): [string, string | null, string][] => {
  const head = sealedHeadOf(ctx.entries);
  return [
    [PDF_KEYS.ref, ctx.opened?.data.ref ?? null, 'is the document of another incident'],
    [PDF_KEYS.recordDigest, recordDigestOf(ctx.entries), 'was made from another record (another record digest)'],
    [PDF_KEYS.sealedHead, head && sealedHeadText(head), 'was made at another point of the journal (sealed head)'],
  ];
};

const checkMarks = async (ctx: VerifyContext, p: string): Promise<boolean> => {
  const tail = ctx.pdfTails.get(p);
  const size = ctx.source.files.get(p) ?? 0;
  if (!tail) return false;
  const info = await readPdfInfo(tail, size, (start, length) => readRange(ctx.source, p, start, length));
  if (!info.ok) {
    ctx.add('PDF_MARKS', p, `${p}'s metadata cannot be read: ${info.why}`);
    return true;
  }
  for (const [key, want, words] of expected(ctx)) {
    const got = info.info.get(key) ?? null;
    if (got === want) continue;
    if (got === null) ctx.add('PDF_MARKS', p, `${p} carries no ${key} in its metadata: it is not this incident's`);
    else ctx.add('PDF_MARKS', p, `${p} ${words}: its ${key} is ${JSON.stringify(got.slice(0, 80))}`);
  }
  return true;
};

export const pdfsCheck: CheckStep = {
  id: 'pdfs',
  run: async (ctx) => {
    let all = true;
    for (const p of PDF_PAYLOAD) {
      if (!ctx.hashes.has(p)) all = false;
      else if (!isPdf(ctx.pdfHeads.get(p))) ctx.add('OUTPUT_INVALID', p, `${p} is not a PDF`);
    }
    if (ctx.format < 2) {
      ctx.unavailable.set('pdfs', FORMAT_1_LIMITS.pdfs ?? '');
      return;
    }
    if (!ctx.journalComplete || !ctx.opened) return;
    for (const p of PDF_PAYLOAD) all = (await checkMarks(ctx, p)) && all;
    if (all) ctx.ran.add('pdfs');
  },
};
