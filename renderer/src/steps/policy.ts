// The policy's own words on the screens: each quotes the passage for its step from the policy the incident follows,
// or the SWGfL template's (saying so) where the policy has none, and says when the policy is past its review date.
import { policyQuote, reviewNotice } from '@shared/policy/policy-words';
import type { PolicyProfile, QuoteKey } from '@shared/policy/profile-registry';
import type { Quote } from '../components/Screen';
import { usePolicy } from '../hooks/usePolicy';

/** The hint beside a label that is the template's, not the policy's. */
export const TEMPLATE_WORDS = 'The SWGfL template’s words: your policy does not list this.';

export const quoteFor = (profile: PolicyProfile, key: QuoteKey, now = new Date()): Quote | undefined => {
  const q = policyQuote(profile, key);
  return q ? { ...q, notice: reviewNotice(profile, now) } : undefined;
};

/** The passage for this step from the incident's policy (or, before there is an incident, the one in force). */
export const usePolicyQuote = (key: QuoteKey, ref?: string): Quote | undefined => {
  const { policy } = usePolicy(ref);
  return policy ? quoteFor(policy.profile, key) : undefined;
};
