// The printed form speaks for the policy in force: its name, its words for the outcomes and the police list (the
// template's marked), its review date and routes; and for every profile and every police reason, no identifier.
import { describe, expect, it } from 'vitest';
import {
  CAPTURE_MODES,
  ENTRY_KINDS,
  POLICE_REASONS,
  type AnyCommand,
  type JournalEntry,
} from '@shared/evidence/entries';
import { incidentFormHtml } from '@shared/outputs/form';
import { escapeHtml } from '@shared/outputs/html';
import { buildRecord } from '@shared/outputs/record';
import { outcomeLabels, policeReasonLabels } from '@shared/policy/policy-words';
import {
  BUILT_IN_PROFILES,
  CONTACT_KEYS,
  profileById,
  QUOTE_KEYS,
  type PolicyProfile,
} from '@shared/policy/profile-registry';

const REVIEWERS = [
  { id: 'ah', name: 'A. Head', role: 'Deputy Head' },
  { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead' },
] as const;

/** A journal in memory: the form is a pure function of it, so no vault is needed. */
const journal = (opts: {
  profileId: string;
  openedAt?: string;
  reasons?: (typeof POLICE_REASONS)[number][];
  headteacher?: boolean;
}): JournalEntry[] => {
  const at = opts.openedAt ?? '2026-11-24T09:00:00.000Z';
  const commands: AnyCommand[] = [
    {
      kind: 'incident.opened',
      actor: 'ah',
      data: {
        ref: 'CS-20261124-0123456789AB',
        organisation: 'Brindlewick Academy',
        reviewers: [REVIEWERS[0], REVIEWERS[1]],
        computer: { name: 'SAFEGUARD-LAPTOP-1', location: 'Head’s office safe' },
        deviceKeyFingerprint: 'a'.repeat(64),
        profile: { id: opts.profileId, sha256: 'b'.repeat(64) },
        reason: 'A member of staff was seen on a site of concern.',
        subject: { kind: 'staff', ref: 'S-12', staffId: 'st', ...(opts.headteacher ? { headteacher: true } : {}) },
        category: 'Staff conduct',
        practice: false,
      },
    },
    { kind: 'clock.confirmed', actor: 'ds', data: { shownAt: at, offsetMs: 0 } },
    { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: false } },
    {
      kind: 'judgement.made',
      actor: 'ah',
      data: { substance: true, actions: ['internal', 'la', 'police'], policeReasons: opts.reasons ?? [] },
    },
    { kind: 'referral.recorded', actor: 'ds', data: { to: 'Police (101)', toldAt: at, reference: 'CAD-1' } },
    { kind: 'isolation.recorded', actor: 'ds', data: { checks: ['Locked away'] } },
    { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Referred.' } },
  ];
  return commands.map((c, i) => ({
    ...c,
    seq: i,
    at: new Date(Date.parse(at) + i * 60_000).toISOString(),
    mono: i,
    prev: String(i).padStart(64, '0'),
    hash: String(i + 1).padStart(64, '0'),
  }));
};

const formOf = (profile: PolicyProfile, opts: Omit<Parameters<typeof journal>[0], 'profileId'> = {}): string =>
  incidentFormHtml(buildRecord(journal({ ...opts, profileId: profile.id }), { profile }), { profile });

/** What a reader of the page sees: the body's text, without the stylesheet or the markup. */
const visible = (html: string): string =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#[0-9]+;/g, ' ');

/** Every identifier Countersign uses inside that must never reach a page. */
const IDENTIFIERS: RegExp[] = [
  ...BUILT_IN_PROFILES.map((p) => new RegExp(`\\b${p.id}\\b`)),
  ...POLICE_REASONS.filter((id) => id.includes('-')).map((id) => new RegExp(`\\b${id}\\b`)),
  ...ENTRY_KINDS.map((k) => new RegExp(`\\b${k.replace('.', '\\.')}\\b`)),
  ...CAPTURE_MODES.map((m) => new RegExp(`\\b${m}\\b`)),
  ...[...QUOTE_KEYS, ...CONTACT_KEYS].filter((k) => /[A-Z0-9]/.test(k)).map((k) => new RegExp(`\\b${k}\\b`)),
  /(?<![./@])\b(la|dsl|lado|ceop|iwf)\b(?![.@])/,
  /\bsignoff\b/,
  /\bstaffId\b/,
  /\bother-[0-9]\b/,
];

const identifiersIn = (text: string): string[] => IDENTIFIERS.filter((re) => re.test(text)).map(String);

describe('the form, for every built-in profile and every police reason', () => {
  it('prints no identifier: no profile id, reason id, entry kind, contact or passage key', () => {
    let forms = 0;
    for (const profile of BUILT_IN_PROFILES) {
      for (const reason of POLICE_REASONS) {
        const text = visible(formOf(profile, { reasons: [reason], headteacher: true }));
        expect(identifiersIn(text), `${profile.id}, ${reason}`).toEqual([]);
        forms += 1;
      }
    }
    expect(forms).toBe(BUILT_IN_PROFILES.length * POLICE_REASONS.length);
  });

  it('would catch one: the check finds an id printed as it used to be under the policy name', () => {
    expect(identifiersIn(visible('<td>milford-haven · SHA-256 …</td>'))).toEqual(['/\\bmilford-haven\\b/']);
    expect(identifiersIn(visible('<li>terrorism-extremism</li>'))).toEqual(['/\\bterrorism-extremism\\b/']);
  });

  it('prints each profile’s own name and its outcomes and police items in its words, the template’s marked †', () => {
    for (const profile of BUILT_IN_PROFILES) {
      const html = formOf(profile, { reasons: [...POLICE_REASONS] });
      expect(html, profile.id).toContain(escapeHtml(profile.name));
      const labels = [...Object.values(outcomeLabels(profile)), ...policeReasonLabels(profile)];
      for (const l of labels) expect(html, `${profile.id}: ${l.text}`).toContain(escapeHtml(l.text));
      const borrowed = labels.filter((l) => !l.ownWords).length;
      expect((html.match(/>†</g) ?? []).length, profile.id).toBe(borrowed);
      expect(html.includes('your policy has none for this'), profile.id).toBe(borrowed > 0);
    }
  });
});

describe('an imported profile', () => {
  const gloucester = profileById('gloucester-house') as PolicyProfile;
  const imported: PolicyProfile = {
    ...structuredClone(gloucester),
    id: 'camden-oak-school',
    name: 'Oak School (Camden) Online Safety Policy 2026',
    outcomes: { police: { text: 'call the police on 101 and follow their advice' } },
    policeReportable: [{ id: 'terrorism-extremism', label: 'extremist or terrorist material' }],
  };

  it('prints its own name and labels, never its id or Forest’s wording', () => {
    const html = formOf(imported, { reasons: ['terrorism-extremism'] });
    expect(html).toContain('Oak School (Camden) Online Safety Policy 2026');
    expect(html).toContain('Call the police on 101 and follow their advice');
    expect(html).toContain('Extremist or terrorist material');
    expect(html).not.toContain('camden-oak-school');
    expect(html).not.toContain('Police involvement and/or action');
    expect(identifiersIn(visible(html))).toEqual([]);
  });

  it('when not given to the form, is not passed off as another: the page says the profile is not known here', () => {
    const html = incidentFormHtml(buildRecord(journal({ profileId: imported.id }), { profile: imported }));
    expect(html).toContain('A policy profile this copy of Countersign does not have');
    expect(html).not.toContain('camden-oak-school');
    expect(html).not.toContain(escapeHtml(gloucester.name));
  });
});

describe('the review date on the form', () => {
  const forest = profileById('forest-ce-federation') as PolicyProfile;

  it('says the policy was past its review date when the incident was opened, from the month after', () => {
    const html = formOf(forest, { openedAt: '2026-11-24T09:00:00.000Z' });
    expect(html).toContain('Past its review date:');
    expect(html).toContain('the policy had been due for review since May 2024');
  });

  it('gives the due date while the policy is current, and says when a policy prints none', () => {
    expect(formOf(forest, { openedAt: '2024-05-20T09:00:00.000Z' })).toContain('Due for review: May 2024.');
    expect(formOf(forest, { openedAt: '2024-05-20T09:00:00.000Z' })).not.toContain('Past its review date');
    expect(formOf(profileById('gloucester-house') as PolicyProfile)).toContain('The policy prints no review date.');
  });
});

describe('the subject on the form', () => {
  it('a registered member of staff is never named, and the head teacher’s route is the policy’s', () => {
    const html = formOf(profileById('gloucester-house') as PolicyProfile, { headteacher: true });
    expect(html).toContain('A member of staff registered in Countersign; not one of the reviewers of this incident.');
    expect(html).toContain(
      'The policy: “Incidents involving the head teacher should be reported to the chair of the Steering Committee.”',
    );
  });

  it('where the policy names no route for the head teacher, gives the statutory one as such', () => {
    const html = formOf(profileById('milford-haven') as PolicyProfile, { headteacher: true });
    expect(html).toContain('it goes to Chair of governors (the policy names no route; this is the statutory one)');
  });
});
