// What the screens and the form take from a profile: the school's words where it has them, the template's (marked)
// where not, even for a profile written before format 2; the review date; whom to tell.
import { describe, expect, it } from 'vitest';
import { parseProfile, profileById, QUOTE_KEYS, type PolicyProfile } from '@shared/policy/profile-registry';
import {
  contactLabel,
  contactOf,
  outcomeLabels,
  pastReview,
  policeReasonLabels,
  policeSteps,
  policyQuote,
  reviewNotice,
  staffRoute,
} from '@shared/policy/policy-words';

const builtIn = (id: string): PolicyProfile => {
  const p = profileById(id);
  if (!p) throw new Error(`no built-in profile ${id}`);
  return p;
};

/** A profile as a school would have imported it before format 2: none of the procedure's words or routes. */
const formatOne = (id: string): unknown => {
  const {
    profileFormat: _format,
    reviewBy: _reviewBy,
    quotes: _quotes,
    outcomes: _outcomes,
    policeSteps: _steps,
    isolation: _isolation,
    staffTell: _staff,
    headteacherTell: _head,
    ...rest
  } = structuredClone(builtIn(id));
  return rest;
};

describe('a profile written before format 2', () => {
  const parsed = parseProfile(formatOne('milford-haven'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const old = parsed.value;

  it('is still read, and has no format number', () => {
    expect(old.profileFormat).toBeUndefined();
    expect(old.name).toBe('Milford Haven School Networking e-Safety Policy');
  });

  it("quotes the template's words for every step, each marked as not the school's", () => {
    for (const key of QUOTE_KEYS) {
      const q = policyQuote(old, key);
      if (q) expect(q.ownWords, key).toBe(false);
    }
    expect(policyQuote(old, 'twoPeople')?.text).toMatch(/^Have more than one senior member of staff involved/);
    expect(Object.values(outcomeLabels(old)).every((o) => !o.ownWords)).toBe(true);
    expect(policeSteps(old, 'pupil').every((s) => !s.ownWords)).toBe(true);
  });

  it("keeps its own police list's words, and asks the item it leaves out in the template's", () => {
    const labels = policeReasonLabels(old);
    expect(labels.filter((l) => !l.ownWords).map((l) => l.id)).toEqual(['terrorism-extremism']);
    expect(labels[0]?.text).toBe("Incidents of 'grooming' behaviour");
  });

  it('cannot say it is past review: only the printed words "Summer 2024" are there, no date', () => {
    expect(pastReview(old, '2030-01-01')).toBe(false);
  });
});

describe('a format-2 profile', () => {
  it('quotes its own words, with the section they come from', () => {
    const q = policyQuote(builtIn('milford-haven'), 'twoPeople');
    expect(q).toEqual({
      text:
        'Have more than one senior member of staff / volunteer involved in this process. ' +
        'This is vital to protect individuals if accusations are subsequently reported.',
      from: '“Other Incidents”',
      ownWords: true,
    });
  });

  it("marks the template's words where it has none of its own (Glenfield has no flowchart)", () => {
    const glenfield = builtIn('glenfield-new-leaf');
    expect(policyQuote(glenfield, 'report')?.ownWords).toBe(false);
    expect(policyQuote(glenfield, 'judge')?.ownWords).toBe(true);
    expect(outcomeLabels(glenfield).la).toEqual({ text: 'Involvement by Local Authority.', ownWords: true });
  });

  it('gives nothing where neither it nor the template has words, rather than inventing them', () => {
    expect(policyQuote(builtIn('swgfl-template'), 'headteacher')).toBeNull();
    expect(staffRoute(builtIn('milford-haven')).guidance).toMatch(/tell the LADO/);
  });

  it('is format 3 or later: refused, saying which formats this version reads', () => {
    const r = parseProfile({ ...builtIn('milford-haven'), profileFormat: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe('profileFormat: this Countersign reads profile format 2 and older (this one is 3)');
  });

  it('refuses a route to someone who is not among its contacts, naming the field', () => {
    const r = parseProfile({ ...builtIn('milford-haven'), headteacherTell: 'chairOfGovernors' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(`headteacherTell: "chairOfGovernors" is not one of this profile's contacts`);
  });
});

describe('the review date', () => {
  const forest = builtIn('forest-ce-federation');

  it('is current to the end of the month printed, then the screens say so', () => {
    expect(pastReview(forest, '2024-05-31T22:59:59.000Z')).toBe(false);
    expect(reviewNotice(forest, new Date('2024-05-31T12:00:00.000Z'))).toBeNull();
    expect(reviewNotice(forest, new Date('2024-06-01T12:00:00.000Z'))).toBe(
      'This policy was due for review in May 2024; check it is still the one in force.',
    );
  });
});

describe('contacts', () => {
  it('are found by key, by place among the others, and nationally where the policy gives none', () => {
    const forest = builtIn('forest-ce-federation');
    expect(contactOf(forest, 'other-1')).toEqual({ role: 'NCC Online Safety Officer', name: 'Simon Aston' });
    expect(contactOf(forest, 'iwf')?.url).toBe('https://report.iwf.org.uk/');
    expect(contactOf(forest, 'other-9')).toBeUndefined();
    expect(contactLabel({ role: 'LADO', name: 'J. Fearon' })).toBe('LADO (J. Fearon)');
  });
});
