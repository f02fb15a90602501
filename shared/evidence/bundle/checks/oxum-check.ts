// Check, before any payload is read: Payload-Oxum in bag-info.txt gives the byte and file count of data/ as declared.
import { TAG_FILES } from '../bag-layout';
import type { CheckStep } from '../verify-context';

export const oxumCheck: CheckStep = {
  id: 'oxum',
  run: (ctx) => {
    const oxum = ctx.field('Payload-Oxum');
    if (oxum === null) return;
    const m = /^(\d{1,16})\.(\d{1,12})$/.exec(oxum);
    const files = ctx.payloadPaths.length;
    const bytes = ctx.payloadPaths.reduce((n, p) => n + (ctx.source.files.get(p) ?? 0), 0);
    if (!m) {
      ctx.add('BAG_INFO', TAG_FILES.bagInfo, `Payload-Oxum "${oxum}" is not "<bytes>.<files>"`);
      return;
    }
    if (Number(m[1]) !== bytes || Number(m[2]) !== files) {
      ctx.add(
        'OXUM_MISMATCH',
        TAG_FILES.bagInfo,
        `Payload-Oxum says ${m[2]} files of ${m[1]} bytes under ` +
          `data/, but there are ${files} files of ${bytes} bytes`,
      );
    }
    ctx.ran.add('oxum');
  },
};
