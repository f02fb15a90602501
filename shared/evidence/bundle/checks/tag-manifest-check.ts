// Check: tagmanifest-sha256.txt covers bagit.txt, bag-info.txt and the manifest, and their SHA-256 match it.
import { READ_LIMITS, TAGMANIFEST_COVERS, TAG_FILES } from '../bag-layout';
import { digestFile } from '../bag-source';
import { utf8Decode } from '../bytes';
import { parseManifest, type ManifestLine } from '../tag-files';
import { unreadableMessage, type CheckStep, type VerifyContext } from '../verify-context';

const checkTagFileHash = async (ctx: VerifyContext, e: ManifestLine): Promise<boolean> => {
  if (!ctx.source.files.has(e.path)) {
    ctx.add('FILE_MISSING', e.path, `${e.path} is listed in the tag manifest but missing from the bundle`);
    return false;
  }
  try {
    if ((await digestFile(ctx.crypto, ctx.source, e.path)).sha256 !== e.sha256)
      ctx.add('TAG_HASH_MISMATCH', e.path, `${e.path} has been altered: its SHA-256 does not match the tag manifest`);
    return true;
  } catch (err) {
    ctx.add('FILE_UNREADABLE', e.path, unreadableMessage(e.path, err));
    return false;
  }
};

export const tagManifestCheck: CheckStep = {
  id: 'tag-manifest',
  run: async (ctx) => {
    if (!ctx.source.files.has(TAG_FILES.tagmanifest)) {
      ctx.add(
        'FILE_MISSING',
        TAG_FILES.tagmanifest,
        'tagmanifest-sha256.txt is missing: the tag files cannot be checked and nothing is signed',
      );
      return;
    }
    const bytes = await ctx.readBytes(TAG_FILES.tagmanifest, READ_LIMITS.tagFile);
    const text = bytes && utf8Decode(bytes);
    if (bytes && text === null)
      ctx.add('TAGMANIFEST_SYNTAX', TAG_FILES.tagmanifest, `${TAG_FILES.tagmanifest} is not UTF-8 text`);
    if (!bytes || text === null) return;
    ctx.tagManifest = { bytes, text };
    const tagmanifest = parseManifest(text);
    for (const b of tagmanifest.bad)
      ctx.add(
        'TAGMANIFEST_SYNTAX',
        `${TAG_FILES.tagmanifest} line ${b.line}`,
        `line ${b.line} of tagmanifest-sha256.txt ${b.why}`,
      );
    let all = true;
    for (const e of tagmanifest.entries) all = (await checkTagFileHash(ctx, e)) && all;
    for (const p of TAGMANIFEST_COVERS) {
      if (!tagmanifest.entries.some((e) => e.path === p))
        ctx.add(
          'TAGMANIFEST_INCOMPLETE',
          TAG_FILES.tagmanifest,
          `the tag manifest does not cover ${p}, so the signatures do not vouch for it`,
        );
    }
    if (all) ctx.ran.add('tagmanifest');
  },
};
