// Test fixture: journals and bags written directly, bypassing the app's procedure, as a faulty or dishonest program
// would: by default a complete, consistent format-2 bag, which each test then spoils in one way.
import { createHash } from 'node:crypto';
import { addendumMessage, headMessage, seal, signoffMessage } from '@shared/evidence/chain';
import { PAYLOAD, journalFileText, screenshotPath, type BagFile } from '@shared/evidence/bundle/bag-layout';
import { memorySource } from '@shared/evidence/bundle/bag-source';
import { buildBag } from '@shared/evidence/bundle/build-bag';
import type { BundleReport, VerifyPins } from '@shared/evidence/bundle/bundle-report';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { incidentJsonText } from '@shared/evidence/bundle/incident-json';
import { urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import { caseJsonldText } from '@shared/outputs/case-uco';
import { verifyBag } from '@shared/evidence/bundle/verify-bag';
import type { AnyCommand, JournalEntry } from '@shared/evidence/entries';
import { recordDigestOf, sealedHeadOf } from '@shared/evidence/record-anchors';
import { profileCanonicalJson } from '@shared/policy/profile-registry';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { followUpMessage } from '@shared/procedure/follow-ups';
import { STEP_KINDS } from '@shared/procedure/procedure-machine';
import { stampPdfMetadata } from '@main/export/pdf-stamp';
import { nodeCrypto, sha256Hex, type Signer } from '@main/services/crypto';
import { nodeVerifierCrypto } from '@main/verify/verify-crypto';
import { minimalPdf, RECORDED_PROFILE } from './sample-incident';

export const REF = 'CS-20261124-F0F0F0';

/** A stand-in screenshot: different bytes for each n (the verifier checks hashes and names, not images). */
export const fakePng = (n: number): Uint8Array => new Uint8Array(Buffer.from(`\x89PNG fake image ${n}`, 'latin1'));

/** A bag file's bytes as UTF-8 text ('' for a file that is not there). */
export const bagText = (b: Uint8Array | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('utf8');

/** The two reviewers' signing keys, by id. */
export type Keys = Record<string, Signer>;

export const opened = (deviceFp: string, reviewers: [string, string] = ['ah', 'ds'], keys: Keys = {}): AnyCommand => ({
  kind: 'incident.opened',
  actor: reviewers[0],
  data: {
    ref: REF,
    organisation: 'Example School',
    reviewers: [
      { id: reviewers[0], name: 'A. Head', role: 'Headteacher', ...fpOf(keys[reviewers[0]]) },
      { id: reviewers[1], name: 'D. Lead', role: 'Designated Safeguarding Lead', ...fpOf(keys[reviewers[1]]) },
    ],
    computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
    deviceKeyFingerprint: deviceFp,
    profile: RECORDED_PROFILE,
    reason: 'Report of bullying messages',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
    practice: true,
  },
});

const fpOf = (s: Signer | undefined) => (s ? { keyFingerprint: s.fingerprint } : {});

export const toReview: AnyCommand[] = [
  { kind: 'clock.confirmed', actor: 'ah', data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 } },
  { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: false } },
];

export const capture = (bytes: Uint8Array): AnyCommand => ({
  kind: 'capture.taken',
  actor: 'ah',
  data: {
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    width: 10,
    height: 10,
    url: 'http://127.0.0.1/p',
    title: 'P',
    mode: 'viewport',
    concern: 'Bullying',
  },
});

/** A command, or one made from the entries sealed so far (a sign-off needs the conclusion's hash). */
export type Step = AnyCommand | ((sofar: readonly JournalEntry[]) => AnyCommand);

/** From the judgement to the conclusion: what a review without a halt records before sign-off. */
export const toConclusion: AnyCommand[] = [
  { kind: 'judgement.made', actor: 'ah', data: { substance: true, actions: ['internal'], policeReasons: [] } },
  {
    kind: 'conclusion.recorded',
    actor: 'ah',
    data: { text: 'Bullying confirmed; handled under the behaviour policy.' },
  },
];

/** After a halt: the judgement involves the police, and the computer in question is isolated before the conclusion. */
export const toConclusionAfterHalt: AnyCommand[] = [
  { kind: 'judgement.made', actor: 'ah', data: { substance: true, actions: ['police'], policeReasons: [] } },
  { kind: 'isolation.recorded', actor: 'ds', data: { checks: ['The computer in question was switched off'] } },
  { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Referred to the police.' } },
];

/** `who` signs off the record digest (the conclusion's hash) with `signer`. */
export const signoff =
  (who: string, signer: Signer, ref = REF): Step =>
  (sofar) => {
    const digest = recordDigestOf(sofar) ?? 'a'.repeat(64);
    return {
      kind: 'signoff.signed',
      actor: who,
      data: {
        reviewer: who,
        digest,
        publicKey: signer.publicKeyPem,
        signature: signer.sign(signoffMessage(ref, digest)),
      },
    };
  };

/** `who` adds an addendum, signed with `signer`. */
export const addendum = (who: string, signer: Signer, text: string): AnyCommand => ({
  kind: 'addendum.added',
  actor: who,
  data: { text, signatures: [{ reviewer: who, signature: signer.sign(addendumMessage(REF, text)) }] },
});

/** A follow-up after sign-off (the police response), signed as the app signs it. */
export const followUp = (who: string, signer: Signer, text: string): AnyCommand => ({
  kind: 'followup.added',
  actor: who,
  data: {
    kind: 'police-response',
    text,
    signatures: [{ reviewer: who, signature: signer.sign(followUpMessage(REF, { kind: 'police-response', text })) }],
  },
});

/** Seals the steps in order without asking the procedure, signing the head after each step with the device key. */
export const forgeJournal = (device: Signer, steps: readonly Step[]): JournalEntry[] => {
  const entries: JournalEntry[] = [];
  const push = (cmd: AnyCommand) => {
    const last = entries.at(-1);
    const seq = entries.length;
    entries.push(
      seal(nodeCrypto, {
        seq,
        at: new Date(Date.UTC(2026, 10, 24, 9, 0, 0, seq)).toISOString(),
        mono: seq * 10,
        kind: cmd.kind,
        actor: cmd.actor,
        data: cmd.data,
        prev: last?.hash ?? '0'.repeat(64),
      }),
    );
  };
  for (const step of steps) {
    const c = typeof step === 'function' ? step(entries) : step;
    push(c);
    if (STEP_KINDS.has(c.kind)) {
      const head = entries.at(-1);
      if (!head) continue;
      push({
        kind: 'head.signed',
        actor: 'system',
        data: {
          seq: head.seq,
          hash: head.hash,
          keyFingerprint: device.fingerprint,
          signature: device.sign(headMessage(head.seq, head.hash)),
        },
      });
    }
  }
  return entries;
};

/** A whole incident the way the app records it: opened with both keys, reviewed, concluded and signed off by both. */
export const sealedJournal = (
  device: Signer,
  keys: Keys,
  review: readonly Step[] = [],
  after: readonly Step[] = [],
  conclusion: readonly Step[] = toConclusion,
) => {
  const ah = keys.ah;
  const ds = keys.ds;
  if (!ah || !ds) throw new Error('sealedJournal needs the keys of ah and ds');
  return forgeJournal(device, [
    opened(device.fingerprint, ['ah', 'ds'], keys),
    ...toReview,
    ...review,
    ...conclusion,
    signoff('ah', ah),
    signoff('ds', ds),
    ...after,
  ]);
};

/** Marks the PDFs carry, as the exporter stamps them. */
export const stampedPdf = (entries: readonly JournalEntry[], what: string, ref = REF): Promise<Uint8Array> =>
  stampPdfMetadata(minimalPdf(what), {
    title: what,
    subject: `Countersign incident ${ref}`,
    ref,
    recordDigest: recordDigestOf(entries),
    sealedHead: sealedHeadOf(entries),
  });

export interface ForgeOptions {
  /** Who signs the bag besides the device: [name, key] pairs; the first reviewer's key by default. */
  signers?: readonly (readonly [string, Signer])[];
  /** Payload files to put in place of what a consistent bag holds. */
  replace?: Readonly<Record<string, Uint8Array>>;
  /** Format 1: no policy.json, no marks in the PDFs, any incident.json, as Countersign wrote before format 2. */
  format?: 1 | 2;
  /** Further payload files (page sources and connections, say), listed and signed like the rest. */
  extra?: readonly BagFile[];
}

/** A complete, signed bag around a journal, holding exactly the screenshots given. */
export const forgeBag = async (
  entries: readonly JournalEntry[],
  device: Signer,
  keys: Keys,
  screenshots: readonly Uint8Array[],
  options: ForgeOptions = {},
): Promise<Map<string, Uint8Array>> => {
  const format = options.format ?? 2;
  const first = keys.ah ?? Object.values(keys)[0];
  const signers = options.signers ?? (first ? [['ah', first] as const] : []);
  const payload: BagFile[] = [
    {
      path: PAYLOAD.incident,
      bytes: utf8Encode(format === 2 ? recordText(entries) : `${JSON.stringify(legacy(entries))}\n`),
    },
    { path: PAYLOAD.journal, bytes: utf8Encode(journalFileText(entries.map((e) => JSON.stringify(e)))) },
    ...screenshots.map((b) => ({ path: screenshotPath(createHash('sha256').update(b).digest('hex')), bytes: b })),
    { path: PAYLOAD.form, bytes: format === 2 ? await stampedPdf(entries, 'form') : minimalPdf('form') },
    { path: PAYLOAD.screenshotsPdf, bytes: format === 2 ? await stampedPdf(entries, 'shots') : minimalPdf('shots') },
    { path: PAYLOAD.urls, bytes: utf8Encode(urlsCsvText(entries)) },
    ...(format === 2 ? [{ path: PAYLOAD.policy, bytes: utf8Encode(profileCanonicalJson(SWGFL_TEMPLATE)) }] : []),
    ...(format === 2 ? [{ path: PAYLOAD.caseJsonld, bytes: utf8Encode(caseText(entries)) }] : []),
    { path: PAYLOAD.verify, bytes: utf8Encode('How to check this bundle.\n') },
    ...(options.extra ?? []),
  ].map((f) => ({ ...f, bytes: options.replace?.[f.path] ?? f.bytes }));
  const files = buildBag(
    nodeCrypto,
    {
      ref: REF,
      organisation: 'Example School',
      version: '0.1.0',
      baggingDate: '2026-11-24',
      description: 'Evidence bundle',
      journal: { entries: entries.length, head: entries.at(-1)?.hash ?? '' },
      payload,
    },
    [
      { name: 'device', publicKeyPem: device.publicKeyPem, sign: (m) => device.sign(m) },
      ...signers.map(([name, s]) => ({ name, publicKeyPem: s.publicKeyPem, sign: (m: Uint8Array) => s.sign(m) })),
    ],
  );
  const bag = new Map(files.map((f) => [f.path, f.bytes]));
  return format === 2 ? bag : asFormat1(bag, device, signers);
};

/** incident.json as the exporter writes it; a journal that breaks the procedure has no record, so "{}". */
const recordText = (entries: readonly JournalEntry[]): string => {
  try {
    return incidentJsonText(nodeCrypto, entries, SWGFL_TEMPLATE);
  } catch {
    return '{}\n';
  }
};

/** case.jsonld as the exporter writes it (with forgeBag's version and date); none for a journal with no opening. */
const caseText = (entries: readonly JournalEntry[]): string => {
  try {
    return caseJsonldText(entries, { version: '0.1.0', baggingDate: '2026-11-24' });
  } catch {
    return '{}\n';
  }
};

/** The parts of a record a format-1 incident.json held that the verifier compares with the journal. */
const legacy = (entries: readonly JournalEntry[]) => ({
  format: 'countersign-incident',
  version: 1,
  ref: REF,
  recordDigest: recordDigestOf(entries),
  chainHead: { seq: entries.at(-1)?.seq ?? 0, hash: entries.at(-1)?.hash ?? '' },
});

/** The bag re-declared as format 1 (bag-info.txt rewritten, the tag manifest and signatures made again). */
const asFormat1 = (
  bag: Map<string, Uint8Array>,
  device: Signer,
  signers: readonly (readonly [string, Signer])[],
): Map<string, Uint8Array> => {
  const info = bagText(bag.get('bag-info.txt')).replace('Countersign-Bundle-Format: 2', 'Countersign-Bundle-Format: 1');
  bag.set('bag-info.txt', utf8Encode(info));
  const line = (p: string) => `${sha256Hex(bag.get(p) ?? new Uint8Array())}  ${p}\n`;
  const tag = utf8Encode(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt'].map(line).join(''));
  bag.set('tagmanifest-sha256.txt', tag);
  for (const [name, s] of [['device', device] as const, ...signers])
    bag.set(`signatures/${name}.sig`, new Uint8Array(Buffer.from(s.sign(tag), 'hex')));
  return bag;
};

export const verifyFiles = (
  files: ReadonlyMap<string, Uint8Array>,
  rootName?: string,
  pins?: VerifyPins,
): Promise<BundleReport> => verifyBag(nodeVerifierCrypto, memorySource(files, rootName), pins ? { pins } : {});

export const codes = (r: BundleReport): string[] => [...new Set(r.problems.map((p) => p.code))].sort();
