// Check: incident.json is JSON, the PDFs are PDFs, and urls.csv lists exactly the URLs in the journal.
import { PAYLOAD } from '../bag-layout';
import { sameBytes, utf8Decode, utf8Encode } from '../bytes';
import { urlsCsvText } from '../urls-csv';
import type { CheckStep } from '../verify-context';

const isJsonDocument = (bytes: Uint8Array): boolean => {
  const t = utf8Decode(bytes);
  try {
    return t !== null && typeof JSON.parse(t) === 'object';
  } catch {
    return false;
  }
};

export const outputsCheck: CheckStep = {
  id: 'outputs',
  run: (ctx) => {
    const incident = ctx.kept.get(PAYLOAD.incident);
    if (incident && !isJsonDocument(incident))
      ctx.add('OUTPUT_INVALID', PAYLOAD.incident, 'incident.json is not a JSON document');
    for (const p of [PAYLOAD.form, PAYLOAD.screenshotsPdf]) {
      const b = ctx.kept.get(p);
      if (b && utf8Decode(b.subarray(0, 5)) !== '%PDF-') ctx.add('OUTPUT_INVALID', p, `${p} is not a PDF`);
    }
    const urls = ctx.kept.get(PAYLOAD.urls);
    if (urls && ctx.journalComplete && !sameBytes(urls, utf8Encode(urlsCsvText(ctx.entries))))
      ctx.add('URLS_MISMATCH', PAYLOAD.urls, 'urls.csv does not list exactly the URLs recorded in the journal');
  },
};
