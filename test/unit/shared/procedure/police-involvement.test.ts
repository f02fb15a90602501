// The sanctions that refer to the police: the procedure's rule (rules 2) and the screens' (the policy's police columns)
// agree for every built-in profile, so a tick the screen treats as the police is the one the machine asks the police
// for, and "the LADO or the police" is neither.
import { describe, expect, it } from 'vitest';
import type { AnyCommand } from '@shared/evidence/entries';
import { policeColumns, policeSanctions } from '@shared/policy/policy-words';
import { BUILT_IN_PROFILES, parseProfile, profileById, type PolicyProfile } from '@shared/policy/profile-registry';
import { referralNamesPolice, sanctionInvolvesPolice } from '@shared/procedure/police-involvement';
import { apply } from '@shared/procedure/procedure-machine';
import { run } from './machine-commands';

const judgement = (sanctions: string[], actions: ('internal' | 'police')[]): AnyCommand => ({
  kind: 'judgement.made',
  actor: 'ah',
  data: { substance: true, actions, policeReasons: [], sanctions },
});

/** What the machine makes of a judgement with this one sanction and no police: refused, or where it goes. */
const machineOn = (column: string): string => {
  const r = apply(run('open', 'clock', 'triageNo'), judgement([column], ['internal']));
  return r.ok ? r.value.phase : r.error.code;
};

describe('a sanction that refers to the police, for every built-in profile', () => {
  const tables = BUILT_IN_PROFILES.flatMap((p) =>
    (['pupil', 'staff'] as const).map((subject) => ({ profile: p, subject, table: p[`${subject}Sanctions`] })),
  );

  it.each(tables.map((t) => [t.profile.id, t.subject, t] as const))(
    '%s, %s sanctions: the machine asks the police for exactly the columns the screen ticks them for',
    (_id, subject, { profile, table }) => {
      const police = policeColumns(table);
      for (const column of table.columns) {
        const counts = police.includes(column);
        expect(policeSanctions(profile, subject, [column]).length > 0, column).toBe(counts);
        expect(sanctionInvolvesPolice(column), column).toBe(counts);
        expect(machineOn(column), column).toBe(counts ? 'INVALID_INPUT' : 'conclusion');
        if (counts) {
          const withPolice = apply(run('open', 'clock', 'triageNo'), judgement([column], ['internal', 'police']));
          expect(withPolice.ok && withPolice.value.policeVia, column).toBe('judgement');
        }
      }
    },
  );

  it('counts "Refer to Police" and not Gloucester House’s "referral to Camden’s LADO or the police"', () => {
    const forest = profileById('forest-ce-federation') as PolicyProfile;
    const gloucester = profileById('gloucester-house') as PolicyProfile;
    expect(policeColumns(forest.staffSanctions)).toEqual(['Refer to Police']);
    const either = gloucester.staffSanctions.columns.find((c) => /LADO or the police/.test(c));
    expect(either).toBeDefined();
    expect(policeColumns(gloucester.staffSanctions)).toEqual([]);
    expect(machineOn(either ?? '')).toBe('conclusion');
    expect(tables.some((t) => policeColumns(t.table).length > 0)).toBe(true);
  });

  it('refuses a profile whose police columns leave out one the procedure counts', () => {
    const forest = structuredClone(profileById('forest-ce-federation')) as PolicyProfile;
    forest.staffSanctions.policeColumns = [];
    const r = parseProfile(JSON.parse(JSON.stringify(forest)));
    expect(r.ok ? 'accepted' : r.error.message).toMatch(/^staffSanctions\.policeColumns: must list "Refer to Police"/);
    const more = structuredClone(profileById('forest-ce-federation')) as PolicyProfile;
    more.staffSanctions.policeColumns = ['Refer to Police', more.staffSanctions.columns[0] ?? ''];
    expect(parseProfile(JSON.parse(JSON.stringify(more))).ok).toBe(true);
  });
});

describe('a referral recorded in words', () => {
  it('is to the police when it names them, 999 or 101, or CEOP', () => {
    for (const to of ['Police (101)', 'Lancashire Police (non-emergency)', '999', ' 101 ', 'CEOP'])
      expect(referralNamesPolice(to), to).toBe(true);
    for (const to of ['LADO', 'Parent', 'MASH']) expect(referralNamesPolice(to), to).toBe(false);
  });
});
