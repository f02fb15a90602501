// The printed form speaks for the policy in force: its name, its words for the outcomes and the police list (the
// template's marked), its review date and routes; and for every profile and every police reason, no identifier.
import { describe, expect, it } from 'vitest';
import {
  CAPTURE_MODES,
  ENTRY_KINDS,
  FOLLOW_UP_KINDS,
  POLICE_REASONS,
  TOLD_HOW,
  type AnyCommand,
  type JournalEntry,
} from '@shared/evidence/entries';
import { incidentFormHtml } from '@shared/outputs/form';
import { escapeHtml } from '@shared/outputs/html';
import { governorsSummaryCsv, governorsSummaryHtml, incidentLogCsv, incidentLogHtml } from '@shared/outputs/log';
import { buildRecord } from '@shared/outputs/record';
import { outcomeLabels, policeColumns, policeReasonLabels } from '@shared/policy/policy-words';
import { tellable } from '@shared/procedure/told';
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

const signed = (actor: 'ah' | 'ds') => [{ reviewer: actor, signature: 'e'.repeat(128) }];

/**
 * A journal in memory under rules 2, with every section the procedure prints: a site and a device recorded as text,
 * someone told from the profile's contacts and someone typed, the police told from its contacts, the sanctions row
 * and a column the policy counts as the police, sign-off, and every kind of follow-up (the return to internal
 * procedures with a new judgement). The form is a pure function of it, so no vault is needed.
 */
const journal = (opts: {
  profile: PolicyProfile;
  openedAt?: string;
  reasons?: (typeof POLICE_REASONS)[number][];
  headteacher?: boolean;
}): JournalEntry[] => {
  const at = opts.openedAt ?? '2026-11-24T09:00:00.000Z';
  const table = opts.profile.staffSanctions;
  const row = table.rows[0]?.incident ?? '';
  const contacts = tellable(opts.profile);
  const someone = contacts.find((c) => !c.police && c.key !== 'dsl') ?? contacts[0];
  const police = contacts.find((c) => c.police);
  const told = (c: typeof someone, how: (typeof TOLD_HOW)[number], reference: string): AnyCommand => ({
    kind: 'told.recorded',
    actor: 'ds',
    data: { who: c?.label ?? '', contact: c?.key ?? '', police: c?.police ?? false, toldAt: at, how, reference },
  });
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
        profile: { id: opts.profile.id, sha256: 'b'.repeat(64) },
        reason: 'A member of staff was seen on a site of concern.',
        subject: { kind: 'staff', ref: 'S-12', staffId: 'st', ...(opts.headteacher ? { headteacher: true } : {}) },
        category: 'Staff conduct',
        practice: false,
        reportedBy: 'The school business manager',
        rules: 2,
      },
    },
    { kind: 'clock.confirmed', actor: 'ds', data: { shownAt: at, offsetMs: 0 } },
    told(someone, 'in-person', 'REF-1'),
    { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: false } },
    { kind: 'site.recorded', actor: 'ah', data: { url: 'http://forum.example.invalid/t/1', concern: 'Threats.' } },
    { kind: 'site.recorded', actor: 'ah', data: { device: 'The staff laptop, asset 12', concern: 'Images.' } },
    {
      kind: 'told.recorded',
      actor: 'ah',
      data: { who: 'Parent', police: false, toldAt: at, how: 'online-form' },
    },
    {
      kind: 'judgement.made',
      actor: 'ah',
      data: {
        substance: true,
        actions: ['internal', 'la', 'police'],
        policeReasons: opts.reasons ?? [],
        sanctionRow: row,
        sanctions: [...new Set([...table.columns.slice(0, 2), ...policeColumns(table)])],
      },
    },
    { kind: 'referral.recorded', actor: 'ds', data: { to: 'Police (101)', toldAt: at, reference: 'CAD-1' } },
    told(police, 'phone', 'CAD-2'),
    { kind: 'isolation.recorded', actor: 'ds', data: { checks: ['Locked away'] } },
    { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Referred.' } },
    ...(['ah', 'ds'] as const).map((id): AnyCommand => ({
      kind: 'signoff.signed',
      actor: id,
      data: { reviewer: id, digest: CONCLUSION_HASH, publicKey: 'key', signature: 'f'.repeat(128) },
    })),
    ...FOLLOW_UP_KINDS.map((kind): AnyCommand => ({
      kind: 'followup.added',
      actor: 'ds',
      data: {
        kind,
        text: `What happened (${kind.length}).`,
        signatures: signed('ds'),
        ...(kind === 'internal-procedures'
          ? {
              judgement: {
                substance: true,
                actions: ['internal', 'la'],
                policeReasons: [],
                sanctionRow: row,
                sanctions: table.columns.filter((c) => !policeColumns(table).includes(c)).slice(0, 1),
              },
            }
          : {}),
      },
    })),
  ];
  return commands.map((c, i) => ({
    ...c,
    seq: i,
    at: new Date(Date.parse(at) + i * 60_000).toISOString(),
    mono: i,
    prev: hashAt(i),
    hash: c.kind === 'conclusion.recorded' ? CONCLUSION_HASH : hashAt(i + 1),
  }));
};

const hashAt = (i: number): string => String(i).padStart(64, '0');
/** What the conclusion's entry hashes to here: the record digest both reviewers sign. */
const CONCLUSION_HASH = 'c'.repeat(64);

const recordOf = (profile: PolicyProfile, opts: Omit<Parameters<typeof journal>[0], 'profile'> = {}) =>
  buildRecord(journal({ ...opts, profile }), { profile });

const formOf = (profile: PolicyProfile, opts: Omit<Parameters<typeof journal>[0], 'profile'> = {}): string =>
  incidentFormHtml(recordOf(profile, opts), { profile });

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
  ...[...FOLLOW_UP_KINDS, ...TOLD_HOW].filter((k) => k.includes('-')).map((k) => new RegExp(`\\b${k}\\b`)),
  /\b(sanctionRow|reportedBy|followUps|policeTold)\b/,
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

  it('prints the procedure’s sections in each profile’s words: sites, who was told, sanctions row, follow-ups', () => {
    for (const profile of BUILT_IN_PROFILES) {
      const record = recordOf(profile);
      const html = formOf(profile);
      const contacts = tellable(profile);
      const someone = contacts.find((c) => !c.police && c.key !== 'dsl') ?? contacts[0];
      const police = contacts.find((c) => c.police);
      const outcomes = outcomeLabels(profile);
      expect(record.status.phase, profile.id).toBe('sealed');
      expect(
        record.followUps.map((f) => f.kind),
        profile.id,
      ).toEqual([...FOLLOW_UP_KINDS]);
      for (const words of [
        'The staff laptop, asset 12',
        'http://forum.example.invalid/t/1',
        'Who was told',
        someone?.label ?? '?',
        police?.label ?? '?',
        'Online report form',
        'In person',
        profile.staffSanctions.rows[0]?.incident ?? '?',
        'After sign-off: follow-up',
        'Returned to internal procedures',
        `Action: ${outcomes.internal.text}; ${outcomes.la.text}.`,
        'The school business manager',
      ]) {
        expect(html, `${profile.id}: ${words}`).toContain(escapeHtml(words));
      }
    }
  });

  it('lists them in the incident log in the incident’s own outcome words; the summary names nobody', () => {
    for (const profile of BUILT_IN_PROFILES) {
      const record = recordOf(profile, { reasons: ['terrorism-extremism'] });
      const profiles = new Map([[record.policy.sha256, profile]]);
      const log = incidentLogHtml([record], { profiles });
      const csv = incidentLogCsv([record], { profiles });
      const outcomes = outcomeLabels(profile);
      for (const text of [visible(log), csv]) {
        expect(identifiersIn(text), profile.id).toEqual([]);
        // In a sentence: the first letter lower-case and the full stop left to the sentence.
        expect(text.toLowerCase(), profile.id).toContain(outcomes.la.text.slice(1).replace(/\.$/, '').toLowerCase());
        expect(text, profile.id).toContain(profile.staffSanctions.rows[0]?.incident ?? '?');
      }
      for (const text of [visible(governorsSummaryHtml([record])), governorsSummaryCsv([record])]) {
        expect(identifiersIn(text), profile.id).toEqual([]);
        expect(text, profile.id).not.toContain('business manager');
      }
    }
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
    const html = incidentFormHtml(buildRecord(journal({ profile: imported }), { profile: imported }));
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
