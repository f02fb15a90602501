// Check: urls.csv is exactly the list of addresses the journal records, byte for byte.
import { PAYLOAD } from '../bag-layout';
import { sameBytes, utf8Encode } from '../bytes';
import { urlsCsvText } from '../urls-csv';
import type { CheckStep } from '../verify-context';

export const urlsCheck: CheckStep = {
  id: 'urls',
  run: (ctx) => {
    const urls = ctx.kept.get(PAYLOAD.urls);
    if (!urls || !ctx.journalComplete) return;
    if (!sameBytes(urls, utf8Encode(urlsCsvText(ctx.entries))))
      ctx.add('URLS_MISMATCH', PAYLOAD.urls, 'urls.csv does not list exactly the URLs recorded in the journal');
    ctx.ran.add('urls');
  },
};
