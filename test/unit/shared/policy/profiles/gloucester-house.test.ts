// Gloucester House (003) against its text: Camden's contacts as printed, the route when the head teacher is involved
// (the chair of the Steering Committee), staff incidents to the head teacher and the LADO, LGfL's categories A and B.
import { describe, expect, it } from 'vitest';
import { profileById, suggestSanctions, type PolicyProfile } from '@shared/policy/profile-registry';
import {
  headteacherRoute,
  pastReview,
  policeColumns,
  policeSteps,
  reviewDueWords,
  reviewNotice,
  staffRoute,
} from '@shared/policy/policy-words';
import { readPolicy } from '../policy-source';

const text = readPolicy('003_477b47ee3b0ca0b8.txt');
const p = profileById('gloucester-house') as PolicyProfile;
const value = (n: number): string => (text.line(n).split(':').slice(1).join(':') || text.line(n)).trim();
const bullet = (n: number): string =>
  text
    .line(n)
    .replace(/^[·•]\s*/, '')
    .trim();

describe('Gloucester House (003)', () => {
  it("has Camden's LADO, MASH and Prevent contacts exactly as printed on its first page (lines 7-23)", () => {
    expect(text.line(11)).toBe('Local Authority Designated Officer (LADO):');
    expect([p.contacts.lado?.name, p.contacts.lado?.phone, p.contacts.lado?.email]).toEqual([
      value(12),
      value(13),
      value(14),
    ]);
    expect(p.contacts.other?.[0]).toEqual({
      role: text.line(7).trim().replace(/:$/, ''),
      name: value(8),
      phone: value(9),
    });
    expect(text.line(17).trim()).toBe(`${p.contacts.mash?.role}:`);
    expect(p.contacts.mash?.phone).toBe(value(19));
    expect(p.contacts.mash?.name).toContain(value(18));
    expect([p.contacts.prevent?.role, p.contacts.prevent?.name, p.contacts.prevent?.phone]).toEqual([
      text.line(21),
      value(22),
      value(23),
    ]);
    expect(p.source.notes?.some((n) => n.includes('020279744556') && n.includes('check it'))).toBe(true);
  });

  it('has its own people: the acting head teacher who is also DSL and co-ordinator, and the Steering Committee', () => {
    expect(text.line(30).trim()).toBe(`${p.contacts.headteacher?.role} / ${p.contacts.dsl?.role}:`);
    expect(value(31)).toBe(p.contacts.dsl?.name);
    expect(value(32)).toBe(p.contacts.dsl?.email);
    expect(value(46)).toBe(p.contacts.other?.[2]?.email);
    expect(text.line(48)).toBe(`${p.contacts.other?.[3]?.role}:`);
  });

  it('sends an incident involving the head teacher to the chair of the Steering Committee (lines 487, 513)', () => {
    const route = headteacherRoute(p);
    expect(route.contacts).toEqual([{ role: 'Chair of the Steering Committee' }]);
    expect(route.quote).toEqual({
      text: 'Incidents involving the head teacher should be reported to the chair of the Steering Committee.',
      from: '4.1 Policy statement',
      ownWords: true,
    });
    expect(route.guidance).toBeNull();
    expect(text.line(513)).toContain('the matter should be reported to the chair of the Steering Committee');
  });

  it('sends a staff incident to the head teacher, with the LADO considered (line 487)', () => {
    const route = staffRoute(p);
    expect(route.contacts.map((c) => c.role)).toEqual([
      'Acting Headteacher',
      'Local Authority Designated Officer (LADO)',
    ]);
    expect(route.guidance).toBeNull();
    expect(policeSteps(p, 'staff').find((s) => s.text.includes('LADO'))?.contact?.name).toBe('Jacqueline Fearon');
    expect(policeSteps(p, 'pupil').some((s) => s.text.includes('LADO'))).toBe(false);
    expect(policeSteps(p, 'pupil').at(-1)?.contact?.role).toBe('Camden’s online safety officer');
  });

  it("has LGfL's categories as its sanctions: A's one sanction, B's six possible ones (lines 642-668)", () => {
    const m = p.staffSanctions;
    expect(m.columns[0]).toBe(text.line(652).replace(/^Sanction: /, ''));
    expect(m.columns.slice(1)).toEqual([663, 664, 665, 666, 667, 668].map(bullet));
    expect(m.rows.map((r) => r.incident)).toEqual([644, 645, 648, 649, 650, 656, 657, 658, 659, 660].map(bullet));
    expect(m.rows.map((r) => r.group)).toEqual([
      ...Array(5).fill(text.line(642).replace(/\[bookmark: [^\]]*\]/g, '')),
      ...Array(5).fill(text.line(654).replace(/\[bookmark: [^\]]*\]/g, '')),
    ]);
    expect(suggestSanctions(p, 'pupil', 'Installing unlicensed software.')).toEqual([m.columns[0]]);
    expect(suggestSanctions(p, 'staff', 'bringing the school’s name into disrepute.')).toEqual(m.columns.slice(1));
    expect(p.pupilSanctions).toEqual(m);
  });

  it('leaves "referral to Camden’s LADO or the police" to the reviewers rather than starting the police steps', () => {
    expect(p.staffSanctions.columns).toContain('referral to Camden’s LADO or the police');
    expect(policeColumns(p.staffSanctions)).toEqual([]);
    const forest = profileById('forest-ce-federation') as PolicyProfile;
    expect(policeColumns(forest.staffSanctions)).toEqual(['Refer to Police']);
  });

  it('prints no date and no review date, and says so instead of inventing one', () => {
    expect(text.lines.some((l) => /review(ed)? (date|by)|date to be reviewed/i.test(l))).toBe(false);
    expect(reviewDueWords(p)).toBeNull();
    expect(pastReview(p, '2030-01-01')).toBe(false);
    expect(reviewNotice(p, new Date('2030-01-01'))).toBeNull();
    expect(p.source.notes?.[0]).toContain('no review date');
  });
});
