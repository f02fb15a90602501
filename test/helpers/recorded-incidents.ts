// Real incidents for the output tests, built through the same services the app uses: a normal one, a halted one, a
// triage-illegal one.
import { signoffMessage } from '@shared/evidence/chain';
import type { AnyCommand, Command, JournalEntry } from '@shared/evidence/entries';
import { followUpMessage, type SignedFollowUp } from '@shared/procedure/follow-ups';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { generateSigningKey, sha256Hex, type Signer } from '@main/services/crypto';
import { Investigation } from '@main/services/investigation';
import type { IncidentStore, Vault } from '@main/services/vault';
import { FakeBrowser } from './fake-browser';
import { newVault, REVIEWERS, toReview } from './vault';

export const ORGANISATION = 'Brindlewick Academy';
export const SUBJECT_REF = 'P-117';
export const REASON = 'A parent reported bullying of her son on a social network, with photos of him mocked.';
export const CATEGORY = 'Cyberbullying';
export const NOTE = 'The pupil first showed the posts to his form tutor on Monday.';
export const CONCERN_1 = 'Name-calling under the photo: “nobody likes you”, posted by three accounts.';
export const CONCERN_2_FIRST = 'Repost of the photo';
export const CONCERN_2 = 'The photo reposted by another account, scribbled over to mock him; 40 likes.';
export const CONCLUSION =
  'The concern has substance. Both accounts belong to pupils in Year 8; parents informed and sanctions applied.';
export const HALT_REASON = 'Thumbnail in the sidebar looked like an indecent image of a child.';
export const REFERRAL_REFERENCE = 'CAD-4471-24NOV';
export const REPORTED_BY = 'Form tutor, Year 8 (Mr R. Singh)';
export const SITE_URL = 'http://forum.example.invalid/t/8812';
export const SITE_CONCERN = 'A thread naming the pupil, with threats to meet him after school.';
export const DEVICE = 'Pupil’s school tablet, asset tag 4471';
export const DEVICE_CONCERN = 'Messages from an unknown adult asking to meet.';
export const LADO_REFERENCE = 'LADO-2026-0193';
export const POLICE_REFERENCE = 'CAD-9120-02DEC';
export const SANCTION_ROW = 'Using personal social media to harass others';
export const DEBRIEF = 'Debrief with the DSL team: the filtering alert was missed for two days.';
export const POLICE_RESPONSE = 'Police: no offence disclosed; no further police action (ref CAD-9120-02DEC).';

export interface BuiltIncident {
  vault: Vault;
  store: IncidentStore;
  entries: readonly JournalEntry[];
  signers: { ah: Signer; ds: Signer };
  /** SHA-256 of every capture, in order. */
  captures: string[];
  urls: string[];
}

export interface BuildOptions {
  /** Origin the reviewers "visit"; the fake browser never fetches it. */
  base?: string;
  browser?: () => EvidenceBrowser;
  practice?: boolean;
  organisation?: string;
  /** Concern of the first capture (e.g. hostile text). */
  concern1?: string;
  category?: string;
  subjectRef?: string;
  /** The procedure's rules recorded at the opening (absent: rules 1, as journals written before rules 2). */
  rules?: 2;
  reportedBy?: string;
}

const start = async (opts: BuildOptions) => {
  const vault = await newVault();
  const ah = generateSigningKey().signer;
  const ds = generateSigningKey().signer;
  const ref = vault.newRef();
  const opened: Command<'incident.opened'> = {
    kind: 'incident.opened',
    actor: 'ah',
    data: {
      ref,
      organisation: opts.organisation ?? ORGANISATION,
      reviewers: [
        { ...REVIEWERS[0], keyFingerprint: ah.fingerprint },
        { ...REVIEWERS[1], keyFingerprint: ds.fingerprint },
      ],
      computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
      deviceKeyFingerprint: vault.device.fingerprint,
      profile: { id: 'swgfl-template', sha256: sha256Hex('profile') },
      reason: REASON,
      subject: { kind: 'pupil', ref: opts.subjectRef ?? SUBJECT_REF },
      category: opts.category ?? CATEGORY,
      practice: opts.practice ?? false,
      ...(opts.reportedBy ? { reportedBy: opts.reportedBy } : {}),
      ...(opts.rules ? { rules: opts.rules } : {}),
    },
  };
  const store = await vault.createIncident(opened);
  const inv = new Investigation({
    store,
    launchBrowser: async () => (opts.browser ? opts.browser() : new FakeBrowser()),
  });
  return { vault, store, inv, signers: { ah, ds }, ref };
};

const act = (inv: Investigation, cmd: AnyCommand) => inv.act(cmd);

const signOff = async (inv: Investigation, ref: string, signers: { ah: Signer; ds: Signer }) => {
  for (const id of ['ah', 'ds'] as const) {
    const digest = inv.state.recordDigest;
    if (!digest) throw new Error('no record digest to sign');
    await act(inv, {
      kind: 'signoff.signed',
      actor: id,
      data: {
        reviewer: id,
        digest,
        publicKey: signers[id].publicKeyPem,
        signature: signers[id].sign(signoffMessage(ref, digest)),
      },
    });
  }
};

/**
 * Review with two captures (one described later, twice), a blocked popup and a redirect, a note, a judgement, sign-off
 * and an addendum.
 */
export const normalIncident = async (opts: BuildOptions = {}): Promise<BuiltIncident> => {
  const base = opts.base ?? 'http://127.0.0.1:8080';
  const { vault, store, inv, signers, ref } = await start(opts);
  for (const c of toReview) await act(inv, c);
  const urls = [`${base}/social/post/1.html`, `${base}/social/post/3.html`];
  await inv.browse('ah', 'navigate', urls[0]);
  const one = await inv.capture('ah', 'viewport', opts.concern1 ?? CONCERN_1);
  await store.journal.append({
    kind: 'browser.popup-blocked',
    actor: 'system',
    data: { url: `${base}/ads/win-a-prize`, opener: urls[0] },
  });
  await store.journal.append({
    kind: 'browser.redirected',
    actor: 'system',
    data: { from: `${base}/r/3`, to: urls[1] ?? '', how: 'http', status: 302 },
  });
  await inv.browse('ah', 'navigate', urls[1]);
  const two = await inv.capture('ds', 'fullpage');
  await act(inv, { kind: 'capture.described', actor: 'ds', data: { sha256: two.sha256, concern: CONCERN_2_FIRST } });
  await act(inv, { kind: 'capture.described', actor: 'ah', data: { sha256: two.sha256, concern: CONCERN_2 } });
  await act(inv, { kind: 'note.added', actor: 'ds', data: { text: NOTE } });
  await act(inv, {
    kind: 'judgement.made',
    actor: 'ah',
    data: {
      substance: true,
      actions: ['internal', 'la'],
      policeReasons: [],
      sanctions: ['Inform parents / carers', 'Warning'],
    },
  });
  await act(inv, { kind: 'conclusion.recorded', actor: 'ah', data: { text: CONCLUSION } });
  await signOff(inv, ref, signers);
  await act(inv, { kind: 'addendum.added', actor: 'ds', data: { text: 'Parents met the head on 26 November.' } });
  await inv.close();
  return { vault, store, entries: store.journal.entries, signers, captures: [one.sha256, two.sha256], urls };
};

/** Review with two captures, then a halt; the second capture is purged; police told, computer isolated, signed off. */
export const haltedIncident = async (opts: BuildOptions = {}): Promise<BuiltIncident & { haltUrl: string }> => {
  const base = opts.base ?? 'http://127.0.0.1:8080';
  const { vault, store, inv, signers, ref } = await start(opts);
  for (const c of toReview) await act(inv, c);
  const urls = [`${base}/forum/thread.html`, `${base}/forum/user/nightowlrex.html`];
  const haltUrl = `${base}/halt/2.html`;
  await inv.browse('ah', 'navigate', urls[0]);
  const one = await inv.capture('ah', 'viewport', 'An adult asks a pupil to move to a private chat app.');
  await inv.browse('ah', 'navigate', urls[1]);
  const two = await inv.capture('ah', 'viewport', 'Profile page with a gallery of thumbnails.');
  await inv.browse('ah', 'navigate', haltUrl);
  await inv.halt('ds', haltUrl, HALT_REASON);
  await inv.purge('ds', [two.sha256]);
  await act(inv, {
    kind: 'referral.recorded',
    actor: 'ds',
    data: {
      to: 'Police (101)',
      toldAt: new Date().toISOString(),
      reference: REFERRAL_REFERENCE,
      note: 'Told not to investigate further.',
    },
  });
  await act(inv, {
    kind: 'judgement.made',
    actor: 'ah',
    data: { substance: true, actions: ['police'], policeReasons: ['grooming', 'other-criminal'] },
  });
  await act(inv, {
    kind: 'isolation.recorded',
    actor: 'ds',
    data: { checks: ['Laptop unplugged from the network', 'Laptop locked in the safe'] },
  });
  await act(inv, {
    kind: 'conclusion.recorded',
    actor: 'ah',
    data: { text: 'Referred to the police; awaiting their response.' },
  });
  await signOff(inv, ref, signers);
  await inv.close();
  return { vault, store, entries: store.journal.entries, signers, captures: [one.sha256, two.sha256], urls, haltUrl };
};

/**
 * Illegal activity suspected at triage: no review at all; straight to police referral, isolation, conclusion, sign-off.
 */
export const triageIllegalIncident = async (opts: BuildOptions = {}): Promise<BuiltIncident> => {
  const { vault, store, inv, signers, ref } = await start(opts);
  await act(inv, {
    kind: 'clock.confirmed',
    actor: 'ah',
    data: { shownAt: new Date().toISOString(), offsetMs: -90_000, note: 'Checked against the office radio clock.' },
  });
  await act(inv, { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: true } });
  await act(inv, {
    kind: 'referral.recorded',
    actor: 'ds',
    data: { to: 'Police (999)', toldAt: new Date().toISOString() },
  });
  await act(inv, {
    kind: 'isolation.recorded',
    actor: 'ds',
    data: { checks: ['Pupil’s phone sealed in an evidence bag'] },
  });
  await act(inv, {
    kind: 'conclusion.recorded',
    actor: 'ah',
    data: { text: 'Reported to the police at once; no investigation by the school.' },
  });
  await signOff(inv, ref, signers);
  await inv.close();
  return { vault, store, entries: store.journal.entries, signers, captures: [], urls: [] };
};

/** A follow-up as the app adds it: signed by the reviewer who adds it, over its kind, words and any new judgement. */
const followUp = (ref: string, id: 'ah' | 'ds', signer: Signer, f: SignedFollowUp): Command<'followup.added'> => ({
  kind: 'followup.added',
  actor: id,
  data: { ...f, signatures: [{ reviewer: id, signature: signer.sign(followUpMessage(ref, f)) }] },
});

/**
 * Rules 2, reported by a form tutor: a site and a device recorded without a capture, the LADO told during the review,
 * "Refer to Police" among the sanctions so the police route follows, the police told with their reference, isolation,
 * sign-off, then the police response, a return to internal procedures with a new judgement, and a debrief.
 */
export const followedUpIncident = async (opts: BuildOptions = {}): Promise<BuiltIncident> => {
  const { vault, store, inv, signers, ref } = await start({ rules: 2, reportedBy: REPORTED_BY, ...opts });
  for (const c of toReview) await act(inv, c);
  await act(inv, { kind: 'site.recorded', actor: 'ah', data: { url: SITE_URL, concern: SITE_CONCERN } });
  await act(inv, { kind: 'site.recorded', actor: 'ds', data: { device: DEVICE, concern: DEVICE_CONCERN } });
  const toldAt = new Date().toISOString();
  await act(inv, {
    kind: 'told.recorded',
    actor: 'ds',
    data: { who: 'LADO', contact: 'lado', police: false, toldAt, how: 'phone', reference: LADO_REFERENCE },
  });
  await act(inv, {
    kind: 'judgement.made',
    actor: 'ah',
    data: {
      substance: true,
      actions: ['internal', 'police'],
      policeReasons: [],
      sanctionRow: SANCTION_ROW,
      sanctions: ['Refer to Police', 'Inform parents / carers'],
    },
  });
  await act(inv, {
    kind: 'told.recorded',
    actor: 'ah',
    data: { who: 'Police (non-emergency)', contact: 'police101', police: true, toldAt, reference: POLICE_REFERENCE },
  });
  await act(inv, { kind: 'isolation.recorded', actor: 'ds', data: { checks: ['Tablet locked in the safe'] } });
  await act(inv, { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Referred to the police and the LADO.' } });
  await signOff(inv, ref, signers);
  await act(inv, followUp(ref, 'ah', signers.ah, { kind: 'police-response', text: POLICE_RESPONSE }));
  await act(
    inv,
    followUp(ref, 'ds', signers.ds, {
      kind: 'internal-procedures',
      text: 'Back under the behaviour policy.',
      judgement: { substance: true, actions: ['internal'], policeReasons: [], sanctions: ['Warning'] },
    }),
  );
  await act(inv, followUp(ref, 'ds', signers.ds, { kind: 'debrief', text: DEBRIEF }));
  await inv.close();
  return { vault, store, entries: store.journal.entries, signers, captures: [], urls: [SITE_URL] };
};
