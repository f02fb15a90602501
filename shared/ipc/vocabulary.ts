// Words the screens and the register share: incident categories, and what each phase of the procedure is called.
import type { Phase } from '../procedure/procedure-machine';

/** The kinds of incident a school records; the register filters by these. Short, so they read well in a list. */
export const INCIDENT_CATEGORIES = [
  'Cyberbullying',
  'Grooming or exploitation concern',
  'Inappropriate or offensive content',
  'Extremism or radicalisation',
  'Sexual images or sharing of images',
  'Misuse of school systems or accounts',
  'Other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** Where an incident stands, in the words the register shows. */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  none: 'Not opened',
  clock: 'Checking the clock',
  triage: 'Triage question',
  review: 'Reviewing',
  referral: 'Police referral',
  conclusion: 'Writing the conclusion',
  signoff: 'Waiting for sign-off',
  sealed: 'Signed off',
};

/** The halt's keyboard shortcut, as KeyboardEvent fields and as shown on the button. */
export const HALT_SHORTCUT = { key: 'H', ctrlOrMeta: true, shift: true } as const;
