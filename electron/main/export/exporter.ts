// Exports an incident as its evidence bundle (docs/formats/bundle.md): checks what it is given, builds the signed bag,
// writes the zip.
import { auditJournal } from '@shared/evidence/audit';
import { deviceFingerprintAt } from '@shared/evidence/device-keys';
import { reviewerKeyAt } from '@shared/evidence/reviewer-keys';
import {
  DEVICE_SIGNER,
  PAYLOAD,
  SIGNER_NAME_RE,
  TAG_FILES,
  journalFileText,
  screenshotPath,
  type BagFile,
  type PayloadDigest,
} from '@shared/evidence/bundle/bag-layout';
import { signedTagFiles, type BagSigner } from '@shared/evidence/bundle/build-bag';
import { incidentJsonText } from '@shared/evidence/bundle/incident-json';
import { BUNDLE_TIMESTAMP } from '@shared/evidence/timestamp/stamped';
import { urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import { connectionJsonText, connectionPath, sourcePath } from '@shared/evidence/bundle/page-files';
import { keptPages, keptSources } from '@shared/evidence/page-record';
import { caseJsonldText } from '@shared/outputs/case-uco';
import type { EntryData, JournalEntry } from '@shared/evidence/entries';
import { profileCanonicalJson, type PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError } from '@shared/result';
import { nodeCrypto, sha256Hex, type Signer } from '../services/crypto';
import { chunksOf } from '../services/durable';
import { verifyText } from './instructions';
import { incidentPdfMarks, stampPdfMetadata, type PdfMetadata } from './pdf-stamp';
import { altered, measured, type PayloadBytes, type PayloadItem } from './measured-payload';
import { writeZipFile, type ExportIo, type ZipItem, type ZipResult } from './zip';

export interface BundleSigner {
  /** "device" for the computer's key; the staff id for the exporting reviewer. */
  name: string;
  signer: Signer;
}

export type { PayloadBytes };

/** A PDF in memory or as a stream. */
export type PdfBytes = Uint8Array | ReadableStream<Uint8Array>;

/** A capture as it goes into the bundle: named by its SHA-256, which its bytes are checked against as they stream. */
export interface BundleScreenshot {
  sha256: string;
  bytes: PayloadBytes;
  /** Its size in bytes, for the progress bar; known from the bytes when they are in memory. */
  size?: number;
  /**
   * Its stream checks itself: it fails at its end, before closing, unless its bytes have this SHA-256 (the vault's
   * file streams do). It is then not hashed a second time here.
   */
  selfChecked?: boolean;
}

export interface ExportInput {
  ref: string;
  organisation: string;
  /** Countersign's version. */
  version: string;
  /** The plain journal lines, exactly as hashed. */
  journalLines: readonly string[];
  /** Every capture that was not purged, with its exact PNG bytes. */
  screenshots: readonly BundleScreenshot[];
  /** The page source of every capture that was not purged, by its SHA-256 (the journal's `page.source`). */
  sources?: readonly BundleScreenshot[];
  /**
   * The policy profile in force: the one whose canonical JSON's SHA-256 the journal recorded at the opening. It is
   * written as data/policy.json, and incident.json is built from the journal with it, as the verifier rebuilds it.
   */
  profile: PolicyProfile;
  /**
   * The form as printed; it is small, so the exporter writes the incident's marks into its metadata (pdf-lib). It may
   * still be printing: it is awaited only when its turn comes in the zip, after the captures and screenshots.pdf, so
   * the printing overlaps their writing.
   */
  formPdf: Uint8Array | Promise<Uint8Array>;
  /**
   * screenshots.pdf carrying the marks given in its metadata, streamed as it is made: it holds every image again, so
   * it is never loaded to be stamped afterwards.
   */
  screenshotsPdf(marks: PdfMetadata): PdfBytes | Promise<PdfBytes>;
  /** What screenshots.pdf is expected to weigh, for the progress bar; the sum of the captures unless given. */
  screenshotsPdfSize?: number;
  signers: readonly BundleSigner[];
  /** The review was halted (suspected child sexual abuse imagery). */
  halted: boolean;
  /** When the bundle is made; now unless given. */
  at?: Date;
  /** An RFC 3161 reply over tagmanifest-sha256.txt, or null when there is none (time-stamping off or unreachable). */
  timestamp?(tagmanifest: Uint8Array): Promise<Uint8Array | null>;
}

export interface ExportOptions {
  /** AES-256 encryption of every file in the zip; the password goes to the recipient separately. */
  password?: string;
  /** Bytes of the bundle's files written so far, of the total expected. */
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
  if (deviceFingerprintAt(entries) !== device.fingerprint)
    refuse('The device key is not the key of the computer this incident is on.');
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
    // Bytes in memory are checked now; a stream is checked as it is written, and the export fails if it differs.
    if (s.bytes instanceof Uint8Array && sha256Hex(s.bytes) !== s.sha256) throw altered(s.sha256);
    given.add(s.sha256);
  }
  checkSources(entries, input.sources ?? []);
  const missing = [...live].find((sha) => !given.has(sha));
  if (missing)
    refuse(
      `Capture ${missing.slice(0, 12)}… is missing from the export: a bundle holds every capture that was not purged.`,
    );
  return { entries, device };
};

/** The page sources given are exactly those of the kept captures, each once, matching its hash when in memory. */
const checkSources = (entries: readonly JournalEntry[], sources: readonly BundleScreenshot[]): void => {
  const expected = keptSources(entries);
  const given = new Set<string>();
  for (const s of sources) {
    if (!expected.has(s.sha256) || given.has(s.sha256))
      refuse(`Page source ${s.sha256.slice(0, 12)}… is not the source of a kept capture, or is given twice.`);
    if (s.bytes instanceof Uint8Array && sha256Hex(s.bytes) !== s.sha256) throw altered(s.sha256);
    given.add(s.sha256);
  }
  const missing = [...expected].find((sha) => !given.has(sha));
  if (missing) refuse(`The page source ${missing.slice(0, 12)}… of a kept capture is missing from the export.`);
};

const describe = (screenshots: number, locked: Locked): string =>
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

type Locked = 'halt' | 'triage' | null;

const lockedBy = (entries: readonly JournalEntry[]): Locked =>
  entries.some((e) => e.kind === 'review.halted')
    ? 'halt'
    : entries.some((e) => e.kind === 'triage.answered' && (e.data as EntryData<'triage.answered'>).illegalSuspected)
      ? 'triage'
      : null;

/** What the checks found, and the form with its marks: all that is known before the first byte is written. */
interface Checked {
  entries: JournalEntry[];
  /** The form with its marks; a promise while it is still being printed. */
  formPdf: Uint8Array | Promise<Uint8Array>;
  /** The marks screenshots.pdf is made with. */
  screenshotsMarks: PdfMetadata;
}

/** Checks the input, then writes the incident's marks (reference, record digest, sealed head) into the small form. */
const prepare = async (input: ExportInput): Promise<Checked> => {
  const { entries } = checkInput(input);
  const marks = incidentPdfMarks(input.ref, entries, 'form');
  const { formPdf } = input;
  let stamped: Checked['formPdf'];
  if (formPdf instanceof Uint8Array) stamped = await stampPdfMetadata(formPdf, marks);
  else {
    stamped = formPdf.then((pdf) => stampPdfMetadata(pdf, marks));
    // Awaited when the form's turn comes; an export that fails before then must not leave it rejected unheard.
    stamped.catch(() => undefined);
  }
  return {
    entries,
    formPdf: stamped,
    screenshotsMarks: incidentPdfMarks(input.ref, entries, 'screenshots'),
  };
};

const streamOf = (bytes: PdfBytes): ReadableStream<Uint8Array> =>
  bytes instanceof Uint8Array
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      })
    : bytes;

/** The payload, in the order it goes into the zip; the tag files follow it. */
const payloadOf = (input: ExportInput, checked: Checked, baggingDate: string): PayloadItem[] => {
  const { entries } = checked;
  const mem = (path: string, bytes: Uint8Array): PayloadItem => ({ path, bytes, size: bytes.length });
  const shotBytes = input.screenshots.reduce((n, s) => n + sizeOf(s), 0);
  return [
    mem(PAYLOAD.incident, utf8(incidentJsonText(nodeCrypto, entries, input.profile))),
    mem(PAYLOAD.journal, utf8(journalFileText(input.journalLines))),
    ...input.screenshots.map((s) => named(screenshotPath(s.sha256), s)),
    ...(input.sources ?? []).map((s) => named(sourcePath(s.sha256), s)),
    ...keptPages(entries).map((p) => mem(connectionPath(p.capture), utf8(connectionJsonText(p)))),
    {
      path: PAYLOAD.screenshotsPdf,
      bytes: async () => streamOf(await input.screenshotsPdf(checked.screenshotsMarks)),
      size: input.screenshotsPdfSize ?? shotBytes,
    },
    // After screenshots.pdf: the form prints (in Chromium) while the captures and that PDF are written, and is all
    // but always ready by then; before it, the writing could stand idle waiting for the printer.
    checked.formPdf instanceof Uint8Array
      ? mem(PAYLOAD.form, checked.formPdf)
      : { path: PAYLOAD.form, bytes: async () => streamOf(await checked.formPdf), size: 0 },
    mem(PAYLOAD.urls, utf8(urlsCsvText(entries))),
    mem(PAYLOAD.policy, utf8(profileCanonicalJson(input.profile))),
    mem(PAYLOAD.caseJsonld, utf8(caseJsonldText(entries, { version: input.version, baggingDate }))),
    mem(
      PAYLOAD.verify,
      utf8(
        verifyText({
          ref: input.ref,
          version: input.version,
          baggingDate,
          signers: [...input.signers]
            .sort((a, b) => (a.name === DEVICE_SIGNER ? -1 : b.name === DEVICE_SIGNER ? 1 : 0))
            .map((s) => ({ name: s.name, fingerprint: s.signer.fingerprint })),
          locked: lockedBy(entries),
          screenshots: input.screenshots.length,
          pages: keptPages(entries).length,
          timestamped: input.timestamp !== undefined,
        }),
      ),
    ),
  ];
};

const sizeOf = (s: BundleScreenshot): number => (s.bytes instanceof Uint8Array ? s.bytes.length : (s.size ?? 0));

/** A capture or page source at its path in the bag, to be checked against the SHA-256 it is named by. */
const named = (path: string, s: BundleScreenshot): PayloadItem => ({
  path,
  bytes: s.bytes,
  size: sizeOf(s),
  sha256: s.sha256,
  ...(s.selfChecked ? { selfChecked: true } : {}),
});

/** The token over the tag manifest, asked for once the signatures are made. */
const bundleTimestamp = async (input: ExportInput, tags: readonly BagFile[]): Promise<Uint8Array | null> => {
  const tagmanifest = tags.find((f) => f.path === TAG_FILES.tagmanifest);
  return input.timestamp && tagmanifest ? input.timestamp(tagmanifest.bytes) : null;
};

/**
 * The zip's entries one after the other: the payload, streamed, each file hashed as it goes; then the tag files and
 * signatures, made from those hashes. Paths are under the bag's top folder, named after the incident.
 */
async function* bagItems(
  input: ExportInput,
  checked: Checked,
  payload: readonly PayloadItem[],
  baggingDate: string,
  onProgress: ExportOptions['onProgress'],
) {
  const { entries } = checked;
  let total = payload.reduce((n, p) => n + p.size, 0);
  let written = 0;
  const digests: PayloadDigest[] = [];
  onProgress?.(0, total);
  for (const item of payload) {
    const before = written;
    yield {
      name: `${input.ref}/${item.path}`,
      store: /\.(png|pdf)$/.test(item.path),
      bytes: measured(
        item,
        (n) => {
          written += n;
          total = Math.max(total, written);
          onProgress?.(written, total);
        },
        (d) => digests.push(d),
      ),
    } satisfies ZipItem;
    // What a file was expected to weigh gives way to what it weighed, so the bar ends at its total.
    total += written - before - item.size;
  }
  const locked = lockedBy(entries);
  const signers: BagSigner[] = input.signers.map(({ name, signer }) => ({
    name,
    publicKeyPem: signer.publicKeyPem,
    sign: (m) => signer.sign(m),
  }));
  const tags = signedTagFiles(
    nodeCrypto,
    {
      ref: input.ref,
      organisation: input.organisation,
      version: input.version,
      baggingDate,
      description: describe(input.screenshots.length, locked),
      journal: { entries: entries.length, head: entries.at(-1)?.hash ?? '' },
    },
    digests,
    signers,
  );
  for (const f of tags) yield { name: `${input.ref}/${f.path}`, bytes: f.bytes, store: false } satisfies ZipItem;
  const tsr = await bundleTimestamp(input, tags);
  if (tsr) yield { name: `${input.ref}/${BUNDLE_TIMESTAMP}`, bytes: tsr, store: false } satisfies ZipItem;
  onProgress?.(written, total);
}

/** The day the bag is made, as bag-info.txt and case.jsonld give it. */
const baggingDateOf = (input: ExportInput): string => (input.at ?? new Date()).toISOString().slice(0, 10);

/** The bag's files in memory (payload first, then tag files), for tests and small folders. */
export const bagFiles = async (input: ExportInput): Promise<BagFile[]> => {
  const files: BagFile[] = [];
  const checked = await prepare(input);
  const baggingDate = baggingDateOf(input);
  const payload = payloadOf(input, checked, baggingDate);
  for await (const item of bagItems(input, checked, payload, baggingDate, undefined)) {
    const chunks: Uint8Array[] = [];
    if (item.bytes instanceof Uint8Array) chunks.push(item.bytes);
    else for await (const chunk of chunksOf(await item.bytes())) chunks.push(chunk);
    files.push({ path: item.name.slice(input.ref.length + 1), bytes: new Uint8Array(Buffer.concat(chunks)) });
  }
  return files;
};

/** Beyond this size a zip needs Zip64 records; asked for when the bundle may come near it. */
const ZIP64_FROM = 3.5 * 1024 ** 3;

/**
 * Writes the incident's evidence bundle to `outPath` as a zip holding one folder named after the
 * incident, streaming every file: memory stays flat however large the incident. The name holds either the
 * complete, fsynced bundle or nothing: a temporary file beside it is renamed only when every byte is written.
 * Fails with INVALID_INPUT or CORRUPT before writing anything, CORRUPT if a capture's bytes differ from its hash as
 * they are read, with the printer's error if a form still printing fails in its turn, IO_ERROR (in plain words) or
 * CANCELLED; whatever fails, nothing is left under the final name.
 */
export const exportBundle = async (
  input: ExportInput,
  outPath: string,
  opts: ExportOptions = {},
  io?: ExportIo,
): Promise<ZipResult> => {
  if (opts.password !== undefined && opts.password.length === 0)
    refuse('The password is empty: give one, or export without encryption.');
  const checked = await prepare(input);
  // The payload's texts (incident.json, case.jsonld…) are made once: their sizes say whether Zip64 is needed.
  const baggingDate = baggingDateOf(input);
  const payload = payloadOf(input, checked, baggingDate);
  const expected = payload.reduce((n, p) => n + p.size, 0);
  return writeZipFile(outPath, bagItems(input, checked, payload, baggingDate, opts.onProgress), {
    lastModDate: input.at ?? new Date(),
    ...(opts.password ? { password: opts.password } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(io ? { io } : {}),
    ...(expected > ZIP64_FROM ? { zip64: true } : {}),
  });
};
