// Every (state, command) pair of the procedure machine: allowed ones move as the policy says, forbidden ones are
// refused and change nothing.
import { describe, expect, it } from 'vitest';
import type { AnyCommand } from '@shared/evidence/entries';
import {
  apply,
  fold,
  INITIAL_STATE,
  offeredKinds,
  type IncidentState,
  type Phase,
} from '@shared/procedure/procedure-machine';

const H = (c: string) => c.repeat(64);
const C1 = H('1');
const opened: AnyCommand = {
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
  },
};

/** One valid command of every kind (and the variants that matter), by name. */
const COMMANDS: Record<string, AnyCommand> = {
  open: opened,
  clock: { kind: 'clock.confirmed', actor: 'ah', data: { shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 } },
  clockJump: { kind: 'clock.jump', actor: 'system', data: { wallDeltaMs: 60000, monoDeltaMs: 1000, driftMs: 59000 } },
  triageNo: { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: false } },
  triageYes: { kind: 'triage.answered', actor: 'ds', data: { illegalSuspected: true } },
  request: { kind: 'browser.requested', actor: 'ah', data: { action: 'navigate', url: 'http://127.0.0.1/' } },
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
  head: {
    kind: 'head.signed',
    actor: 'system',
    data: { seq: 0, hash: H('e'), keyFingerprint: H('d'), signature: 'c'.repeat(128) },
  },
  torn: { kind: 'recovery.torn-tail', actor: 'system', data: { bytes: 3, sha256: H('f'), keptAs: 'quarantine/t.bin' } },
  orphan: { kind: 'recovery.orphan-removed', actor: 'system', data: { sha256: H('f'), bytes: 3 } },
  exported: { kind: 'export.made', actor: 'system', data: { recipient: 'police', file: 'x.zip', sha256: H('9') } },
};

const run = (...names: string[]): IncidentState => {
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

const FACTS = ['clockJump', 'discarded', 'tornDown', 'head', 'torn', 'orphan'];
const BROWSING = [
  'request',
  'navigated',
  'redirected',
  'inPage',
  'title',
  'loadFailed',
  'certError',
  'popup',
  'download',
  'permission',
  'navBlocked',
];

type Expect = Phase | 'same' | 'CAPTURE_LOCKED' | 'SAME_PERSON' | 'NOT_FOUND' | 'INVALID_INPUT';
interface Row {
  state: IncidentState;
  allowed: Record<string, Expect>;
  refusedAs?: Record<string, Expect>;
}

const facts = (): Record<string, Expect> => Object.fromEntries(FACTS.map((f) => [f, 'same']));
const browsing = (): Record<string, Expect> => Object.fromEntries(BROWSING.map((f) => [f, 'same']));

const TABLE: Record<string, Row> = {
  none: { state: INITIAL_STATE, allowed: { open: 'clock' } },
  clock: { state: run('open'), allowed: { ...facts(), clock: 'triage', note: 'same' } },
  triage: {
    state: run('open', 'clock'),
    allowed: { ...facts(), triageNo: 'review', triageYes: 'referral', note: 'same' },
  },
  review: {
    state: run('open', 'clock', 'triageNo'),
    allowed: {
      ...facts(),
      ...browsing(),
      capture: 'same',
      capture1: 'same',
      note: 'same',
      halt: 'referral',
      judgeInternal: 'conclusion',
      judgePolice: 'referral',
      judgeNone: 'conclusion',
    },
    refusedAs: { describe: 'NOT_FOUND' },
  },
  reviewUndescribed: {
    state: run('open', 'clock', 'triageNo', 'capture1'),
    allowed: {
      ...facts(),
      ...browsing(),
      capture: 'same',
      capture1: 'same',
      describe: 'same',
      note: 'same',
      halt: 'referral',
    },
  },
  referralFromTriage: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'describe', 'judgePolice'),
    allowed: { ...facts(), note: 'same', referral: 'same', describe: 'same', isolate: 'conclusion' },
  },
  referralTriageIllegal: {
    state: run('open', 'clock', 'triageYes'),
    allowed: { ...facts(), note: 'same', referral: 'same', judgePolice: 'referral', isolate: 'conclusion' },
    refusedAs: { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED', describe: 'NOT_FOUND' },
  },
  referralHaltPending: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'halt'),
    allowed: { ...facts(), note: 'same', referral: 'same', describe: 'same', purgeDecide: 'referral' },
    refusedAs: { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED' },
  },
  referralHaltDecided: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'halt', 'purgeDecide'),
    allowed: {
      ...facts(),
      note: 'same',
      referral: 'same',
      describe: 'same',
      purge: 'referral',
      judgePolice: 'referral',
      isolate: 'conclusion',
    },
    refusedAs: { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED' },
  },
  conclusion: {
    state: run('open', 'clock', 'triageNo', 'judgeInternal'),
    allowed: { ...facts(), note: 'same', conclude: 'signoff' },
  },
  signoff: {
    state: run('open', 'clock', 'triageNo', 'judgeInternal', 'conclude'),
    allowed: { ...facts(), signAh: 'signoff', signDs: 'signoff' },
  },
  signoffOne: {
    state: run('open', 'clock', 'triageNo', 'judgeInternal', 'conclude', 'signAh'),
    allowed: { ...facts(), signDs: 'sealed' },
    refusedAs: { signAh: 'SAME_PERSON' },
  },
  sealed: {
    state: run('open', 'clock', 'triageNo', 'judgeInternal', 'conclude', 'signAh', 'signDs'),
    allowed: { ...facts(), addendum: 'same', exported: 'same' },
  },
};

describe('procedure machine: every (state, command) pair', () => {
  for (const [stateName, row] of Object.entries(TABLE)) {
    for (const [cmdName, cmd] of Object.entries(COMMANDS)) {
      const expected = row.allowed[cmdName];
      if (expected) {
        it(`${stateName} + ${cmdName} -> ${expected}`, () => {
          const r = apply(row.state, cmd, H('c'));
          expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
          if (r.ok) expect(r.value.phase).toBe(expected === 'same' ? row.state.phase : expected);
        });
      } else {
        const code = row.refusedAs?.[cmdName] ?? 'PROCEDURE_FORBIDS';
        it(`${stateName} + ${cmdName} is refused (${code})`, () => {
          const snapshot = structuredClone(row.state);
          const r = apply(row.state, cmd, H('c'));
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.code).toBe(code);
          expect(row.state).toEqual(snapshot);
        });
      }
    }
  }
});

describe('procedure rules', () => {
  it('needs two different people to open an incident', () => {
    const same = structuredClone(opened) as Extract<AnyCommand, { kind: 'incident.opened' }>;
    same.data.reviewers[1] = { ...same.data.reviewers[0] };
    const r = apply(INITIAL_STATE, same);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('SAME_PERSON');
  });

  it('refuses acts by anyone who is not one of the two reviewers', () => {
    const r = apply(run('open', 'clock'), { ...COMMANDS.triageNo, actor: 'intruder' } as AnyCommand);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('PROCEDURE_FORBIDS');
  });

  it('refuses a reviewer signing for the other', () => {
    const r = apply(run('open', 'clock', 'triageNo', 'judgeInternal', 'conclude'), {
      ...COMMANDS.signDs,
      actor: 'ah',
    } as AnyCommand);
    expect(r.ok).toBe(false);
  });

  it('refuses a sign-off over a digest other than the conclusion', () => {
    const s = run('open', 'clock', 'triageNo', 'judgeInternal', 'conclude');
    const wrong = structuredClone(COMMANDS.signAh) as Extract<AnyCommand, { kind: 'signoff.signed' }>;
    wrong.data.digest = H('0');
    const r = apply(s, wrong);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
  });

  it('treats a police-reportable reason as a police referral', () => {
    const bad: AnyCommand = {
      kind: 'judgement.made',
      actor: 'ah',
      data: { substance: true, actions: ['internal'], policeReasons: ['terrorism-extremism'] },
    };
    const r = apply(run('open', 'clock', 'triageNo'), bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
  });

  it('keeps capture locked for good after a halt, whatever follows', () => {
    const s = run(
      'open',
      'clock',
      'triageNo',
      'capture1',
      'halt',
      'purgeDecide',
      'purge',
      'judgePolice',
      'isolate',
      'conclude',
      'signAh',
      'signDs',
    );
    expect(s.captureLocked).toBe(true);
    const r = apply(s, COMMANDS.capture as AnyCommand);
    expect(!r.ok && r.error.code).toBe('CAPTURE_LOCKED');
  });

  it('refuses the isolation checklist until the reviewers have said which captures to purge', () => {
    const r = apply(run('open', 'clock', 'triageNo', 'capture1', 'halt'), COMMANDS.isolate as AnyCommand);
    expect(r.ok).toBe(false);
  });

  it('offers the UI exactly the reviewer acts that apply accepts', () => {
    const systemKinds = new Set([...FACTS, ...BROWSING.filter((b) => b !== 'request')].map((n) => COMMANDS[n]?.kind));
    for (const [name, row] of Object.entries(TABLE)) {
      const offered = new Set(offeredKinds(row.state));
      const accepted = new Set(
        Object.keys(row.allowed)
          .map((n) => COMMANDS[n]?.kind)
          .filter((k) => !systemKinds.has(k)),
      );
      expect([...offered].sort(), name).toEqual([...accepted].sort());
    }
  });

  it('folds a journal and names the first entry that breaks the procedure', () => {
    const entries = ['open', 'clock', 'triageNo', 'conclude'].map((n, seq) => ({
      seq,
      hash: H('c'),
      ...(COMMANDS[n] as AnyCommand),
    }));
    const f = fold(entries);
    expect(f.violation?.seq).toBe(3);
    expect(f.state.phase).toBe('review');
  });
});

describe('the member of staff the concern is about', () => {
  const about = (subject: object): AnyCommand => ({ ...opened, data: { ...opened.data, subject } }) as AnyCommand;

  it('cannot be one of its reviewers: SAME_PERSON, saying who, and nothing opens', () => {
    for (const id of ['ah', 'ds']) {
      const r = apply(INITIAL_STATE, about({ kind: 'staff', ref: 'S-9', staffId: id }));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('SAME_PERSON');
        expect(r.error.message).toMatch(/^(A\. Head|D\. Lead) is the member of staff the concern is about/);
      }
    }
  });

  it('may be any other registered member of staff, and an allegation may involve the head teacher', () => {
    const r = apply(INITIAL_STATE, about({ kind: 'staff', ref: 'S-9', staffId: 'tc', headteacher: true }));
    expect(r.ok && r.value.phase).toBe('clock');
  });

  it('is named only when the concern is about a member of staff', () => {
    const r = apply(INITIAL_STATE, about({ kind: 'pupil', ref: 'P-9', staffId: 'tc' }));
    expect(r.ok ? null : r.error.code).toBe('INVALID_INPUT');
  });
});
