// Check: incident.json is the record the journal gives. Format 2: rebuilt from the journal and policy.json, compared
// byte for byte. Format 1 (no policy.json): its reference, record digest and journal head are the journal's.
import { recordDigestOf } from '../../record-anchors';
import { PAYLOAD } from '../bag-layout';
import { FORMAT_1_LIMITS } from '../bundle-report';
import { utf8Decode } from '../bytes';
import { incidentJsonText } from '../incident-json';
import type { CheckStep, VerifyContext } from '../verify-context';

const mismatch = (ctx: VerifyContext, why: string) => ctx.add('INCIDENT_MISMATCH', PAYLOAD.incident, why);

/** The first line where two texts differ, 1-based. */
export const firstDifferentLine = (a: string, b: string): number => {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  return (i < 0 ? x.length : i) + 1;
};

const checkRebuilt = (ctx: VerifyContext, text: string | null): void => {
  const { profile } = ctx;
  if (!profile) return;
  let rebuilt: string;
  try {
    rebuilt = incidentJsonText(ctx.crypto, ctx.entries, profile);
  } catch {
    // The journal breaks the procedure: the audit has said where; there is no record to compare with.
    ctx.notChecked.set('incident', 'the journal breaks the procedure, so no record can be rebuilt from it');
    return;
  }
  if (text !== rebuilt)
    mismatch(
      ctx,
      'incident.json is not the record rebuilt from the journal and policy.json ' +
        `(they differ from line ${firstDifferentLine(text ?? '', rebuilt)}): it was altered, or made by something else`,
    );
  ctx.ran.add('incident');
};

/** Format 1: the record's own reference, digest and head, against the journal's. */
const checkFormat1 = (ctx: VerifyContext, text: string | null): void => {
  let record: unknown;
  try {
    record = text === null ? null : JSON.parse(text);
  } catch {
    record = null;
  }
  const r = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
  const head = r.chainHead as { hash?: unknown } | undefined;
  const last = ctx.entries.at(-1);
  if (r.format !== 'countersign-incident') mismatch(ctx, 'incident.json is not a Countersign incident record');
  else if (r.ref !== ctx.opened?.data.ref) mismatch(ctx, 'incident.json is the record of another incident');
  else if (r.recordDigest !== recordDigestOf(ctx.entries))
    mismatch(ctx, "incident.json's record digest is not the journal's: it is the record of another conclusion");
  else if (head?.hash !== last?.hash)
    mismatch(ctx, 'incident.json was not made from this journal: its journal head is not the last entry');
};

export const incidentCheck: CheckStep = {
  id: 'incident',
  run: (ctx) => {
    const bytes = ctx.kept.get(PAYLOAD.incident);
    if (!bytes || !ctx.journalComplete || !ctx.opened) return;
    const text = utf8Decode(bytes);
    if (ctx.format >= 2) return checkRebuilt(ctx, text);
    checkFormat1(ctx, text);
    ctx.unavailable.set('incident', FORMAT_1_LIMITS.incident ?? '');
  },
};
