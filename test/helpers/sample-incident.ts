// Test fixture: a real incident (vault, journal, FakeBrowser captures, halt, signed sign-off) and the export input it
// gives.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keptSources } from '@shared/evidence/page-record';
import { signoffMessage } from '@shared/evidence/chain';
import { profileCanonicalJson } from '@shared/policy/profile-registry';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import type { AnyCommand, EntryData, JournalEntry } from '@shared/evidence/entries';
import type { ExportInput } from '@main/export/exporter';
import { bundleIncident } from '@main/export/incident-bundle';
import { stampPdfMetadata } from '@main/export/pdf-stamp';
import { generateSigningKey, sha256Hex, type Signer } from '@main/services/crypto';
import { Investigation } from '@main/services/investigation';
import type { IncidentStore, Vault } from '@main/services/vault';
import { FakeBrowser } from './fake-browser';
import { mustAppend, newVault, REVIEWERS, toReview } from './vault';

/**
 * A small, valid PDF (correct cross-reference offsets) standing in for the printed outputs; with `padding`, it also
 * holds an unused stream of that many random bytes, standing in for the images of a long screenshots.pdf.
 */
export const minimalPdf = (text: string, padding = 0): Uint8Array => {
  const content = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(padding > 0
      ? [
          Buffer.concat([
            Buffer.from(`<< /Length ${padding} >>\nstream\n`),
            randomBytes(padding),
            Buffer.from('\nendstream'),
          ]),
        ]
      : []),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(o), Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
};

/** The default policy as the journal records it: its id and the SHA-256 of its canonical JSON. */
export const RECORDED_PROFILE = {
  id: SWGFL_TEMPLATE.id,
  sha256: sha256Hex(profileCanonicalJson(SWGFL_TEMPLATE)),
};

export interface Staff {
  ah: Signer;
  ds: Signer;
}

export interface BuiltIncident {
  vault: Vault;
  store: IncidentStore;
  inv: Investigation;
  staff: Staff;
  /** Captures kept (not purged), in order. */
  live: string[];
  purged: string[];
  input: ExportInput;
}

export interface IncidentOptions {
  /** Halt the review after two captures and purge the second. */
  halt?: boolean;
  /** Illegal content suspected at triage: no review, straight to the police route. */
  triageIllegal?: boolean;
  /** Take the incident through conclusion and both sign-offs (default true). */
  signoff?: boolean;
  /** Entries written during the review, after the captures (hostile titles and addresses, for one). */
  review?: readonly AnyCommand[];
  /** What the reviewers write of the two captures, in place of the usual descriptions. */
  concerns?: readonly [string, string];
}

/** Each reviewer signs the record digest (the conclusion entry's hash) with their own key. */
export const signOff = async (store: IncidentStore, staff: Staff): Promise<void> => {
  const conclusion = store.journal.entries.find((e) => e.kind === 'conclusion.recorded');
  if (!conclusion) throw new Error('no conclusion to sign');
  for (const id of ['ah', 'ds'] as const) {
    const signer = staff[id];
    await mustAppend(store, {
      kind: 'signoff.signed',
      actor: id,
      data: {
        reviewer: id,
        digest: conclusion.hash,
        publicKey: signer.publicKeyPem,
        signature: signer.sign(signoffMessage(store.ref, conclusion.hash)),
      },
    });
  }
};

export const plainJournalLines = async (store: IncidentStore): Promise<string[]> =>
  (await readFile(join(store.dir, 'journal.jsonl'), 'utf8')).split('\n').filter((l) => l.length > 0);

/** The export input for an incident as it stands now, signed by the device and the first reviewer. */
export const exportInput = async (
  built: Pick<BuiltIncident, 'vault' | 'store' | 'staff'>,
  halted: boolean,
): Promise<ExportInput> => {
  const { store } = built;
  const entries = store.journal.entries;
  const live = [...referenced(entries)];
  return {
    ref: store.ref,
    organisation: 'Example School',
    version: '0.1.0',
    journalLines: await plainJournalLines(store),
    screenshots: await Promise.all(live.map(async (sha256) => ({ sha256, bytes: await store.getFile(sha256) }))),
    sources: await Promise.all(
      [...keptSources(entries)].map(async (sha256) => ({ sha256, bytes: await store.getFile(sha256) })),
    ),
    profile: SWGFL_TEMPLATE,
    formPdf: minimalPdf(`Incident form ${store.ref}`),
    // A stand-in made with the marks the exporter gives, as PDFKit writes them into the real one.
    screenshotsPdf: (marks) => stampPdfMetadata(minimalPdf(`Screenshots ${store.ref}`), marks),
    signers: [
      { name: 'device', signer: built.vault.device },
      { name: 'ah', signer: built.staff.ah },
    ],
    halted,
    at: new Date('2026-11-24T10:00:00.000Z'),
  };
};

const referenced = (entries: readonly JournalEntry[]): Set<string> => {
  const live = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'capture.taken') live.add((e.data as EntryData<'capture.taken'>).sha256);
    if (e.kind === 'capture.purged') live.delete((e.data as EntryData<'capture.purged'>).sha256);
  }
  return live;
};

export const buildIncident = async (opts: IncidentOptions = {}): Promise<BuiltIncident> => {
  const vault = await newVault();
  const staff: Staff = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
  const ref = vault.newRef();
  const opened: AnyCommand = {
    kind: 'incident.opened',
    actor: 'ah',
    data: {
      ref,
      organisation: 'Example School',
      reviewers: [
        { ...REVIEWERS[0], keyFingerprint: staff.ah.fingerprint },
        { ...REVIEWERS[1], keyFingerprint: staff.ds.fingerprint },
      ],
      computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
      deviceKeyFingerprint: vault.device.fingerprint,
      profile: RECORDED_PROFILE,
      reason: 'Report of bullying messages on a social network',
      subject: { kind: 'pupil', ref: 'P-117' },
      category: 'Cyberbullying',
      practice: true,
    },
  };
  const store = await vault.createIncident(opened as Extract<AnyCommand, { kind: 'incident.opened' }>);
  const browser = new FakeBrowser();
  const inv = new Investigation({ store, launchBrowser: async () => browser });
  if (opts.triageIllegal) {
    await mustAppend(store, {
      kind: 'clock.confirmed',
      actor: 'ah',
      data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 },
    });
    await mustAppend(store, { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: true } });
    await inv.act({
      kind: 'referral.recorded',
      actor: 'ds',
      data: { to: 'Police (101)', toldAt: '2026-11-24T09:05:00.000Z', reference: 'PR-1' },
    });
    await inv.act({
      kind: 'judgement.made',
      actor: 'ah',
      data: { substance: true, actions: ['police'], policeReasons: ['other-criminal'] },
    });
    await inv.act({
      kind: 'isolation.recorded',
      actor: 'ds',
      data: { checks: ['The computer in question was switched off and locked away'] },
    });
    await inv.act({
      kind: 'conclusion.recorded',
      actor: 'ah',
      data: { text: 'Referred to the police; no review on this computer.' },
    });
    await signOff(store, staff);
    const built = { vault, store, inv, staff, live: [], purged: [] };
    return { ...built, input: await exportInput(built, false) };
  }
  for (const c of toReview) await mustAppend(store, c);
  await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/1');
  await inv.browse('ah', 'navigate', 'http://127.0.0.1:9/post/2?a=1,b="2"');
  const one = await inv.capture('ah', 'viewport', opts.concerns?.[0] ?? 'Name-calling in the comments');
  const two = await inv.capture('ds', 'fullpage', opts.concerns?.[1] ?? 'The whole thread');
  for (const c of opts.review ?? []) await mustAppend(store, c);
  let live = [one.sha256, two.sha256];
  let purged: string[] = [];
  if (opts.halt) {
    await inv.halt('ds', 'http://127.0.0.1:9/halt/');
    await inv.purge('ds', [two.sha256]);
    live = [one.sha256];
    purged = [two.sha256];
    await inv.act({
      kind: 'judgement.made',
      actor: 'ah',
      data: { substance: true, actions: ['internal', 'police'], policeReasons: [] },
    });
    await inv.act({
      kind: 'isolation.recorded',
      actor: 'ds',
      data: { checks: ['The computer in question was switched off and locked away'] },
    });
  } else {
    await inv.act({
      kind: 'judgement.made',
      actor: 'ah',
      data: { substance: true, actions: ['internal'], policeReasons: [] },
    });
  }
  if (opts.signoff !== false) {
    await inv.act({
      kind: 'conclusion.recorded',
      actor: 'ah',
      data: { text: 'Bullying confirmed; handled under the behaviour policy.' },
    });
    await signOff(store, staff);
  }
  const built = { vault, store, inv, staff, live, purged };
  return { ...built, input: await exportInput(built, !!opts.halt) };
};

/** The built incident's bundle at `outPath`, exported as the app exports it; its form a small PDF (no Chromium). */
export const exportBuilt = (built: BuiltIncident, outPath: string, at: Date) =>
  bundleIncident({
    store: built.store,
    organisation: 'Example School',
    version: '0.1.0',
    printer: { pdf: async () => minimalPdf('form'), close: async () => undefined },
    device: built.vault.device,
    reviewer: { id: 'ah', signer: built.staff.ah },
    profile: SWGFL_TEMPLATE,
    outPath,
    at,
  });
