// Whom the reviewers may record as told: the policy profile's contacts (with the national ones), in the order the
// police route needs them, and which of them are the police.
import { TOLD_HOW } from '../evidence/entries';
import { contactLabel } from '../policy/policy-words';
import { contactsWithNational } from '../policy/profile-registry';
import { CONTACT_KEYS, type Contact, type ContactKey, type PolicyProfile } from '../policy/schema';
import { referralNamesPolice } from './police-involvement';

/** Emergency and police first, then safeguarding, then the school's own people. */
const ORDER: readonly ContactKey[] = [
  'police999',
  'police101',
  'ceop',
  'iwf',
  'lado',
  'mash',
  'dsl',
  'deputyDsl',
  'headteacher',
  'prevent',
  'chairOfGovernors',
];

/** Contacts that are the police: telling them is a police referral. CEOP is the National Crime Agency's. */
const POLICE_KEYS: ReadonlySet<string> = new Set(['police999', 'police101', 'ceop']);

export interface Tellable {
  /** The profile's contact key, or "other-<n>" for the n-th of its other contacts. */
  key: string;
  contact: Contact;
  /** How the contact is named on screen and in the record. */
  label: string;
  police: boolean;
}

/** Everyone the profile names to be told, the national services filled in, in the order the screens list them. */
export const tellable = (profile: PolicyProfile): Tellable[] => {
  const all = contactsWithNational(profile);
  const keys = [...ORDER, ...CONTACT_KEYS.filter((k) => !ORDER.includes(k))];
  const keyed = keys.flatMap((key): Tellable[] => {
    const contact = all[key];
    return contact ? [{ key, contact, label: contactLabel(contact), police: POLICE_KEYS.has(key) }] : [];
  });
  const others = (all.other ?? []).map((contact, i) => ({
    key: `other-${i}`,
    contact,
    label: contactLabel(contact),
    police: referralNamesPolice(contact.role),
  }));
  return [...keyed, ...others];
};

/**
 * Whom a scenario or a typed answer names: one of the profile's contacts (by key, role or label, in any case), or
 * someone else in the words given, who is the police when those words say so.
 */
export const resolveTold = (
  profile: PolicyProfile,
  who: string,
): { who: string; contact?: string; police: boolean } => {
  const want = who.trim().toLowerCase();
  const found = tellable(profile).find(
    (t) => t.key.toLowerCase() === want || t.label.toLowerCase() === want || t.contact.role.toLowerCase() === want,
  );
  if (found)
    return {
      who: found.label,
      ...(found.key.startsWith('other-') ? {} : { contact: found.key }),
      police: found.police,
    };
  return { who: who.trim(), police: referralNamesPolice(who) };
};

export const TOLD_HOW_LABELS: Readonly<Record<(typeof TOLD_HOW)[number], string>> = {
  phone: 'By phone',
  email: 'By email',
  'in-person': 'In person',
  'online-form': 'Online report form',
  letter: 'By letter',
  other: 'Another way',
};
