// Who may be registered: names and roles tidied and checked, one registration per person, one passphrase per person.
import { CodedError } from '@shared/result';
import type { Signer } from '../crypto';
import { checkNewPassphrase } from '../passphrase';
import type { StaffRecord } from './key-files';

export interface NewStaff {
  name: string;
  role: string;
  passphrase: string;
}

const tidy = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ');
/**
 * Characters a font draws as nothing: zero-width spaces and joiners, direction marks and overrides, variation
 * selectors, fillers (Unicode's "default ignorable" characters), and those of no character at all (a lone half of a
 * pair, private use). A name holding one prints exactly like the name without it: another person's, or a blank.
 */
const HIDDEN_RE = /[\p{Default_Ignorable_Code_Point}\p{Cs}\p{Co}]/gu;
/** The joiners Persian and the Indian scripts are spelt with, between two letters of a word; nowhere else. */
const JOINER_IN_WORD = /(?<=[\p{L}\p{M}])[\u200c\u200d](?=[\p{L}\p{M}])/gu;
const CONTROL_RE = /\p{Cc}/u;
const LETTER_RE = /(?!\p{Default_Ignorable_Code_Point})\p{L}/u;
/** Two registrations are the same person when their tidied names and roles match, ignoring case and hidden joiners. */
export const personKey = (name: string, role: string): string =>
  `${tidy(name).replace(HIDDEN_RE, '').toLowerCase()}\n${tidy(role).replace(HIDDEN_RE, '').toLowerCase()}`;

/** A character as a person can look it up: U+200B. */
const codeOf = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a name or role cannot be registered as typed, in words a member of staff can act on; null when it can. `what`
 * says what it is ("The person's name"), `enter` how to ask for it ("Enter the person's name").
 */
const badText = (text: string, what: string, enter: string): string | null => {
  const length = Array.from(text).length;
  if (length === 0) return `${enter} (up to 120 characters).`;
  if (length > 120) return `${what} is longer than 120 characters. ${enter} in 120 characters or fewer.`;
  const control = text.match(CONTROL_RE)?.[0];
  if (control !== undefined)
    return `${what} holds a control character (${codeOf(control)}), which no name holds. ${enter} again without it.`;
  const hidden = text.replace(JOINER_IN_WORD, '').match(HIDDEN_RE)?.[0];
  if (hidden !== undefined)
    return (
      `${what} holds a character that prints as nothing (${codeOf(hidden)}), so on paper it would look like ` +
      `something else. ${enter} again without it.`
    );
  return LETTER_RE.test(text) ? null : `${what} has no letters in it. ${enter} as it should be printed.`;
};

/** The registered staff, leaving out those removed (whose records stay for the history). */
export const active = (staff: readonly StaffRecord[]): StaffRecord[] => staff.filter((s) => s.removedAt === undefined);

/** The record of a newly registered person, with the public half of their new signing key. */
export const newStaffRecord = (
  id: string,
  person: { name: string; role: string },
  signer: Signer,
  createdAt: string,
): StaffRecord => ({
  id,
  name: person.name,
  role: person.role,
  publicKeyPem: signer.publicKeyPem,
  fingerprint: signer.fingerprint,
  createdAt,
  previousKeys: [],
});

/** The normal form of a new passphrase; INVALID_INPUT, saying why, if it is weak or built from these words. */
export const newPassphrase = (passphrase: string, personal: readonly string[] = []): string => {
  const p = checkNewPassphrase(passphrase, personal);
  if (!p.ok) throw new CodedError(p.error.code, p.error.message);
  return p.value;
};

/**
 * A person's name and role, tidied; INVALID_INPUT, saying why, when either would not print as typed. `who` says which
 * person a refused name is, as the screen or the scenario names them ("Person 2", "staff member s2").
 */
export const checkStaffDetails = (m: { name: string; role: string }, who?: string): { name: string; role: string } => {
  const name = tidy(m.name);
  const role = tidy(m.role);
  const person = who ?? 'the person';
  const badName = badText(name, `${person.charAt(0).toUpperCase()}${person.slice(1)}'s name`, `Enter ${person}'s name`);
  if (badName) throw new CodedError('INVALID_INPUT', badName);
  // Two people can share a name: the role's refusal says which of them, as the name's does.
  const whose = who ? `${who} (${name})` : name;
  const badRole = badText(role, `The role or position of ${whose}`, `Enter ${who ?? name}'s role or position`);
  if (badRole) throw new CodedError('INVALID_INPUT', badRole);
  return { name, role };
};

/** Checks a new member's details; gives back the tidied name and role and the passphrase's normal form. */
export const checkNewStaff = (m: NewStaff, who?: string): NewStaff => {
  const { name, role } = checkStaffDetails(m, who);
  const p = checkNewPassphrase(m.passphrase, [name, role]);
  if (!p.ok) throw new CodedError(p.error.code, `${name}: ${p.error.message}`);
  return { name, role, passphrase: p.value };
};

/** Checks the people registered at set-up: at least two, each once, each with their own passphrase. */
export const checkFirstStaff = (members: readonly NewStaff[]): NewStaff[] => {
  if (members.length < 2)
    throw new CodedError(
      'INVALID_INPUT',
      'Register at least two members of staff: every investigation needs two people.',
    );
  const checked: NewStaff[] = [];
  for (const [i, m] of members.entries()) {
    // As the set-up screen heads each person's answers.
    const c = checkNewStaff(m, `Person ${i + 1}`);
    if (checked.some((o) => personKey(o.name, o.role) === personKey(c.name, c.role)))
      throw new CodedError('SAME_PERSON', `${c.name} (${c.role}) is listed twice. Each person registers once.`);
    if (checked.some((o) => o.passphrase === c.passphrase))
      throw new CodedError(
        'SAME_PERSON',
        `${c.name} has the same passphrase as someone else. Each person needs their own.`,
      );
    checked.push(c);
  }
  return checked;
};
