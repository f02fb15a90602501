// The incident's printed form through the app, in the words of the policy the incident was opened under: an imported
// profile prints its own name and labels, and a later change of policy in Settings does not rewrite an incident.
import { describe, expect, it } from 'vitest';
import { profileById, type PolicyProfile } from '@shared/policy/profile-registry';
import { DSL, HEAD, incidentInReview, makeCore, setUp, THIRD } from './core-fixture';

const GLOUCESTER = profileById('gloucester-house') as PolicyProfile;
const OWN: PolicyProfile = {
  ...structuredClone(GLOUCESTER),
  id: 'brindlewick-own',
  name: 'Brindlewick Primary School Online Safety Policy 2026',
  outcomes: { police: { text: 'phone the police on 101 and write down their reference' } },
  policeReportable: [{ id: 'terrorism-extremism', label: 'material promoting extremism or terrorism' }],
};

const judgedForPolice = async () => {
  const f = await makeCore();
  await setUp(f);
  await f.core.settings.importProfile(JSON.stringify(OWN));
  const { ref, a } = await incidentInReview(f);
  await f.core.act(ref, a, {
    kind: 'judgement.made',
    data: { substance: true, actions: ['police'], policeReasons: ['terrorism-extremism'] },
  });
  return { f, ref };
};

describe('the form of an incident opened under an imported profile', () => {
  it('prints the profile’s own name and words, not its id and not the template’s', async () => {
    const { f, ref } = await judgedForPolice();
    const html = await f.core.documentHtml(ref, 'form');
    expect(html).toContain('Brindlewick Primary School Online Safety Policy 2026');
    expect(html).toContain('Phone the police on 101 and write down their reference');
    expect(html).toContain('Material promoting extremism or terrorism');
    expect(html).not.toContain('brindlewick-own');
    expect(html).not.toContain('Police involvement and/or action');
    const detail = await f.core.detail(ref);
    expect(detail.record.judgement?.policeReasons).toEqual([
      { id: 'terrorism-extremism', label: 'material promoting extremism or terrorism' },
    ]);
  });

  it('keeps them after the school chooses another policy: the screens and the form follow the incident', async () => {
    const { f, ref } = await judgedForPolice();
    await f.core.settings.save({
      organisation: 'Brindlewick Primary School',
      computer: { name: 'SAFEGUARD-LAPTOP-1', location: 'Head’s office' },
      profileId: 'milford-haven',
    });
    expect((await f.core.settings.policy()).profile.id).toBe('milford-haven');
    const recorded = await f.core.incidentPolicy(ref);
    expect(recorded).toMatchObject({ recorded: true, profile: { id: 'brindlewick-own' } });
    expect(await f.core.documentHtml(ref, 'form')).toContain('Brindlewick Primary School Online Safety Policy 2026');
  });

  it('keeps them when the school imports a later version: each incident keeps its own policy', async () => {
    const { f, ref } = await judgedForPolice();
    await f.core.settings.importProfile(JSON.stringify({ ...OWN, name: 'A later version', version: '2027' }));
    expect((await f.core.settings.policy()).profile.name).toBe('A later version');
    expect(await f.core.incidentPolicy(ref)).toMatchObject({ recorded: true, profile: { name: OWN.name } });
    const html = await f.core.documentHtml(ref, 'form');
    expect(html).toContain(OWN.name);
    expect(html).not.toContain('A later version');
  });
});

describe('the member of staff the concern is about', () => {
  it('cannot start it as a reviewer, nor be someone not registered here', async () => {
    const f = await makeCore();
    await setUp(f);
    const staff = f.core.staff.list();
    const id = (name: string) => staff.find((s) => s.name === name)?.id ?? '';
    const start = (staffId: string) =>
      f.core.startIncident({
        passphrases: [HEAD.passphrase, DSL.passphrase],
        reason: 'A member of staff was seen on a site of concern.',
        subject: { kind: 'staff', ref: 'S-1', staffId, headteacher: true },
        category: 'Other',
      });
    await expect(start(id(DSL.name))).rejects.toMatchObject({ code: 'SAME_PERSON' });
    await expect(start('not-registered')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const opened = await start(id(THIRD.name));
    expect(opened.record.subject).toEqual({ kind: 'staff', ref: 'S-1', staffId: id(THIRD.name), headteacher: true });
    expect(await f.core.register.list()).toHaveLength(1);
  });
});
