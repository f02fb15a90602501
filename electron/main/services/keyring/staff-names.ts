// Who may be registered: names and roles tidied and checked, one registration per person, one passphrase per person.
import { CodedError, fail, ok, type Result } from '@shared/result';
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

/** Checks a new member's details; gives back the tidied name and role and the passphrase's normal form. */
export const checkNewStaff = (m: NewStaff): Result<NewStaff> => {
  const name = tidy(m.name);
  const role = tidy(m.role);
  if (name.length === 0 || name.length > 120 || CONTROL_RE.test(name))
    return fail('INVALID_INPUT', "Enter the person's name (up to 120 characters).");
  if (role.length === 0 || role.length > 120 || CONTROL_RE.test(role))
    return fail('INVALID_INPUT', `Enter ${name}'s role or position (up to 120 characters).`);
  const p = checkNewPassphrase(m.passphrase, [name, role]);
  if (!p.ok) return fail(p.error.code, `${name}: ${p.error.message}`);
  return ok({ name, role, passphrase: p.value });
};

/** Checks the people registered at set-up: at least two, each once, each with their own passphrase. Throws. */
export const checkFirstStaff = (members: readonly NewStaff[]): NewStaff[] => {
  if (members.length < 2)
    throw new CodedError(
      'INVALID_INPUT',
      'Register at least two members of staff: every investigation needs two people.',
    );
  const checked: NewStaff[] = [];
  for (const m of members) {
    const c = checkNewStaff(m);
    if (!c.ok) throw new CodedError(c.error.code, c.error.message);
    if (checked.some((o) => personKey(o.name, o.role) === personKey(c.value.name, c.value.role))) {
      throw new CodedError(
        'SAME_PERSON',
        `${c.value.name} (${c.value.role}) is listed twice. Each person registers once.`,
      );
    }
    if (checked.some((o) => o.passphrase === c.value.passphrase)) {
      throw new CodedError(
        'SAME_PERSON',
        `${c.value.name} has the same passphrase as someone else. Each person needs their own.`,
      );
    }
    checked.push(c.value);
  }
  return checked;
};
