// Check: nothing sits beside the payload, the tag files and signatures/, where no signature would vouch for it.
import { SIGNATURE_FILE_RE, TAG_FILES } from '../bag-layout';
import { BUNDLE_TIMESTAMP } from '../../timestamp/stamped';
import type { CheckStep } from '../verify-context';

const TAG_FILE_NAMES: ReadonlySet<string> = new Set(Object.values(TAG_FILES));

export const unexpectedFilesCheck: CheckStep = {
  id: 'unexpected-files',
  run: (ctx) => {
    for (const p of ctx.paths) {
      if (!p.startsWith('data/') && !TAG_FILE_NAMES.has(p) && !SIGNATURE_FILE_RE.test(p) && p !== BUNDLE_TIMESTAMP)
        ctx.add('FILE_UNEXPECTED', p, `${p} is not part of a Countersign bundle and no signature covers it`);
    }
  },
};
