// `countersign profiles [--json]`: every built-in policy profile, with its id (for a scenario's "profile"), name,
// source file and review date.
import { pastReview, reviewDueWords } from '@shared/policy/policy-words';
import { BUILT_IN_PROFILES } from '@shared/policy/profile-registry';
import type { CliOutput } from './countersign-cli';

export interface ProfileListing {
  id: string;
  name: string;
  organisation: string;
  version: string;
  /** The policy's text file in test/fixtures/policies, or null for the template. */
  file: string | null;
  /** The review date as the policy words it, or null when it prints none. */
  reviewDue: string | null;
  /** The last day before the review falls due (YYYY-MM-DD), or null. */
  reviewBy: string | null;
  /** Whether that day has passed. */
  pastReview: boolean;
}

export const profileListing = (now: Date): ProfileListing[] =>
  BUILT_IN_PROFILES.map((p) => ({
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    version: p.version,
    file: p.source.file ?? null,
    reviewDue: reviewDueWords(p),
    reviewBy: p.reviewBy ?? null,
    pastReview: pastReview(p, now),
  }));

export const listProfiles = (json: boolean, out: CliOutput, now = new Date()): number => {
  const list = profileListing(now);
  if (json) {
    out.log(JSON.stringify({ profiles: list }, null, 2));
    return 0;
  }
  const width = Math.max(...list.map((p) => p.id.length));
  for (const p of list) {
    const review = p.reviewDue ? `due for review ${p.reviewDue}${p.pastReview ? ' (past)' : ''}` : 'no review date';
    out.log(`${p.id.padEnd(width)}  ${p.name}`);
    out.log(`${''.padEnd(width)}  ${p.file ? `from ${p.file}` : 'no source file'}; ${review}`);
  }
  return 0;
};
