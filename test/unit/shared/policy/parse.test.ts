// Loading a profile from JSON: what is refused and how the message names the field; suggestions; the canonical form.
import { describe, expect, it } from 'vitest';
import {
  contactsWithNational,
  parseProfile,
  profileById,
  profileCanonicalJson,
  suggestSanctions,
  type PolicyProfile,
} from '@shared/policy/profile-registry';

const builtIn = (id: string): PolicyProfile => {
  const p = profileById(id);
  if (!p) throw new Error(`no built-in profile ${id}`);
  return p;
};

/** A fresh, editable copy of a built-in profile. */
const copy = (id = 'milford-haven'): PolicyProfile => structuredClone(builtIn(id));

/** The profile as plain JSON data, less the named fields. */
const without = (p: PolicyProfile, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k)));

const refusal = (json: unknown): string => {
  const r = parseProfile(json);
  if (r.ok) throw new Error('expected the profile to be refused');
  expect(r.error.code).toBe('INVALID_INPUT');
  return r.error.message;
};

describe('parseProfile', () => {
  it('accepts a valid profile and returns it', () => {
    const p = copy();
    expect(parseProfile(p)).toEqual({ ok: true, value: p });
  });

  it('refuses a profile without an organisation, naming the field', () => {
    expect(refusal(without(copy(), 'organisation'))).toBe('organisation: expected string, but it is missing');
  });

  it('refuses an empty organisation', () => {
    expect(refusal({ ...copy(), organisation: '   ' })).toBe('organisation: must not be empty');
  });

  it('refuses a police-reportable reason that is not one of the known ids', () => {
    const p = copy();
    const message = refusal({ ...p, policeReportable: [...p.policeReportable, { id: 'bribery', label: 'bribery' }] });
    expect(message).toBe(
      'policeReportable[5].id: "bribery" is not one of grooming, obscene-to-child, ' +
        'obscene-publications, criminally-racist, terrorism-extremism, other-criminal',
    );
  });

  it('refuses a police-reportable reason listed twice', () => {
    const p = copy();
    const first = p.policeReportable[0];
    if (!first) throw new Error('profile has no police list');
    expect(refusal({ ...p, policeReportable: [...p.policeReportable, first] })).toBe(
      'policeReportable[5].id: repeats "grooming"',
    );
  });

  it('refuses a ragged matrix row, naming the row', () => {
    const p = copy();
    p.pupilSanctions.rows[3]?.cells.pop();
    expect(refusal(p)).toBe('pupilSanctions.rows[3]: has 8 cells but there are 9 columns');
  });

  it('refuses a staff matrix row with a cell too many', () => {
    const p = copy();
    p.staffSanctions.rows[15]?.cells.push(true);
    expect(refusal(p)).toBe('staffSanctions.rows[15]: has 9 cells but there are 8 columns');
  });

  it('refuses a cell that is not a boolean', () => {
    const p = copy();
    const row = p.pupilSanctions.rows[0];
    if (!row) throw new Error('no row');
    const cells: unknown[] = [...row.cells];
    cells[2] = 'X';
    expect(
      refusal({
        ...p,
        pupilSanctions: { ...p.pupilSanctions, rows: [{ ...row, cells }, ...p.pupilSanctions.rows.slice(1)] },
      }),
    ).toMatch(/^pupilSanctions\.rows\[0\]\.cells\[2\]: expected boolean, received string/);
  });

  it('refuses an unknown extra field, at the top or inside', () => {
    expect(refusal({ ...copy(), colour: 'blue' })).toBe('profile: unknown field "colour"');
    const p = copy();
    expect(refusal({ ...p, contacts: { ...p.contacts, lado: { role: 'LADO', fax: '0123' } } })).toBe(
      'contacts.lado: unknown field "fax"',
    );
    expect(refusal({ ...p, contacts: { ...p.contacts, governor: { role: 'Governor' } } })).toBe(
      'contacts: unknown field "governor"',
    );
  });

  it('refuses a contact field of the wrong type or form', () => {
    const p = copy();
    expect(refusal({ ...p, contacts: { ...p.contacts, lado: { role: 'LADO', phone: 1234567 } } })).toBe(
      'contacts.lado.phone: expected string, received number',
    );
    expect(refusal({ ...p, contacts: { ...p.contacts, ceop: { role: 'CEOP', url: 'javascript:alert(1)' } } })).toMatch(
      /^contacts\.ceop\.url: /,
    );
    expect(refusal({ ...p, contacts: { ...p.contacts, dsl: { role: 'DSL', email: 'not an address' } } })).toMatch(
      /^contacts\.dsl\.email: /,
    );
  });

  it('refuses a User Actions level that is not one of its columns', () => {
    const p = copy();
    const table = p.userActions;
    if (!table) throw new Error('no User Actions table');
    const rows = table.rows.map((r, i) => (i === 2 ? { ...r, level: 'Sometimes' } : r));
    expect(refusal({ ...p, userActions: { ...table, rows } })).toBe(
      'userActions.rows[2].level: "Sometimes" is not one of the columns',
    );
  });

  it('refuses a matrix whose incident appears twice, since suggestions look rows up by label', () => {
    const p = copy();
    const rows = [...p.staffSanctions.rows, ...p.staffSanctions.rows.slice(0, 1)];
    expect(refusal({ ...p, staffSanctions: { ...p.staffSanctions, rows } })).toMatch(
      /^staffSanctions\.rows\[16\]\.incident: repeats /,
    );
  });

  it('refuses a bad id and a date that is not a date', () => {
    expect(refusal({ ...copy(), id: 'Milford Haven' })).toBe('id: lower-case letters, digits and single hyphens');
    expect(refusal({ ...copy(), approved: '24/05/23' })).toMatch(/^approved: /);
  });

  it('refuses input that is not JSON-like, saying where', () => {
    expect(refusal(undefined)).toBe('profile: not JSON data (a value of type undefined)');
    expect(refusal('{"id":"x"}')).toBe('profile: expected object, received string');
    expect(refusal(null)).toBe('profile: expected object, received null');
    expect(refusal([])).toBe('profile: expected object, received array');
    expect(refusal(new Date())).toBe('profile: not JSON data (an object that is not plain data)');
    const p = copy();
    expect(refusal({ ...p, name: () => 'Milford' })).toBe('name: not JSON data (a value of type function)');
    expect(refusal({ ...p, contacts: { ...p.contacts, other: [{ role: 'x' }, new Map()] } })).toBe(
      'contacts.other[1]: not JSON data (an object that is not plain data)',
    );
    expect(refusal({ ...p, version: Number.NaN })).toBe('version: not JSON data (the number NaN)');
    expect(refusal({ ...p, version: 10n })).toBe('version: not JSON data (a value of type bigint)');
    const cyclic: Record<string, unknown> = { ...p };
    cyclic.source = { title: 'loop', self: cyclic };
    expect(refusal(cyclic)).toBe('source.self: not JSON data (a reference back to itself)');
  });

  it('says how many further problems there are', () => {
    expect(refusal(without(copy(), 'organisation', 'name'))).toMatch(
      /^name: expected string, but it is missing \(and 1 more problem\)$/,
    );
  });
});

describe('suggestSanctions', () => {
  it('returns the actions ticked for the incident, for pupils and for staff separately', () => {
    const p = builtIn('milford-haven');
    const incident = "Using proxy sites or other means to subvert the school's filtering system";
    expect(suggestSanctions(p, 'pupil', incident)).toEqual([
      'Refer to AOLE / HoH / Engagement team/ other',
      'Refer to technical support staff for action re filtering / security etc',
    ]);
    expect(suggestSanctions(p, 'staff', incident)).toEqual([
      'Refer to Headteacher Principal',
      'Refer to Technical Support Staff for action re filtering etc',
      'Warning',
    ]);
  });

  it('returns nothing for an incident that is not a row of that matrix', () => {
    const p = builtIn('milford-haven');
    expect(
      suggestSanctions(p, 'pupil', 'Inappropriate personal use of the internet / social media / personal email'),
    ).toEqual([]);
    expect(suggestSanctions(p, 'staff', 'no such incident')).toEqual([]);
  });

  it('follows an edited profile', () => {
    const p = copy('swgfl-template');
    const row = p.pupilSanctions.rows[1];
    if (!row) throw new Error('no row');
    row.cells[7] = true;
    expect(suggestSanctions(p, 'pupil', row.incident)).toEqual(['Warning']);
  });
});

describe('contactsWithNational', () => {
  it('adds police, CEOP and IWF to a school profile that gives none, keeping its own contacts', () => {
    const c = contactsWithNational(builtIn('milford-haven'));
    expect(c.police101?.phone).toBe('101');
    expect(c.police999?.phone).toBe('999');
    expect(c.ceop?.url).toBe('https://www.ceop.police.uk/safety-centre/');
    expect(c.iwf?.url).toBe('https://report.iwf.org.uk/');
    expect(c.mash?.role).toBe('LA Child Care Assessment Team (CCATs)');
  });

  it('keeps a school’s own police contact', () => {
    const p = copy();
    p.contacts.police101 = { role: 'Dyfed-Powys Police', phone: '101', url: 'https://www.dyfed-powys.police.uk/' };
    expect(contactsWithNational(p).police101?.role).toBe('Dyfed-Powys Police');
  });
});

describe('profileCanonicalJson', () => {
  it('is the same whatever order the fields were written in', () => {
    const p = copy();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(p).reverse()))) as PolicyProfile;
    expect(profileCanonicalJson(reordered)).toBe(profileCanonicalJson(p));
    expect(JSON.parse(profileCanonicalJson(p))).toEqual(p);
  });

  it('changes when a single tick changes, so the recorded hash shows which policy applied', () => {
    const p = copy();
    const before = profileCanonicalJson(p);
    const row = p.staffSanctions.rows[0];
    if (!row) throw new Error('no row');
    row.cells[0] = !row.cells[0];
    expect(profileCanonicalJson(p)).not.toBe(before);
    expect(profileCanonicalJson(builtIn('forest-ce-federation'))).not.toBe(
      profileCanonicalJson(builtIn('swgfl-template')),
    );
  });
});
