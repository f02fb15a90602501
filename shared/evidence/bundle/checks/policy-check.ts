// Check (format 2): policy.json is the canonical JSON of the policy profile whose hash the journal recorded when the
// incident was opened; it is then the profile incident.json is rebuilt with.
import { canonicalJson } from '../../chain';
import { parseProfile } from '../../../policy/profile-registry';
import { PAYLOAD } from '../bag-layout';
import { FORMAT_1_LIMITS } from '../bundle-report';
import { utf8Decode } from '../bytes';
import type { CheckStep, VerifyContext } from '../verify-context';

const bad = (ctx: VerifyContext, why: string) => ctx.add('POLICY_MISMATCH', PAYLOAD.policy, `policy.json ${why}`);

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export const policyCheck: CheckStep = {
  id: 'policy',
  run: (ctx) => {
    if (ctx.format < 2) {
      ctx.unavailable.set('policy', FORMAT_1_LIMITS.policy ?? '');
      return;
    }
    const bytes = ctx.kept.get(PAYLOAD.policy);
    const { opened } = ctx;
    if (!bytes || !opened) return;
    const text = utf8Decode(bytes);
    const json = text === null ? undefined : parsedJson(text);
    const recorded = opened.data.profile;
    if (json === undefined) return bad(ctx, 'is not JSON text');
    if (canonicalJson(json) !== text) return bad(ctx, 'is not in canonical form (RFC 8785), as Countersign writes it');
    if (ctx.hashes.get(PAYLOAD.policy) !== recorded.sha256)
      return bad(
        ctx,
        `is not the policy in force when the incident was opened: its SHA-256 is not ${recorded.sha256.slice(0, 16)}…`,
      );
    const profile = parseProfile(json);
    if (!profile.ok) return bad(ctx, `is not a valid policy profile: ${profile.error.message}`);
    if (canonicalJson(profile.value) !== text || profile.value.id !== recorded.id)
      return bad(ctx, `is not the profile "${recorded.id}" the journal records`);
    ctx.profile = profile.value;
    ctx.ran.add('policy');
  },
};
