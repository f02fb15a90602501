// Check: tagmanifest-sha256.txt covers bagit.txt, bag-info.txt and the manifest, and their SHA-256 match it.
import { TAGMANIFEST_COVERS, TAG_FILES } from '../bag-layout';
import { parseManifest, type ManifestLine } from '../tag-files';
import { unreadableMessage, type CheckStep, type VerifyContext } from '../verify-context';

const checkTagFileHash = async (ctx: VerifyContext, e: ManifestLine): Promise<void> => {
  if (!ctx.source.files.has(e.path)) {
    ctx.add('FILE_MISSING', e.path, `${e.path} is listed in the tag manifest but missing from the bundle`);
    return;
  }
  try {
    if (ctx.crypto.sha256Hex(await ctx.source.read(e.path)) !== e.sha256)
      ctx.add('TAG_HASH_MISMATCH', e.path, `${e.path} has been altered: its SHA-256 does not match the tag manifest`);
  } catch (err) {
    ctx.add('FILE_UNREADABLE', e.path, unreadableMessage(e.path, err));
  }
};

export const tagManifestCheck: CheckStep = {
  id: 'tag-manifest',
  run: async (ctx) => {
    ctx.tagManifestText = await ctx.readText(TAG_FILES.tagmanifest, 'TAGMANIFEST_SYNTAX');
    if (!ctx.source.files.has(TAG_FILES.tagmanifest))
      ctx.add(
        'FILE_MISSING',
        TAG_FILES.tagmanifest,
        'tagmanifest-sha256.txt is missing: the tag files cannot be checked and nothing is signed',
      );
    if (ctx.tagManifestText === null) return;
    const tagmanifest = parseManifest(ctx.tagManifestText);
    for (const b of tagmanifest.bad)
      ctx.add(
        'TAGMANIFEST_SYNTAX',
        `${TAG_FILES.tagmanifest} line ${b.line}`,
        `line ${b.line} of tagmanifest-sha256.txt ${b.why}`,
      );
    for (const e of tagmanifest.entries) await checkTagFileHash(ctx, e);
    for (const p of TAGMANIFEST_COVERS) {
      if (!tagmanifest.entries.some((e) => e.path === p))
        ctx.add(
          'TAGMANIFEST_INCOMPLETE',
          TAG_FILES.tagmanifest,
          `the tag manifest does not cover ${p}, so the signatures do not vouch for it`,
        );
    }
  },
};
