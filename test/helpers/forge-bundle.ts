// Test fixture: journals and bags written directly, bypassing the app's procedure, as a faulty or dishonest program
// would.
import { createHash } from 'node:crypto';
import { headMessage, seal } from '@shared/evidence/chain';
import { PAYLOAD, journalFileText, screenshotPath, type BagFile } from '@shared/evidence/bundle/bag-layout';
import { memorySource } from '@shared/evidence/bundle/bag-source';
import { buildBag } from '@shared/evidence/bundle/build-bag';
import type { BundleReport } from '@shared/evidence/bundle/bundle-report';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import { verifyBag } from '@shared/evidence/bundle/verify-bag';
import type { AnyCommand, JournalEntry } from '@shared/evidence/entries';
import { STEP_KINDS } from '@shared/procedure/procedure-machine';
import { nodeCrypto, sha256Hex, type Signer } from '@main/services/crypto';
import { minimalPdf } from './sample-incident';

export const REF = 'CS-20261124-F0F0F0';

/** A stand-in screenshot: different bytes for each n (the verifier checks hashes and names, not images). */
export const fakePng = (n: number): Uint8Array => new Uint8Array(Buffer.from(`\x89PNG fake image ${n}`, 'latin1'));

/** A bag file's bytes as UTF-8 text ('' for a file that is not there). */
export const bagText = (b: Uint8Array | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('utf8');

export const opened = (deviceFp: string, reviewers: [string, string] = ['ah', 'ds']): AnyCommand => ({
  kind: 'incident.opened',
  actor: reviewers[0],
  data: {
    ref: REF,
    organisation: 'Example School',
    reviewers: [
      { id: reviewers[0], name: 'A. Head', role: 'Headteacher' },
      { id: reviewers[1], name: 'D. Lead', role: 'Designated Safeguarding Lead' },
    ],
    computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
    deviceKeyFingerprint: deviceFp,
    profile: { id: 'swgfl-template', sha256: sha256Hex('profile') },
    reason: 'Report of bullying messages',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
    practice: true,
  },
});

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

/** Seals the commands in order without asking the procedure, signing the head after each step with the device key. */
export const forgeJournal = (device: Signer, cmds: readonly AnyCommand[]): JournalEntry[] => {
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
  for (const c of cmds) {
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

/** A complete, signed bag around a journal, holding exactly the screenshots given. */
export const forgeBag = (
  entries: readonly JournalEntry[],
  device: Signer,
  reviewer: Signer,
  screenshots: readonly Uint8Array[],
): Map<string, Uint8Array> => {
  const payload: BagFile[] = [
    { path: PAYLOAD.incident, bytes: utf8Encode('{"placeholder":true}\n') },
    { path: PAYLOAD.journal, bytes: utf8Encode(journalFileText(entries.map((e) => JSON.stringify(e)))) },
    ...screenshots.map((b) => ({ path: screenshotPath(createHash('sha256').update(b).digest('hex')), bytes: b })),
    { path: PAYLOAD.form, bytes: minimalPdf('form') },
    { path: PAYLOAD.screenshotsPdf, bytes: minimalPdf('shots') },
    { path: PAYLOAD.urls, bytes: utf8Encode(urlsCsvText(entries)) },
    { path: PAYLOAD.verify, bytes: utf8Encode('How to check this bundle.\n') },
  ];
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
      { name: 'ah', publicKeyPem: reviewer.publicKeyPem, sign: (m) => reviewer.sign(m) },
    ],
  );
  return new Map(files.map((f) => [f.path, f.bytes]));
};

export const verifyFiles = (files: ReadonlyMap<string, Uint8Array>, rootName?: string): Promise<BundleReport> =>
  verifyBag(nodeCrypto, memorySource(files, rootName));

export const codes = (r: BundleReport): string[] => [...new Set(r.problems.map((p) => p.code))].sort();
