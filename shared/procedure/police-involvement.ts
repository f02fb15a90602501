// When the police are involved, in words the machine can check: a sanction that refers to them, a referral made to
// them, and the rule that the police route needs a recorded referral before the conclusion.

/**
 * A sanction that refers the matter to the police: its words name the police, and not as one choice among others
 * ("referral to Camden's LADO or the police" leaves the choice to the reviewers, who then say so in the actions).
 */
export const sanctionInvolvesPolice = (label: string): boolean => /\bpolice\b/i.test(label) && !/\bor\b/i.test(label);

/** A "referral.recorded" entry made to the police (older journals name whom they told only in words). */
export const referralNamesPolice = (to: string): boolean =>
  /\bpolice\b/i.test(to) || /^\s*(999|101)\s*$/.test(to) || /\bCEOP\b/.test(to);

export const REFERRAL_NEEDED =
  'The police must be told first: record whom you told at the police, when, and the reference they gave you.';

export const JUDGEMENT_AFTER_HALT =
  'After a halt, first record the judgement: police involvement is already chosen, and the form needs the rest.';
