// Exports an incident as its evidence bundle (docs/formats/bundle.md): checks what it is given, builds the signed bag,
// writes the zip.
import { auditJournal } from '@shared/evidence/audit';
import { reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import {
  DEVICE_SIGNER,
  PAYLOAD,
  SIGNER_NAME_RE,
  journalFileText,
  screenshotPath,
  type BagFile,
} from '@shared/evidence/bundle/bag-layout';
import { buildBag, type BagSigner } from '@shared/evidence/bundle/build-bag';
import { incidentJsonText } from '@shared/evidence/bundle/incident-json';
import { urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import type { EntryData, JournalEntry } from '@shared/evidence/entries';
import { recordDigestOf, sealedHeadOf } from '@shared/evidence/record-anchors';
import { profileCanonicalJson, type PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import { nodeCrypto, sha256Hex, type Signer } from '../services/crypto';
import { verifyText } from './instructions';
import { stampPdfMetadata } from './pdf-stamp';
import { writeZipFile, type ExportIo, type ZipResult } from './zip';

export interface BundleSigner {
  /** "device" for the computer's key; the staff id for the exporting reviewer. */
  name: string;
  signer: Signer;
}

export interface ExportInput {
  ref: string;
  organisation: string;
  /** Countersign's version. */
  version: string;
  /** The plain journal lines, exactly as hashed. */
  journalLines: readonly string[];
  /** Every capture that was not purged, with its exact PNG bytes. */
  screenshots: readonly { sha256: string; bytes: Uint8Array }[];
  /**
   * The policy profile in force: the one whose canonical JSON's SHA-256 the journal recorded at the opening. It is
   * written as data/policy.json, and incident.json is built from the journal with it, as the verifier rebuilds it.
   */
  profile: PolicyProfile;
  /** The printed documents as rendered; the exporter writes the incident's marks into their metadata. */
  formPdf: Uint8Array;
  screenshotsPdf: Uint8Array;
  signers: readonly BundleSigner[];
  /** The review was halted (suspected child sexual abuse imagery). */
  halted: boolean;
  /** When the bundle is made; now unless given. */
  at?: Date;
}

export interface ExportOptions {
  /** AES-256 encryption of every file in the zip; the password goes to the recipient separately. */
  password?: string;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

const REF_RE = /^[A-Z0-9-]{4,40}$/;

/** Node's encoder: the journal of a long review runs to megabytes. */
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

const refuse = (message: string): never => {
  throw new CodedError('INVALID_INPUT', message);
};

/** The journal must be intact and agree with what the caller says before the device vouches for it. */
const checkInput = (input: ExportInput): { entries: JournalEntry[]; device: Signer } => {
  if (!REF_RE.test(input.ref)) refuse(`"${input.ref}" is not an incident reference.`);
  const device = input.signers.find((s) => s.name === DEVICE_SIGNER)?.signer;
  if (!device) return refuse('The device must sign the bundle.');
  if (!input.signers.some((s) => s.name !== DEVICE_SIGNER)) refuse('The exporting reviewer must sign the bundle.');
  for (const s of input.signers) {
    if (!SIGNER_NAME_RE.test(s.name)) refuse(`"${s.name}" cannot name a signature file.`);
  }
  if (new Set(input.signers.map((s) => s.name)).size !== input.signers.length)
    refuse('Two signers have the same name.');
  if (input.journalLines.some((l) => l.includes('\n') || l.includes('\r')))
    refuse('A journal line holds a line break.');

  const audit = auditJournal(nodeCrypto, input.journalLines, device.publicKeyPem);
  const first = audit.problems[0];
  if (first)
    throw new CodedError(
      'CORRUPT',
      `The journal is not intact, so it cannot be exported: ${first.where}: ${first.message}`,
    );
  const entries = audit.entries;
  const opened = entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened');
  if (!opened) return refuse('The journal has no opening entry.');
  if (opened.data.ref !== input.ref) refuse(`The journal is incident ${opened.data.ref}, not ${input.ref}.`);
  if (sha256Hex(profileCanonicalJson(input.profile)) !== opened.data.profile.sha256)
    refuse(
      `The policy profile given is not the one in force when incident ${input.ref} was opened ` +
        `("${opened.data.profile.id}", SHA-256 ${opened.data.profile.sha256.slice(0, 16)}…).`,
    );
  if (opened.data.deviceKeyFingerprint !== device.fingerprint)
    refuse('The device key is not the key of the computer this incident was opened on.');
  for (const { name, signer } of input.signers) {
    const registered = reviewerKeyAt(entries, name);
    const signedOff = entries.find(
      (e) => e.kind === 'signoff.signed' && (e.data as EntryData<'signoff.signed'>).reviewer === name,
    );
    const signoffKey = signedOff
      ? nodeCrypto.fingerprint((signedOff.data as EntryData<'signoff.signed'>).publicKey)
      : undefined;
    if ((registered && registered !== signer.fingerprint) || (signoffKey && signoffKey !== signer.fingerprint)) {
      refuse(`The key given for ${name} is not the key registered for ${name} in this incident.`);
    }
  }
  const halted = entries.some((e) => e.kind === 'review.halted');
  if (halted !== input.halted)
    refuse(
      halted
        ? 'The journal records a halt, but the export says the review was not halted.'
        : 'The export says the review was halted, but the journal records no halt.',
    );

  const live = new Set<string>();
  const purged = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'capture.taken') live.add((e.data as EntryData<'capture.taken'>).sha256);
    if (e.kind === 'capture.purged') {
      const sha = (e.data as EntryData<'capture.purged'>).sha256;
      live.delete(sha);
      purged.add(sha);
    }
  }
  const given = new Set<string>();
  for (const s of input.screenshots) {
    if (purged.has(s.sha256))
      refuse(`Capture ${s.sha256.slice(0, 12)}… was purged after the halt: it must never leave the vault.`);
    if (!live.has(s.sha256)) refuse(`Capture ${s.sha256.slice(0, 12)}… is not a capture of this incident.`);
    if (given.has(s.sha256)) refuse(`Capture ${s.sha256.slice(0, 12)}… is given twice.`);
    if (sha256Hex(s.bytes) !== s.sha256)
      throw new CodedError(
        'CORRUPT',
        `Capture ${s.sha256.slice(0, 12)}… does not match its hash: it has been altered or damaged.`,
      );
    given.add(s.sha256);
  }
  const missing = [...live].find((sha) => !given.has(sha));
  if (missing)
    refuse(
      `Capture ${missing.slice(0, 12)}… is missing from the export: a bundle holds every capture that was not purged.`,
    );
  return { entries, device };
};

const describe = (screenshots: number, locked: 'halt' | 'triage' | null): string =>
  [
    `Evidence bundle of a ` +
      `school online-safety ` +
      `incident review: the incident record, its hash-chained journal, ${screenshots} screenshot(s), ` +
      'the printed form and screenshots, and the URLs visited.',
    locked === 'halt'
      ? 'The review was halted for suspected child sexual abuse imagery; no image of that content exists.'
      : '',
    locked === 'triage' ? 'Illegal content was suspected at triage, so there was no review on this computer.' : '',
  ]
    .filter(Boolean)
    .join(' ');

/** The marks each PDF carries in its metadata: what the verifier compares with the journal. */
const stampPdfs = async (
  input: ExportInput,
  entries: readonly JournalEntry[],
): Promise<{ form: Uint8Array; screenshots: Uint8Array }> => {
  const marks = { ref: input.ref, recordDigest: recordDigestOf(entries), sealedHead: sealedHeadOf(entries) };
  const subject =
    `Countersign incident ${input.ref}` + (marks.recordDigest ? `, record digest ${marks.recordDigest}` : '');
  return {
    form: await stampPdfMetadata(input.formPdf, { ...marks, title: `Incident form ${input.ref}`, subject }),
    screenshots: await stampPdfMetadata(input.screenshotsPdf, { ...marks, title: `Screenshots ${input.ref}`, subject }),
  };
};

/** The bag's files, in the order they go into the zip (paths relative to the bag's top folder). */
export const bagFiles = async (input: ExportInput): Promise<BagFile[]> => {
  const { entries } = checkInput(input);
  const at = input.at ?? new Date();
  const baggingDate = at.toISOString().slice(0, 10);
  const locked = entries.some((e) => e.kind === 'review.halted')
    ? 'halt'
    : entries.some((e) => e.kind === 'triage.answered' && (e.data as EntryData<'triage.answered'>).illegalSuspected)
      ? 'triage'
      : null;
  const signers: BagSigner[] = input.signers.map(({ name, signer }) => ({
    name,
    publicKeyPem: signer.publicKeyPem,
    sign: (m) => signer.sign(m),
  }));
  const pdfs = await stampPdfs(input, entries);
  const payload: BagFile[] = [
    { path: PAYLOAD.incident, bytes: utf8(incidentJsonText(nodeCrypto, entries, input.profile)) },
    { path: PAYLOAD.journal, bytes: utf8(journalFileText(input.journalLines)) },
    ...input.screenshots.map((s) => ({ path: screenshotPath(s.sha256), bytes: s.bytes })),
    { path: PAYLOAD.form, bytes: pdfs.form },
    { path: PAYLOAD.screenshotsPdf, bytes: pdfs.screenshots },
    { path: PAYLOAD.urls, bytes: utf8(urlsCsvText(entries)) },
    { path: PAYLOAD.policy, bytes: utf8(profileCanonicalJson(input.profile)) },
    {
      path: PAYLOAD.verify,
      bytes: utf8(
        verifyText({
          ref: input.ref,
          version: input.version,
          baggingDate,
          signers: [...input.signers]
            .sort((a, b) => (a.name === DEVICE_SIGNER ? -1 : b.name === DEVICE_SIGNER ? 1 : 0))
            .map((s) => ({ name: s.name, fingerprint: s.signer.fingerprint })),
          locked,
          screenshots: input.screenshots.length,
        }),
      ),
    },
  ];
  return buildBag(
    nodeCrypto,
    {
      ref: input.ref,
      organisation: input.organisation,
      version: input.version,
      baggingDate,
      description: describe(input.screenshots.length, locked),
      journal: { entries: entries.length, head: entries.at(-1)?.hash ?? '' },
      payload,
    },
    signers,
  );
};

/**
 * Writes the incident's evidence bundle to `outPath` as a zip holding one folder named after the
 * incident. The name holds either the complete, fsynced bundle or nothing: a temporary file beside
 * it is renamed only when every byte is written. Fails with INVALID_INPUT or CORRUPT before writing
 * anything, IO_ERROR (in plain words) or CANCELLED.
 */
export const exportBundle = async (
  input: ExportInput,
  outPath: string,
  opts: ExportOptions = {},
  io?: ExportIo,
): Promise<ZipResult> => {
  if (opts.password !== undefined && opts.password.length === 0)
    refuse('The password is empty: give one, or export without encryption.');
  const files = await bagFiles(input);
  return writeZipFile(
    outPath,
    files.map((f) => ({ name: `${input.ref}/${f.path}`, bytes: f.bytes, store: /\.(png|pdf)$/.test(f.path) })),
    { ...opts, lastModDate: input.at ?? new Date(), ...(io ? { io } : {}) },
  );
};
