// Check: each RFC 3161 token (the journal's, over signed heads; the bundle's, over tagmanifest-sha256.txt) stamps
// exactly what it says, under a signature that holds, by the pinned authority when one is given; the authority's time
// is reported beside the laptop's.
import { toByteArray } from 'base64-js';
import type { Certificate } from 'pkijs';
import type { JournalEntry } from '../../entries';
import type { TimestampCheck } from '../../timestamp/rfc3161';
import { BUNDLE_TIMESTAMP, headStampData } from '../../timestamp/stamped';
import { PAYLOAD, TAG_FILES } from '../bag-layout';
import type { CheckStep, VerifyContext } from '../verify-context';

/** A reply is a few kilobytes; anything much larger is not one. */
const MAX_REPLY_BYTES = 64 * 1024;
/** Beyond this the laptop's clock and the authority's disagree enough to say so. */
const CLOCK_NOTE_MS = 5 * 60 * 1000;

const decoded = (b64: string): Uint8Array | null => {
  try {
    return toByteArray(b64);
  } catch {
    return null;
  }
};

/** Records what a check found: the report line, and the problem when it does not hold. */
const note = (
  ctx: VerifyContext,
  where: string,
  stamps: string,
  laptopTime: string,
  check: TimestampCheck,
): boolean => {
  const authorityTime = check.facts?.genTime.toISOString() ?? 'unknown';
  ctx.timestampReports.push({
    stamps,
    laptopTime,
    authorityTime,
    authority: check.ok ? check.authority : 'unknown',
    valid: check.ok,
  });
  if (!check.ok) {
    ctx.add('TIMESTAMP_INVALID', where, `the timestamp over ${stamps} does not hold: ${check.reason}`);
    return false;
  }
  const laptop = Date.parse(laptopTime);
  if (Number.isFinite(laptop) && Math.abs(laptop - check.facts.genTime.getTime()) > CLOCK_NOTE_MS)
    ctx.warnings.push(
      `The laptop's time for ${stamps} (${laptopTime}) differs from the time-stamping authority's ` +
        `(${authorityTime}) by more than five minutes: the authority's time is the one nobody at the school controls.`,
    );
  return true;
};

/** Each head or bundle the authority did not stamp, as the journal recorded it. */
const warnUnstamped = (ctx: VerifyContext): void => {
  if (!ctx.journalComplete) return;
  for (const e of ctx.entries) {
    if (e.kind !== 'timestamp.failed') continue;
    const d = (e as JournalEntry<'timestamp.failed'>).data;
    const what = 'head' in d.of ? `the signed head at entry ${d.of.head}` : d.of.bundle;
    ctx.warnings.push(`Entry ${e.seq}: ${what} was not time-stamped (${d.reason}).`);
  }
};

/** The token reader (pkijs, about 45 ms to load): loaded only for a bundle that has tokens or a pinned authority. */
type Rfc3161 = typeof import('../../timestamp/rfc3161');
const loadRfc3161 = (): Promise<Rfc3161> => import('../../timestamp/rfc3161');

const hasTokens = (ctx: VerifyContext): boolean =>
  ctx.source.files.has(BUNDLE_TIMESTAMP) || ctx.entries.some((e) => e.kind === 'timestamp.received');

const checkHeadTokens = async (ctx: VerifyContext, rfc: Rfc3161, pinned: Certificate | undefined): Promise<boolean> => {
  let all = true;
  for (const e of ctx.entries) {
    if (e.kind !== 'timestamp.received') continue;
    const d = (e as JournalEntry<'timestamp.received'>).data;
    const where = `${PAYLOAD.journal} entry ${e.seq}`;
    const head = ctx.entries[d.head];
    const reply = decoded(d.reply);
    if (head?.kind !== 'head.signed' || head.seq !== d.head || d.head >= e.seq) {
      ctx.add(
        'TIMESTAMP_INVALID',
        where,
        `entry ${e.seq} is a timestamp for entry ${d.head}, which is not a signed head before it`,
      );
      all = false;
      continue;
    }
    const stamps = `journal entry ${d.head} (signed head)`;
    const check = reply
      ? await rfc.checkTimestampReply(reply, headStampData(head.hash), pinned)
      : ({ ok: false, facts: null, reason: 'the reply is not base64' } as const);
    all = note(ctx, where, stamps, head.at, check) && all;
    if (check.ok && check.facts.genTime.toISOString() !== d.genTime) {
      ctx.add(
        'TIMESTAMP_INVALID',
        where,
        `entry ${e.seq} gives the authority's time as ${d.genTime}, its token says otherwise`,
      );
      all = false;
    }
  }
  return all;
};

const checkBundleToken = async (
  ctx: VerifyContext,
  rfc: Rfc3161,
  pinned: Certificate | undefined,
): Promise<boolean> => {
  if (!ctx.source.files.has(BUNDLE_TIMESTAMP)) return true;
  const reply = await ctx.readBytes(BUNDLE_TIMESTAMP, MAX_REPLY_BYTES);
  const tag = ctx.tagManifest;
  if (!reply || !tag) {
    ctx.add(
      'TIMESTAMP_INVALID',
      BUNDLE_TIMESTAMP,
      `${BUNDLE_TIMESTAMP} cannot be checked: it or the tag manifest is unreadable`,
    );
    return false;
  }
  const check = await rfc.checkTimestampReply(reply, tag.bytes, pinned);
  return note(ctx, BUNDLE_TIMESTAMP, TAG_FILES.tagmanifest, ctx.field('Bagging-Date') ?? 'unknown', check);
};

export const timestampsCheck: CheckStep = {
  id: 'timestamps',
  run: async (ctx) => {
    warnUnstamped(ctx);
    if (ctx.tsaCaPem === null && !hasTokens(ctx)) return;
    const rfc = await loadRfc3161();
    let pinned: Certificate | undefined;
    if (ctx.tsaCaPem !== null) {
      try {
        pinned = rfc.certificateFromPem(ctx.tsaCaPem);
      } catch (e) {
        ctx.add('TIMESTAMP_INVALID', '--tsa-ca', `the authority's certificate given cannot be read: ${String(e)}`);
        return;
      }
    }
    const heads = ctx.journalComplete ? await checkHeadTokens(ctx, rfc, pinned) : true;
    const bundle = await checkBundleToken(ctx, rfc, pinned);
    if (ctx.timestampReports.length === 0) return;
    if (!ctx.journalComplete) ctx.notChecked.set('timestamps', 'the journal could not be read whole');
    else if (heads && bundle) ctx.ran.add('timestamps');
    if (!pinned)
      ctx.warnings.push(
        'The time-stamping authority is not pinned: each token was checked against the certificate it carries. ' +
          "Give the authority's certificate with --tsa-ca FILE to check the tokens are that authority's.",
      );
  },
};
