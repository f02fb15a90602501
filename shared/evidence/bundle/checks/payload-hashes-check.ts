// Check: the SHA-256 of every payload file matches manifest-sha256.txt; each file is read once, here.
import { KEPT_PAYLOAD, unreadableMessage, type CheckStep } from '../verify-context';

export const payloadHashesCheck: CheckStep = {
  id: 'payload-hashes',
  run: async (ctx) => {
    for (const p of ctx.payloadPaths) {
      let bytes: Uint8Array;
      try {
        bytes = await ctx.source.read(p);
      } catch (e) {
        ctx.add('FILE_UNREADABLE', p, unreadableMessage(p, e));
        continue;
      }
      const sha = ctx.crypto.sha256Hex(bytes);
      ctx.hashes.set(p, sha);
      if (KEPT_PAYLOAD.has(p)) ctx.kept.set(p, bytes);
      const listed = ctx.listed.get(p);
      if (listed && listed.sha256 !== sha)
        ctx.add('HASH_MISMATCH', p, `${p} has been altered: its SHA-256 does not match the manifest`);
    }
  },
};
