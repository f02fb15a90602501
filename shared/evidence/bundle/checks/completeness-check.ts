// Check: every file in manifest-sha256.txt is present, and every file under data/ is in it, the outputs included.
import { READ_LIMITS, TAG_FILES, requiredPayload } from '../bag-layout';
import { parseManifest } from '../tag-files';
import type { CheckStep } from '../verify-context';

export const completenessCheck: CheckStep = {
  id: 'completeness',
  run: async (ctx) => {
    const { files } = ctx.source;
    const text = await ctx.readText(TAG_FILES.manifest, 'MANIFEST_SYNTAX', READ_LIMITS.tagFile);
    if (!files.has(TAG_FILES.manifest))
      ctx.add('FILE_MISSING', TAG_FILES.manifest, 'manifest-sha256.txt is missing: no payload file can be checked');
    const manifest = text === null ? null : parseManifest(text);
    for (const b of manifest?.bad ?? [])
      ctx.add(
        'MANIFEST_SYNTAX',
        `${TAG_FILES.manifest} line ${b.line}`,
        `line ${b.line} of manifest-sha256.txt ${b.why}`,
      );
    ctx.listed = new Map((manifest?.entries ?? []).map((e) => [e.path, e]));
    for (const e of manifest?.entries ?? []) {
      if (!e.path.startsWith('data/'))
        ctx.add(
          'MANIFEST_SYNTAX',
          `${TAG_FILES.manifest} line ${e.line}`,
          `manifest-sha256.txt lists ${e.path}, which is not a payload file under data/`,
        );
      else if (!files.has(e.path))
        ctx.add('FILE_MISSING', e.path, `${e.path} is listed in the manifest but missing from the bundle`);
    }
    if (manifest) {
      for (const p of ctx.payloadPaths) {
        if (!ctx.listed.has(p))
          ctx.add(
            'FILE_UNLISTED',
            p,
            `${p} is in the bundle but not in the manifest: it was added after the bundle was made`,
          );
      }
    }
    for (const p of requiredPayload(ctx.format)) {
      if (!files.has(p) && !ctx.listed.has(p))
        ctx.add('FILE_MISSING', p, `${p} is missing from the bundle: a bundle in format ${ctx.format} holds it`);
    }
    if (manifest) ctx.ran.add('completeness');
  },
};
