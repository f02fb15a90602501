// One valid command of every kind of journal entry (and the variants that matter), by name, and a way to run a list
// of them from the start: the procedure machine's tests share them.
import type { AnyCommand } from '@shared/evidence/entries';
import { apply, INITIAL_STATE, type IncidentState } from '@shared/procedure/procedure-machine';

export const H = (c: string) => c.repeat(64);
export const C1 = H('1');
export const opened: AnyCommand = {
  kind: 'incident.opened',
  actor: 'ah',
  data: {
    ref: 'CS-20261124-ABC123',
    organisation: 'Example School',
    reviewers: [
      { id: 'ah', name: 'A. Head', role: 'Headteacher' },
      { id: 'ds', name: 'D. Lead', role: 'DSL' },
    ],
    computer: { name: 'LAPTOP-1', location: 'Office' },
    deviceKeyFingerprint: H('d'),
    profile: { id: 'swgfl-template', sha256: H('7') },
    reason: 'Report of bullying',
    subject: { kind: 'pupil', ref: 'P-1' },
    category: 'Cyberbullying',
    practice: false,
    reportedBy: 'Class teacher, Year 8',
    rules: 2,
  },
};

/** One valid command of every kind (and the variants that matter), by name. */
export const COMMANDS: Record<string, AnyCommand> = {
  open: opened,
  clock: { kind: 'clock.confirmed', actor: 'ah', data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 } },
  clockJump: { kind: 'clock.jump', actor: 'system', data: { wallDeltaMs: 60000, monoDeltaMs: 1000, driftMs: 59000 } },
  triageNo: { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: false } },
  triageYes: { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: true } },
  request: { kind: 'browser.requested', actor: 'ah', data: { action: 'navigate', url: 'http://127.0.0.1/' } },
  reveal: { kind: 'media.revealed', actor: 'ds', data: { url: 'http://127.0.0.1/a.png', kind: 'image' } },
  navigated: { kind: 'browser.navigated', actor: 'system', data: { url: 'http://127.0.0.1/', frame: 'main' } },
  redirected: {
    kind: 'browser.redirected',
    actor: 'system',
    data: { from: 'http://a/', to: 'http://b/', how: 'http', status: 302 },
  },
  inPage: { kind: 'browser.in-page', actor: 'system', data: { url: 'http://a/#x', frame: 'main' } },
  title: { kind: 'browser.title', actor: 'system', data: { url: 'http://a/', title: 'A' } },
  loadFailed: {
    kind: 'browser.load-failed',
    actor: 'system',
    data: { url: 'http://a/', error: 'ERR_CONNECTION_REFUSED' },
  },
  certError: {
    kind: 'browser.certificate-error',
    actor: 'system',
    data: { url: 'https://a/', error: 'ERR_CERT_AUTHORITY_INVALID' },
  },
  popup: { kind: 'browser.popup-blocked', actor: 'system', data: { url: 'http://a/pop' } },
  download: { kind: 'browser.download-blocked', actor: 'system', data: { url: 'http://a/f.zip', filename: 'f.zip' } },
  permission: {
    kind: 'browser.permission-denied',
    actor: 'system',
    data: { permission: 'geolocation', origin: 'http://a' },
  },
  navBlocked: {
    kind: 'browser.navigation-blocked',
    actor: 'system',
    data: { url: 'file:///etc/passwd', reason: 'scheme' },
  },
  tornDown: { kind: 'browser.torn-down', actor: 'system', data: { reason: 'halt' } },
  capture: {
    kind: 'capture.taken',
    actor: 'ah',
    data: { sha256: H('2'), bytes: 10, width: 1, height: 1, url: 'http://a/', title: 'A', mode: 'viewport' },
  },
  describe: { kind: 'capture.described', actor: 'ds', data: { sha256: C1, concern: 'Threatening comment' } },
  discarded: { kind: 'capture.discarded', actor: 'system', data: { reason: 'halted while the capture was in flight' } },
  note: { kind: 'note.added', actor: 'ds', data: { text: 'A note' } },
  halt: { kind: 'review.halted', actor: 'ah', data: { url: 'http://a/suspect' } },
  purgeDecide: { kind: 'halt.purge-decided', actor: 'ah', data: { captures: [C1] } },
  purge: { kind: 'capture.purged', actor: 'ah', data: { sha256: C1, fileDestroyed: true } },
  referral: {
    kind: 'referral.recorded',
    actor: 'ds',
    data: { to: 'Police 101', toldAt: '2026-11-24T10:00:00.000Z', reference: 'REF-1' },
  },
  judgeInternal: {
    kind: 'judgement.made',
    actor: 'ah',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  },
  judgePolice: {
    kind: 'judgement.made',
    actor: 'ah',
    data: { substance: true, actions: ['internal', 'police'], policeReasons: ['grooming'] },
  },
  judgeNone: { kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } },
  judgePoliceSanction: {
    kind: 'judgement.made',
    actor: 'ah',
    data: { substance: true, actions: ['internal'], policeReasons: [], sanctions: ['Warning', 'Refer to Police'] },
  },
  site: { kind: 'site.recorded', actor: 'ds', data: { url: 'http://a/other', concern: 'Threats in a comment' } },
  siteDevice: {
    kind: 'site.recorded',
    actor: 'ds',
    data: { device: "Pupil's school tablet, asset tag 4471", concern: 'Messages from an adult' },
  },
  toldLado: {
    kind: 'told.recorded',
    actor: 'ah',
    data: { who: 'LADO', contact: 'lado', police: false, toldAt: '2026-11-24T09:30:00.000Z', how: 'phone' },
  },
  toldPolice: {
    kind: 'told.recorded',
    actor: 'ah',
    data: { who: 'Police (non-emergency)', police: true, toldAt: '2026-11-24T09:40:00.000Z', reference: 'CAD-1' },
  },
  isolate: { kind: 'isolation.recorded', actor: 'ds', data: { checks: ['Unplugged from the network'] } },
  conclude: { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Concern upheld; sanctions applied.' } },
  signAh: {
    kind: 'signoff.signed',
    actor: 'ah',
    data: { reviewer: 'ah', digest: H('c'), publicKey: 'PEM', signature: 'a'.repeat(128) },
  },
  signDs: {
    kind: 'signoff.signed',
    actor: 'ds',
    data: { reviewer: 'ds', digest: H('c'), publicKey: 'PEM', signature: 'b'.repeat(128) },
  },
  addendum: { kind: 'addendum.added', actor: 'ah', data: { text: 'Police replied: no further action.' } },
  followDebrief: {
    kind: 'followup.added',
    actor: 'ds',
    data: {
      kind: 'debrief',
      text: 'Debrief held with the DSL team.',
      signatures: [{ reviewer: 'ds', signature: 's' }],
    },
  },
  followPolice: {
    kind: 'followup.added',
    actor: 'ah',
    data: {
      kind: 'police-response',
      text: 'No illegal material confirmed.',
      signatures: [{ reviewer: 'ah', signature: 's' }],
    },
  },
  followInternal: {
    kind: 'followup.added',
    actor: 'ah',
    data: {
      kind: 'internal-procedures',
      text: 'Back to the behaviour policy.',
      judgement: { substance: true, actions: ['internal'], policeReasons: [], sanctions: ['Warning'] },
      signatures: [{ reviewer: 'ah', signature: 's' }],
    },
  },
  head: {
    kind: 'head.signed',
    actor: 'system',
    data: { seq: 0, hash: H('e'), keyFingerprint: H('d'), signature: 'c'.repeat(128) },
  },
  torn: { kind: 'recovery.torn-tail', actor: 'system', data: { bytes: 3, sha256: H('f'), keptAs: 'quarantine/t.bin' } },
  orphan: { kind: 'recovery.orphan-removed', actor: 'system', data: { sha256: H('f'), bytes: 3 } },
  exported: { kind: 'export.made', actor: 'system', data: { recipient: 'police', file: 'x.zip', sha256: H('9') } },
};

export const run = (...names: string[]): IncidentState => {
  let s = INITIAL_STATE;
  for (const n of names) {
    const cmd = COMMANDS[n];
    if (!cmd) throw new Error(n);
    const r = apply(s, cmd, n === 'conclude' ? H('c') : undefined);
    if (!r.ok) throw new Error(`${n}: ${r.error.message}`);
    s = r.value;
  }
  return s;
};
const withCapture: AnyCommand = {
  kind: 'capture.taken',
  actor: 'ah',
  data: { sha256: C1, bytes: 10, width: 1, height: 1, url: 'http://a/', title: 'A', mode: 'viewport' },
};
COMMANDS.capture1 = withCapture;
