// Check: the SHA-256 of every payload file matches manifest-sha256.txt. Each file is streamed once, here, two at a
// time; only the files whose content later checks read are kept, within their limits, and the ends of the PDFs.
import { READ_LIMITS } from '../bag-layout';
import { digestFile, type FileDigest } from '../bag-source';
import { KEPT_PAYLOAD, PDF_PAYLOAD, unreadableMessage, type CheckStep, type VerifyContext } from '../verify-context';

/** Files hashed at once: while one streams in another is hashed, and small ones off the main thread where possible. */
const CONCURRENCY = 3;
const PDF_HEAD = 8;

const digestOne = (ctx: VerifyContext, p: string): Promise<FileDigest> => {
  const limit = KEPT_PAYLOAD.get(p);
  const pdf = PDF_PAYLOAD.has(p);
  return digestFile(ctx.crypto, ctx.source, p, {
    ...(limit !== undefined ? { keep: limit } : {}),
    ...(pdf ? { tail: READ_LIMITS.pdfTail, head: PDF_HEAD } : {}),
  });
};

/** What one file's hash shows, added in the payload's order whatever order the hashing finished in. */
const record = (ctx: VerifyContext, p: string, d: FileDigest | Error): boolean => {
  const declared = ctx.source.files.get(p) ?? 0;
  const limit = KEPT_PAYLOAD.get(p);
  if (limit !== undefined && declared > limit)
    ctx.add(
      'FILE_TOO_LARGE',
      p,
      `${p} is ${declared} bytes, more than the ${limit} bytes this verifier reads for it: its content is not checked`,
    );
  if (d instanceof Error) {
    ctx.add('FILE_UNREADABLE', p, unreadableMessage(p, d));
    return false;
  }
  ctx.hashes.set(p, d.sha256);
  if (d.bytes) ctx.kept.set(p, d.bytes);
  if (d.tail) ctx.pdfTails.set(p, d.tail);
  if (d.head) ctx.pdfHeads.set(p, d.head);
  const listed = ctx.listed.get(p);
  if (listed && listed.sha256 !== d.sha256)
    ctx.add('HASH_MISMATCH', p, `${p} has been altered: its SHA-256 does not match the manifest`);
  return true;
};

export const payloadHashesCheck: CheckStep = {
  id: 'payload-hashes',
  run: async (ctx) => {
    const paths = ctx.payloadPaths;
    const results: (FileDigest | Error)[] = new Array<FileDigest | Error>(paths.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < paths.length; i = next++) {
        const p = paths[i] ?? '';
        results[i] = await digestOne(ctx, p).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    let allRead = true;
    paths.forEach((p, i) => {
      allRead = record(ctx, p, results[i] ?? new Error('not read')) && allRead;
    });
    if (allRead && ctx.listed.size > 0) ctx.ran.add('payload');
  },
};
