// St Wilfrid's RC Primary School (001) against its text: its contacts, its 9.3 route for indecent images of children
// (the IWF, copies kept only at the police's request, devices quarantined), its police list and its one sanctions list.
import { describe, expect, it } from 'vitest';
import { POLICE_REASONS } from '@shared/evidence/entries';
import { profileById, suggestSanctions, type PolicyProfile } from '@shared/policy/profile-registry';
import {
  headteacherRoute,
  pastReview,
  policeReasonLabels,
  policeSteps,
  reviewDueWords,
  staffRoute,
} from '@shared/policy/policy-words';
import { readPolicy } from '../policy-source';

const text = readPolicy('001_5c3ed894315215fa.txt');
const p = profileById('st-wilfrids') as PolicyProfile;
const bullet = (n: number): string => text.line(n).replace(/^·\s*/, '').trim();

describe("St Wilfrid's RC Primary School (001)", () => {
  it('names its DSL, its governor for online safety and Lancashire Police as printed (lines 28, 30, 340)', () => {
    expect(text.line(28)).toBe(`The Designated Safeguarding Lead (DSL) is ${p.contacts.dsl?.name}.`);
    expect(text.line(30)).toContain(`is Mr ${p.contacts.other?.[0]?.name}`);
    expect(text.line(340)).toContain('Lancashire Police via 101 or 999');
    expect([p.contacts.police101?.phone, p.contacts.police999?.phone]).toEqual(['101', '999']);
    expect(p.contacts.police101?.role).toContain('Lancashire Police');
    expect(text.line(408)).toContain('www.iwf.org.uk');
    expect(p.contacts.iwf?.url).toBe('https://www.iwf.org.uk/');
  });

  it('was due for review in September 2022: updated annually, re-examined September 2021 (line 31)', () => {
    expect(text.line(31)).toContain('will be updated annually. HT re-examined this Policy in September 2021');
    expect(reviewDueWords(p)).toBe('September 2022');
    expect(pastReview(p, '2022-09-30T23:00:00.000Z')).toBe(false);
    expect(pastReview(p, '2022-10-01T08:00:00.000Z')).toBe(true);
  });

  it('on the police route: the DSL, the IWF for the URLs, copies deleted, kept only if the police ask', () => {
    const pupil = policeSteps(p, 'pupil');
    expect(pupil.every((s) => s.ownWords)).toBe(true);
    expect(pupil.map((s) => s.text)).toEqual([403, 404, 405, 408, 409, 414, 415].map(bullet));
    const iwf = pupil.find((s) => s.text.includes('Internet Watch Foundation via'));
    expect(iwf?.contact?.role).toBe('Internet Watch Foundation (IWF)');
    expect(pupil.find((s) => s.text.startsWith('Immediately notify'))?.contact?.name).toBe('John McHugh');
  });

  it('for a member of staff adds quarantining the devices and informing the LADO (lines 416-419)', () => {
    const staff = policeSteps(p, 'staff').map((s) => s.text);
    expect(staff.slice(-2)).toEqual([bullet(418), bullet(419)]);
    expect(p.isolation?.map((w) => w.text)).toEqual([bullet(404), bullet(418).replace(/^.*and (quarantine)/, '$1')]);
    expect(staffRoute(p).contacts.map((c) => c.role)).toEqual([
      'Head teacher',
      'LADO (Local Authority Designated Officer)',
    ]);
    expect(staffRoute(p).quote?.ownWords).toBe(true);
  });

  it('names no route for the head teacher, so the statutory one is shown as guidance, not as its words', () => {
    expect(text.lines.some((l) => /chair of governors/i.test(l))).toBe(false);
    const route = headteacherRoute(p);
    expect(route.quote).toBeNull();
    expect(route.contacts.map((c) => c.role)).toEqual(['Chair of governors']);
    expect(route.guidance).toContain('Keeping children safe in education');
  });

  it('asks its four police items in its words and the two it lacks in the template’s, marked so', () => {
    const labels = policeReasonLabels(p);
    expect(labels.map((l) => l.id)).toEqual([...POLICE_REASONS]);
    expect(labels.filter((l) => !l.ownWords).map((l) => l.id)).toEqual(['obscene-to-child', 'obscene-publications']);
    expect(labels.find((l) => l.id === 'criminally-racist')?.text).toBe('Online hate');
    expect(text.line(448)).toContain('The Police will be contacted if a criminal offence is suspected.');
  });

  it('suggests its online-bullying sanctions (lines 437-442) for pupils and staff alike', () => {
    const columns = p.pupilSanctions.columns;
    expect(columns).toHaveLength(5);
    for (const [i, n] of [438, 439, 440, 441, 442].entries())
      expect(bullet(n).startsWith(columns[i] ?? '-')).toBe(true);
    // Line 440 runs on into "Other sanctions …", which is not a sanction of its own.
    expect(bullet(440)).not.toBe(columns[2]);
    expect(text.line(437)).toContain(p.pupilSanctions.rows[0]?.incident.replace('Those', 'those') ?? '');
    expect(p.staffSanctions).toEqual(p.pupilSanctions);
    expect(suggestSanctions(p, 'staff', 'Those involved in online or cyberbullying')).toHaveLength(5);
    expect(p.userActions).toBeUndefined();
  });
});
