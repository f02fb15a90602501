// Check: the SHA-256 of every payload file matches manifest-sha256.txt. Each file is streamed once, here, a few at a
// time; only the files whose content later checks read are kept, within their limits, and the ends of the PDFs. The
// files those checks read first are hashed first; the rest (the screenshots and the PDFs, nearly all the bytes) are
// left hashing while the signatures and the journal are checked, and payloadHashesDoneCheck waits for them.
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

/** Hashes `paths`, CONCURRENCY at a time; each result is the digest or why the file could not be read. */
const hashAll = async (ctx: VerifyContext, paths: readonly string[]): Promise<(FileDigest | Error)[]> => {
  const results: (FileDigest | Error)[] = new Array<FileDigest | Error>(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const p = paths[i] ?? '';
      results[i] = await digestOne(ctx, p).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
};

/** Records the results in the payload's order: whether every file could be read. */
const recordAll = (ctx: VerifyContext, paths: readonly string[], results: readonly (FileDigest | Error)[]): boolean => {
  let allRead = true;
  paths.forEach((p, i) => {
    allRead = record(ctx, p, results[i] ?? new Error('not read')) && allRead;
  });
  return allRead;
};

/** Whether the files later checks read were all read, and the hashing of the rest, still running (never rejects). */
const pending = new WeakMap<
  VerifyContext,
  { keptRead: boolean; rest: string[]; results: Promise<(FileDigest | Error)[]> }
>();

export const payloadHashesCheck: CheckStep = {
  id: 'payload-hashes',
  run: async (ctx) => {
    const kept = ctx.payloadPaths.filter((p) => KEPT_PAYLOAD.has(p));
    const rest = ctx.payloadPaths.filter((p) => !KEPT_PAYLOAD.has(p));
    const keptRead = recordAll(ctx, kept, await hashAll(ctx, kept));
    pending.set(ctx, { keptRead, rest, results: hashAll(ctx, rest) });
  },
};

/**
 * Waits for the rest of the payload's hashing and records it: placed before the first check that reads a
 * screenshot's or a PDF's hash, so that the checks between run while the files are hashed.
 */
export const payloadHashesDoneCheck: CheckStep = {
  id: 'payload-hashes-done',
  run: async (ctx) => {
    const p = pending.get(ctx);
    if (!p) return;
    const restRead = recordAll(ctx, p.rest, await p.results);
    if (p.keptRead && restRead && ctx.listed.size > 0) ctx.ran.add('payload');
  },
};
