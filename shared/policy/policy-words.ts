// The words a screen or a printed page takes from the policy in force: its own where it has them, otherwise the SWGfL
// template's, marked so; its routes, contacts and review date.
import { ACTIONS, POLICE_REASONS } from '../evidence/entries';
import { contactsWithNational } from './profile-registry';
import { SWGFL_TEMPLATE } from './profiles/swgfl-template';
import { sanctionInvolvesPolice } from '../procedure/police-involvement';
import type { Contact, ContactKey, PolicyProfile, QuoteKey, RouteStep, SanctionMatrix, SubjectKind } from './schema';

/** Words for the screen or the page, and whether they are the school's own policy's (false: the template's). */
export interface PolicyText {
  text: string;
  ownWords: boolean;
}

export interface ResolvedQuote extends PolicyText {
  /** The section the words come from, e.g. "“Other Incidents”". */
  from: string;
}

export const TEMPLATE_NAME = 'the SWGfL online safety policy template';

/** Said wherever the template's words stand in for the school's. */
export const TEMPLATE_NOTE = `Your policy has no words for this: these are those of ${TEMPLATE_NAME}.`;

/** The passage a screen quotes, from the policy in force or else the template; null when neither has one. */
export const policyQuote = (profile: PolicyProfile, key: QuoteKey): ResolvedQuote | null => {
  const own = profile.quotes?.[key];
  if (own) return { text: own.text, from: own.from, ownWords: true };
  const template = SWGFL_TEMPLATE.quotes?.[key];
  return template ? { text: template.text, from: template.from, ownWords: false } : null;
};

/** The three outcomes of "Other Incidents", in the policy's words where it gives them. */
export const outcomeLabels = (profile: PolicyProfile): Record<(typeof ACTIONS)[number], PolicyText> => {
  const label = (a: (typeof ACTIONS)[number]): PolicyText => {
    const own = profile.outcomes?.[a];
    if (own) return { text: capitalise(own.text), ownWords: true };
    return { text: capitalise(SWGFL_TEMPLATE.outcomes?.[a]?.text ?? a), ownWords: false };
  };
  return { internal: label('internal'), la: label('la'), police: label('police') };
};

/**
 * All six police-reportable reasons, each in the policy's words where its list has it and in the template's where not:
 * the procedure asks every one, whatever a school's list leaves out.
 */
export const policeReasonLabels = (profile: PolicyProfile): ({ id: (typeof POLICE_REASONS)[number] } & PolicyText)[] =>
  POLICE_REASONS.map((id) => {
    const own = profile.policeReportable.find((p) => p.id === id);
    if (own) return { id, text: capitalise(own.label), ownWords: true };
    const template = SWGFL_TEMPLATE.policeReportable.find((p) => p.id === id);
    return { id, text: capitalise(template?.label ?? id), ownWords: false };
  });

/** The label of one police-reportable reason, as the incident record keeps it. */
export const policeReasonLabel = (profile: PolicyProfile, id: (typeof POLICE_REASONS)[number]): string =>
  profile.policeReportable.find((p) => p.id === id)?.label ??
  SWGFL_TEMPLATE.policeReportable.find((p) => p.id === id)?.label ??
  id;

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---- the review date ---------------------------------------------------------------------------------------------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** When the policy says it is due for review, in its words ("May 2024"), or from its date; null if it gives none. */
export const reviewDueWords = (profile: PolicyProfile): string | null => {
  if (profile.reviewDue) return profile.reviewDue;
  if (!profile.reviewBy) return null;
  const [y, m] = profile.reviewBy.split('-');
  return `${MONTHS[Number(m) - 1] ?? ''} ${y ?? ''}`.trim();
};

/** Whether the policy was past its review date on the given day (a UTC time or a date). */
export const pastReview = (profile: PolicyProfile, at: Date | string): boolean => {
  if (!profile.reviewBy) return false;
  const day = (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
  return day > profile.reviewBy;
};

/** What a screen that quotes the policy says when the policy is past its review date; null while it is current. */
export const reviewNotice = (profile: PolicyProfile, at: Date | string): string | null =>
  pastReview(profile, at)
    ? `This policy was due for review in ${reviewDueWords(profile) ?? 'the past'}; check it is still the one in force.`
    : null;

// ---- contacts and routes -----------------------------------------------------------------------------------------

/** A contact by its key ("lado") or its place among the others ("other-1"); national ones filled in. */
export const contactOf = (profile: PolicyProfile, ref: string): Contact | undefined => {
  const other = /^other-([0-9]+)$/.exec(ref);
  if (other) return profile.contacts.other?.[Number(other[1])];
  const all: Partial<Record<ContactKey, Contact>> = contactsWithNational(profile);
  return all[ref as ContactKey];
};

/** A contact as a line of text: "LADO (Jacqueline Fearon)". */
export const contactLabel = (c: Contact): string => `${c.role}${c.name ? ` (${c.name})` : ''}`;

export interface PoliceStep extends PolicyText {
  /** Whom the step says to tell, with their details, when it names someone. */
  contact: Contact | null;
}

/** What the policy says to do on the police route; the template's steps (marked) when it says nothing. */
export const policeSteps = (profile: PolicyProfile, subjectKind: 'pupil' | 'staff' | 'other'): PoliceStep[] => {
  const own = profile.policeSteps;
  const steps: readonly RouteStep[] = own ?? SWGFL_TEMPLATE.policeSteps ?? [];
  return steps
    .filter((s) => !s.staffOnly || subjectKind === 'staff')
    .map((s) => ({
      text: s.text,
      ownWords: own !== undefined,
      contact: s.tell ? (contactOf(own ? profile : SWGFL_TEMPLATE, s.tell) ?? null) : null,
    }));
};

export interface Route {
  /** Who to tell, with their details where the policy gives them. */
  contacts: Contact[];
  /** The policy's words for it, or null. */
  quote: ResolvedQuote | null;
  /** Countersign's own sentence when the policy says nothing: it is guidance, not the policy. */
  guidance: string | null;
}

/** Whom to tell when the concern is about a member of staff. */
export const staffRoute = (profile: PolicyProfile): Route => {
  const contacts = (profile.staffTell ?? []).flatMap((r) => contactOf(profile, r) ?? []);
  const quote = profile.quotes?.staff ? policyQuote(profile, 'staff') : null;
  return {
    contacts,
    quote,
    guidance:
      contacts.length > 0
        ? null
        : 'A member of staff is involved: tell the LADO (Local Authority Designated Officer) as well as the police.',
  };
};

/** Who takes the matter when it involves the head teacher: the policy's route, or the statutory one if it has none. */
export const headteacherRoute = (profile: PolicyProfile): Route => {
  const own = profile.headteacherTell ? contactOf(profile, profile.headteacherTell) : undefined;
  if (own) return { contacts: [own], quote: policyQuote(profile, 'headteacher'), guidance: null };
  return {
    contacts: [profile.contacts.chairOfGovernors ?? { role: 'Chair of governors' }],
    quote: null,
    guidance:
      'Your policy does not say who takes the matter when the head teacher is involved. Under the statutory ' +
      'guidance Keeping children safe in education, allegations about the head teacher go to the chair of governors.',
  };
};

/**
 * The columns of a sanctions matrix whose tick means a referral to the police: the profile's list, or else those the
 * procedure's own rule counts (the police named, not as one choice among others). A profile's list may add to the
 * rule's columns, never drop one (the schema refuses that), so the screens never leave the procedure's rule unmet.
 */
export const policeColumns = (matrix: SanctionMatrix): string[] =>
  matrix.policeColumns ?? matrix.columns.filter(sanctionInvolvesPolice);

/** The sanctions table for the incident's subject: the pupils' or the staff's; none for anyone else. */
export const sanctionsTable = (profile: PolicyProfile, subject: SubjectKind | 'other'): SanctionMatrix | null =>
  subject === 'pupil' ? profile.pupilSanctions : subject === 'staff' ? profile.staffSanctions : null;

/** The chosen sanctions that the policy counts as a referral to the police. */
export const policeSanctions = (
  profile: PolicyProfile,
  subject: SubjectKind | 'other',
  chosen: readonly string[],
): string[] => {
  const table = sanctionsTable(profile, subject);
  const columns = table ? policeColumns(table) : [];
  return chosen.filter((c) => columns.includes(c));
};
