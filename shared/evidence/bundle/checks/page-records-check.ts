// Check: each kept capture's page source is in data/sources/ with the hash its journal entry records, its connection
// file is the journal's record byte for byte, and nothing else (nothing of a purged capture) sits beside them.
import { sameBytes, utf8Encode } from '../bytes';
import {
  CONNECTION_READ_LIMIT,
  CONNECTIONS_DIR,
  connectionJsonText,
  connectionPath,
  SOURCES_DIR,
  sourcePath,
} from '../page-files';
import { keptPages } from '../../page-record';
import type { CheckStep, VerifyContext } from '../verify-context';

const checkSource = (ctx: VerifyContext, sha: string, capture: string): void => {
  const p = sourcePath(sha);
  if (!ctx.source.files.has(p))
    ctx.add('PAGE_SOURCE_MISSING', p, `the page source of capture ${capture.slice(0, 16)}… is missing from the bundle`);
  else if (ctx.hashes.has(p) && ctx.hashes.get(p) !== sha)
    ctx.add('PAGE_SOURCE_ALTERED', p, `${p} does not match the SHA-256 the journal records: it has been altered`);
};

export const pageRecordsCheck: CheckStep = {
  id: 'page-records',
  run: async (ctx) => {
    if (!ctx.journalComplete) return;
    const pages = keptPages(ctx.entries);
    const expected = new Set<string>();
    for (const page of pages) {
      expected.add(sourcePath(page.page.source.sha256));
      expected.add(connectionPath(page.capture));
      checkSource(ctx, page.page.source.sha256, page.capture);
      const p = connectionPath(page.capture);
      if (!ctx.source.files.has(p)) {
        ctx.add(
          'PAGE_CONNECTION_MISMATCH',
          p,
          `the connection record of capture ${page.capture.slice(0, 16)}… is missing`,
        );
        continue;
      }
      const bytes = await ctx.readBytes(p, CONNECTION_READ_LIMIT);
      if (bytes && !sameBytes(bytes, utf8Encode(connectionJsonText(page))))
        ctx.add('PAGE_CONNECTION_MISMATCH', p, `${p} is not the connection the journal records for that capture`);
    }
    for (const p of ctx.payloadPaths) {
      const inDir = p.startsWith(`${SOURCES_DIR}/`) || p.startsWith(`${CONNECTIONS_DIR}/`);
      if (inDir && !expected.has(p))
        ctx.add('PAGE_FILE_UNRECORDED', p, `${p} belongs to no kept capture recorded in the journal`);
    }
    ctx.ran.add('pages');
  },
};
