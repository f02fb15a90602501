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
/** Two registrations are the same person when their tidied names and roles match, ignoring case. */
export const personKey = (name: string, role: string): string =>
  `${tidy(name).toLowerCase()}\n${tidy(role).toLowerCase()}`;
const CONTROL_RE = /\p{Cc}/u;
/**
 * Characters that print as nothing or turn the text after them around (zero-width spaces, direction marks and
 * overrides, word joiners): a name made of them signs as a blank, and one holding them looks like another person's.
 * The two joiners that Persian and the Indian scripts spell with are allowed.
 */
const HIDDEN_RE = /(?![\u200c\u200d])\p{Cf}/u;
const LETTER_RE = /\p{L}/u;

/** Why a name or role cannot be registered as typed, in words a member of staff can act on; null when it can. */
const badText = (text: string, what: string): string | null =>
  text.length === 0 || text.length > 120 || CONTROL_RE.test(text)
    ? `Enter ${what} (up to 120 characters).`
    : HIDDEN_RE.test(text)
      ? `${what[0]?.toUpperCase()}${what.slice(1)} holds a hidden character (such as a zero-width space or a ` +
        'direction mark), so it would not print as it reads. Type it in rather than pasting it.'
      : LETTER_RE.test(text)
        ? null
        : `${what[0]?.toUpperCase()}${what.slice(1)} has no letters in it. Enter it as it should be printed.`;

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

/** Checks a new member's details; gives back the tidied name and role and the passphrase's normal form. */
export const checkNewStaff = (m: NewStaff): NewStaff => {
  const name = tidy(m.name);
  const role = tidy(m.role);
  const badName = badText(name, "the person's name");
  if (badName) throw new CodedError('INVALID_INPUT', badName);
  const badRole = badText(role, `${name}'s role or position`);
  if (badRole) throw new CodedError('INVALID_INPUT', badRole);
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
  for (const m of members) {
    const c = checkNewStaff(m);
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
