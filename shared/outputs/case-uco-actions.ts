// What each kind of journal entry is in CASE/UCO terms: the investigative action it records, in plain words, with the
// objects it acted on and what it produced. Only the kinds listed here are read; any other kind adds nothing.
import type { EntryKind, JournalEntry } from '../evidence/entries';
import { FOLLOW_UP_LABELS } from '../procedure/follow-ups';
import { fileNode, ref, type JsonLd, type NodeIds } from './case-uco-nodes';

/** One investigative action, before it is written as a node. */
export interface ActionFacts {
  name: string;
  description: string;
  /** The staff id that did it, when it is not the entry's actor. */
  performer?: string;
  participants?: readonly string[];
  object?: readonly string[];
  result?: readonly string[];
}

/** What a handler can add to the graph while it describes its entry. */
export interface ActionScope {
  readonly id: NodeIds;
  /** The incident's reference. */
  readonly ref: string;
  /** The URL node of an address (added on first use). */
  url(address: string): string;
  /** The File node of a capture, by its SHA-256, once its capture has been read. */
  capture(sha256: string): string | undefined;
  /** Records a capture's File node; returns its number in the incident, from 1. */
  addCapture(sha256: string, fileId: string): number;
  add(node: JsonLd): string;
  /** A person's name, by staff id. */
  nameOf(staffId: string): string;
}

type Handler<K extends EntryKind> = (e: JournalEntry<K>, s: ActionScope) => ActionFacts | null;
type Handlers = { [K in EntryKind]?: Handler<K> };

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const optional = (label: string, v: string | undefined): string => (v ? ` ${label}: ${v}.` : '');
const list = (items: readonly string[]): string => (items.length ? items.join(', ') : 'none');

const capture: Handler<'capture.taken'> = (e, s) => {
  const d = e.data;
  // The procedure accepts a repeated capture of identical bytes as the same capture: it is described once.
  if (s.capture(d.sha256)) return null;
  const fileId = s.id(`capture ${d.sha256}`);
  const n = s.addCapture(d.sha256, fileId);
  const exhibit = `${s.ref}-${n}`;
  s.add(
    fileNode(s.id, {
      role: `capture ${d.sha256}`,
      name: `${d.sha256}.png`,
      sha256: d.sha256,
      bytes: d.bytes,
      mimeType: 'image/png',
      description:
        `Screenshot ${n} (${d.mode === 'fullpage' ? 'full page' : 'the visible part of the page'}, ` +
        `${d.width} x ${d.height} pixels) of ${d.url}, page title "${d.title}". In the bundle as ` +
        `data/screenshots/${d.sha256}.png unless it was purged after a halt.`,
    }),
  );
  const url = s.url(d.url);
  const record = s.add({
    '@id': s.id(`provenance ${d.sha256}`),
    '@type': 'case-investigation:ProvenanceRecord',
    'case-investigation:exhibitNumber': exhibit,
    'uco-core:description': `Screenshot ${n} and the address it shows, captured at ${e.at} (journal entry ${e.seq}).`,
    'uco-core:object': [ref(fileId), ref(url)],
  });
  return {
    name: 'capture',
    description: `Took screenshot ${n} of ${d.url}.${optional('Concern', d.concern?.trim())}`,
    object: [url],
    result: [fileId, record],
  };
};

const judgementWords = (j: {
  substance: boolean;
  actions: readonly string[];
  policeReasons?: readonly string[];
  sanctionRow?: string | undefined;
  sanctions?: readonly string[] | undefined;
}): string =>
  `Substance: ${yesNo(j.substance)}. Action: ${list(j.actions)}.` +
  (j.policeReasons ? ` Police-reportable reasons: ${list(j.policeReasons)}.` : '') +
  optional('Closest sanctions row', j.sanctionRow) +
  (j.sanctions?.length ? ` Sanctions: ${j.sanctions.join(', ')}.` : '');

/** Every kind read, and the action it records; a kind with no handler adds no action. */
export const ACTION_HANDLERS: Handlers = {
  'clock.confirmed': (e) => ({
    name: 'clock check',
    description:
      `Compared the computer's clock (showing ${e.data.shownAt}) with a trusted clock: ` +
      `the trusted clock was ${e.data.offsetMs} ms ahead.${optional('Note', e.data.note)}`,
  }),
  'clock.jump': (e) => ({
    name: 'clock jump',
    description: `The computer's clock moved ${e.data.wallDeltaMs} ms while ${e.data.monoDeltaMs} ms passed.`,
  }),
  'triage.answered': (e) => ({
    name: 'triage',
    description: `Asked whether illegal content is suspected: ${yesNo(e.data.illegalSuspected)}.`,
  }),
  'capture.taken': capture,
  'media.revealed': (e, s) => ({
    name: 'blurred media shown',
    description: `Chose to see, unblurred, the ${e.data.kind} at this address, which safe view had shown blurred.`,
    object: [s.url(e.data.url)],
  }),
  'capture.described': (e, s) => ({
    name: 'description',
    description: `Described the content causing concern in screenshot ${e.data.sha256}: ${e.data.concern}`,
    object: [s.capture(e.data.sha256)].filter((x): x is string => x !== undefined),
  }),
  'capture.discarded': (e) => ({
    name: 'capture discarded',
    description: `A capture in progress was discarded: ${e.data.reason}`,
  }),
  'note.added': (e) => ({ name: 'note', description: e.data.text }),
  'review.halted': (e, s) => ({
    name: 'halt',
    description:
      'Halted the review: child sexual abuse imagery was suspected at this address. No image of it was kept and ' +
      `no capture was possible afterwards.${optional('Reason', e.data.reason)}`,
    object: [s.url(e.data.url)],
  }),
  'halt.purge-decided': (e, s) => ({
    name: 'purge decision',
    description: `Decided which earlier screenshots show the suspect imagery: ${list(e.data.captures)}.`,
    object: e.data.captures.map((h) => s.capture(h)).filter((x): x is string => x !== undefined),
  }),
  'capture.purged': (e, s) => ({
    name: 'purge',
    description: e.data.fileDestroyed
      ? `Destroyed screenshot ${e.data.sha256}: only its SHA-256 remains.`
      : `Purged screenshot ${e.data.sha256} (its file was already gone): only its SHA-256 remains.`,
    object: [s.capture(e.data.sha256)].filter((x): x is string => x !== undefined),
  }),
  'referral.recorded': (e) => ({
    name: 'referral',
    description:
      `Told ${e.data.to} at ${e.data.toldAt}.` +
      optional('Reference', e.data.reference) +
      optional('Note', e.data.note),
  }),
  'told.recorded': (e) => ({
    name: e.data.police ? 'police referral' : 'told',
    description:
      `Told ${e.data.who} at ${e.data.toldAt}` +
      `${e.data.how ? ` (${e.data.how})` : ''}.` +
      optional('Reference', e.data.reference) +
      optional('Note', e.data.note),
  }),
  'site.recorded': (e, s) => ({
    name: 'site of concern recorded',
    description: e.data.url
      ? `Recorded the address of a site of concern without opening it. Concern: ${e.data.concern}`
      : `Recorded a device of concern: ${e.data.device ?? ''}. Concern: ${e.data.concern}`,
    object: e.data.url ? [s.url(e.data.url)] : [],
  }),
  'judgement.made': (e) => ({ name: 'judgement', description: judgementWords(e.data) }),
  'isolation.recorded': (e) => ({
    name: 'isolation',
    description: `Recorded how the evidence was kept isolated: ${list(e.data.checks)}.`,
  }),
  'conclusion.recorded': (e) => ({ name: 'conclusion', description: e.data.text }),
  'signoff.signed': (e) => ({
    name: 'sign-off',
    description: `Signed off the record (record digest ${e.data.digest}) with their own Ed25519 key.`,
    performer: e.data.reviewer,
  }),
  'reviewer.key-changed': (e, s) => ({
    name: 'key change',
    description:
      `${s.nameOf(e.data.reviewer)}'s signing key was replaced after a passphrase recovery ` +
      `(old key ${e.data.oldFingerprint}, new key ${e.data.newFingerprint}), vouched for by ` +
      `${s.nameOf(e.data.witness)} and the computer's key.`,
    participants: [e.data.reviewer, e.data.witness],
  }),
  'device.changed': (e, s) => ({
    name: 'computer changed',
    description:
      `The records were restored from a backup (manifest SHA-256 ${e.data.backupManifestSha256}) onto another ` +
      `computer: its key ${e.data.newFingerprint} signs from here on, in place of ${e.data.oldFingerprint}. ` +
      `Agreed by ${list(e.data.approvals.map((a) => s.nameOf(a.reviewer)))}` +
      (e.data.recoveryCode ? ', with the recovery code standing in for the second person.' : '.'),
    participants: e.data.approvals.map((a) => a.reviewer),
  }),
  'addendum.added': (e, s) => ({
    name: 'addendum',
    description:
      e.data.text +
      (e.data.signatures?.length ? ` Signed by: ${list(e.data.signatures.map((x) => s.nameOf(x.reviewer)))}.` : ''),
  }),
  'followup.added': (e, s) => ({
    name: 'follow-up',
    description:
      `${FOLLOW_UP_LABELS[e.data.kind]}: ${e.data.text}` +
      (e.data.judgement ? ` New judgement: ${judgementWords(e.data.judgement)}` : '') +
      ` Signed by: ${list(e.data.signatures.map((x) => s.nameOf(x.reviewer)))}.`,
  }),
  'recovery.torn-tail': (e) => ({
    name: 'recovery',
    description:
      `A half-written journal line (${e.data.bytes} bytes, SHA-256 ${e.data.sha256}) found after an interruption ` +
      `was kept as ${e.data.keptAs}.`,
  }),
  'recovery.orphan-removed': (e) => ({
    name: 'recovery',
    description:
      `A file written when the app was interrupted, never entered in the journal, was removed ` +
      `(${e.data.bytes} bytes, SHA-256 ${e.data.sha256}).`,
  }),
  'export.made': (e, s) => {
    const role = `export ${e.seq}`;
    const file = s.add(
      fileNode(s.id, {
        role,
        name: e.data.file,
        sha256: e.data.sha256,
        mimeType: 'application/zip',
        description: `An evidence bundle exported earlier for ${e.data.recipient}.`,
      }),
    );
    return { name: 'export', description: `Exported the evidence bundle for ${e.data.recipient}.`, result: [file] };
  },
};
