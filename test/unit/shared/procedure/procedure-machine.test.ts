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
import { COMMANDS, H, opened, run } from './machine-commands';

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

const TOLD = { toldLado: 'same', toldPolice: 'same' } as const;
const SITES = { site: 'same', siteDevice: 'same' } as const;
const LOCKED = { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED' } as const;
const SEALED = ['open', 'clock', 'triageNo', 'judgeInternal', 'conclude', 'signAh', 'signDs'];
const SEALED_POLICE = ['open', 'clock', 'triageYes', 'toldPolice', 'isolate', 'conclude', 'signAh', 'signDs'];

const TABLE: Record<string, Row> = {
  none: { state: INITIAL_STATE, allowed: { open: 'clock' } },
  clock: { state: run('open'), allowed: { ...facts(), clock: 'triage', note: 'same', ...TOLD } },
  triage: {
    state: run('open', 'clock'),
    allowed: { ...facts(), triageNo: 'review', triageYes: 'referral', note: 'same', ...TOLD },
  },
  review: {
    state: run('open', 'clock', 'triageNo'),
    allowed: {
      ...facts(),
      ...browsing(),
      ...TOLD,
      ...SITES,
      capture: 'same',
      capture1: 'same',
      reveal: 'same',
      note: 'same',
      halt: 'referral',
      judgeInternal: 'conclusion',
      judgePolice: 'referral',
      judgeNone: 'conclusion',
    },
    refusedAs: { describe: 'NOT_FOUND', judgePoliceSanction: 'INVALID_INPUT' },
  },
  reviewUndescribed: {
    state: run('open', 'clock', 'triageNo', 'capture1'),
    allowed: {
      ...facts(),
      ...browsing(),
      ...TOLD,
      ...SITES,
      capture: 'same',
      capture1: 'same',
      reveal: 'same',
      describe: 'same',
      note: 'same',
      halt: 'referral',
    },
  },
  referralFromJudgement: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'describe', 'judgePolice'),
    allowed: { ...facts(), ...TOLD, ...SITES, note: 'same', referral: 'same', describe: 'same', isolate: 'conclusion' },
  },
  referralTriageIllegal: {
    state: run('open', 'clock', 'triageYes'),
    allowed: {
      ...facts(),
      ...TOLD,
      ...SITES,
      note: 'same',
      referral: 'same',
      judgePolice: 'referral',
      isolate: 'conclusion',
    },
    refusedAs: {
      capture: 'CAPTURE_LOCKED',
      capture1: 'CAPTURE_LOCKED',
      describe: 'NOT_FOUND',
      judgePoliceSanction: 'INVALID_INPUT',
    },
  },
  referralHaltPending: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'halt'),
    allowed: {
      ...facts(),
      ...TOLD,
      ...SITES,
      note: 'same',
      referral: 'same',
      describe: 'same',
      purgeDecide: 'referral',
    },
    refusedAs: { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED' },
  },
  referralHaltDecided: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'halt', 'purgeDecide'),
    allowed: {
      ...facts(),
      ...TOLD,
      ...SITES,
      note: 'same',
      referral: 'same',
      describe: 'same',
      purge: 'referral',
      judgePolice: 'referral',
    },
    refusedAs: { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED', judgePoliceSanction: 'INVALID_INPUT' },
  },
  referralHaltJudged: {
    state: run('open', 'clock', 'triageNo', 'capture1', 'halt', 'purgeDecide', 'judgePolice'),
    allowed: {
      ...facts(),
      ...TOLD,
      ...SITES,
      note: 'same',
      referral: 'same',
      describe: 'same',
      purge: 'referral',
      isolate: 'conclusion',
    },
    refusedAs: { capture: 'CAPTURE_LOCKED', capture1: 'CAPTURE_LOCKED' },
  },
  conclusion: {
    state: run('open', 'clock', 'triageNo', 'judgeInternal'),
    allowed: { ...facts(), ...TOLD, note: 'same', conclude: 'signoff' },
  },
  conclusionPoliceNotTold: {
    state: run('open', 'clock', 'triageYes', 'toldLado', 'isolate'),
    allowed: { ...facts(), ...TOLD, note: 'same' },
    refusedAs: LOCKED,
  },
  conclusionPoliceTold: {
    state: run('open', 'clock', 'triageYes', 'isolate', 'toldPolice'),
    allowed: { ...facts(), ...TOLD, note: 'same', conclude: 'signoff' },
    refusedAs: LOCKED,
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
    state: run(...SEALED),
    allowed: { ...facts(), addendum: 'same', exported: 'same', followDebrief: 'same', followPolice: 'same' },
  },
  sealedPolice: {
    state: run(...SEALED_POLICE),
    allowed: { ...facts(), addendum: 'same', exported: 'same', followDebrief: 'same', followPolice: 'same' },
    refusedAs: LOCKED,
  },
  sealedPoliceResponded: {
    state: run(...SEALED_POLICE, 'followPolice'),
    allowed: {
      ...facts(),
      addendum: 'same',
      exported: 'same',
      followDebrief: 'same',
      followPolice: 'same',
      followInternal: 'same',
    },
    refusedAs: LOCKED,
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
      'toldPolice',
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

describe('rules 2: the police route is followed to the end (issue 14)', () => {
  const refused = (state: IncidentState, name: string): string => {
    const r = apply(state, COMMANDS[name] as AnyCommand, H('c'));
    return r.ok ? 'accepted' : r.error.message;
  };

  it('refuses the conclusion after triage "yes" until the police are recorded as told, with a reference', () => {
    expect(refused(run('open', 'clock', 'triageYes', 'isolate'), 'conclude')).toMatch(/police must be told first/);
    const noReference = structuredClone(COMMANDS.toldPolice) as Extract<AnyCommand, { kind: 'told.recorded' }>;
    delete noReference.data.reference;
    const s = apply(run('open', 'clock', 'triageYes', 'isolate'), noReference);
    expect(s.ok && apply(s.value, COMMANDS.conclude as AnyCommand, H('c')).ok).toBe(false);
    expect(refused(run('open', 'clock', 'triageYes', 'isolate', 'toldPolice'), 'conclude')).toBe('accepted');
  });

  it('counts a police referral recorded the older way, by the words of whom it went to', () => {
    expect(refused(run('open', 'clock', 'triageYes', 'referral', 'isolate'), 'conclude')).toBe('accepted');
    const lado = structuredClone(COMMANDS.referral) as Extract<AnyCommand, { kind: 'referral.recorded' }>;
    lado.data.to = 'LADO';
    const s = apply(run('open', 'clock', 'triageYes'), lado);
    if (!s.ok) throw new Error(s.error.message);
    const isolated = apply(s.value, COMMANDS.isolate as AnyCommand);
    if (!isolated.ok) throw new Error(isolated.error.message);
    expect(apply(isolated.value, COMMANDS.conclude as AnyCommand, H('c')).ok).toBe(false);
  });

  it('asks the judgement after a halt before the isolation checklist, with the police already in it', () => {
    const halted = run('open', 'clock', 'triageNo', 'capture1', 'halt', 'purgeDecide');
    expect(refused(halted, 'isolate')).toMatch(/first record the judgement/);
    expect(refused(halted, 'judgeInternal')).toMatch(/must include police involvement/);
    expect(run('open', 'clock', 'triageNo', 'capture1', 'halt', 'purgeDecide', 'judgePolice').judged).toBe(true);
  });

  it('takes "Refer to Police" ticked in the sanctions to the police route', () => {
    expect(refused(run('open', 'clock', 'triageNo'), 'judgePoliceSanction')).toMatch(/"Refer to Police"/);
    const withPolice = structuredClone(COMMANDS.judgePoliceSanction) as Extract<AnyCommand, { kind: 'judgement.made' }>;
    withPolice.data.actions = ['internal', 'police'];
    const r = apply(run('open', 'clock', 'triageNo'), withPolice);
    expect(r.ok && r.value.phase).toBe('referral');
    expect(r.ok && r.value.policeVia).toBe('judgement');
  });

  it('leaves a sanction that offers the police as one choice among others to the reviewers', () => {
    const either = structuredClone(COMMANDS.judgeInternal) as Extract<AnyCommand, { kind: 'judgement.made' }>;
    either.data.sanctions = ["referral to Camden's LADO or the police"];
    const r = apply(run('open', 'clock', 'triageNo'), either);
    expect(r.ok && r.value.phase).toBe('conclusion');
  });

  it('returns to internal procedures only after the police response, once, without the police', () => {
    expect(refused(run(...SEALED_POLICE), 'followInternal')).toMatch(/First record the police response/);
    expect(refused(run(...SEALED), 'followInternal')).toMatch(/referred to the police/);
    const back = run(...SEALED_POLICE, 'followPolice', 'followInternal');
    expect(back.followUps).toEqual(['police-response', 'internal-procedures']);
    expect(refused(back, 'followInternal')).toMatch(/already returned/);
    const police = structuredClone(COMMANDS.followInternal) as Extract<AnyCommand, { kind: 'followup.added' }>;
    police.data.judgement = { substance: true, actions: ['police'], policeReasons: [] };
    expect(refused(run(...SEALED_POLICE, 'followPolice'), 'followInternal')).toBe('accepted');
    expect(apply(run(...SEALED_POLICE, 'followPolice'), police).ok).toBe(false);
  });

  it('refuses a follow-up not signed by the reviewer who adds it, and a judgement on any other kind', () => {
    const unsigned = structuredClone(COMMANDS.followDebrief) as Extract<AnyCommand, { kind: 'followup.added' }>;
    unsigned.data.signatures = [];
    expect(apply(run(...SEALED), unsigned).ok).toBe(false);
    const judged = structuredClone(COMMANDS.followDebrief) as Extract<AnyCommand, { kind: 'followup.added' }>;
    judged.data.judgement = { substance: false, actions: [], policeReasons: [] };
    expect(apply(run(...SEALED), judged).ok).toBe(false);
  });

  it('records a site or a device, never both and never neither', () => {
    const review = run('open', 'clock', 'triageNo');
    const both = structuredClone(COMMANDS.site) as Extract<AnyCommand, { kind: 'site.recorded' }>;
    both.data.device = 'A tablet';
    const neither = structuredClone(COMMANDS.site) as Extract<AnyCommand, { kind: 'site.recorded' }>;
    delete neither.data.url;
    for (const bad of [both, neither]) {
      const r = apply(review, bad);
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('rules 1: a journal opened before rules 2 folds as it did', () => {
  const v1 = structuredClone(opened) as Extract<AnyCommand, { kind: 'incident.opened' }>;
  delete v1.data.rules;
  const fold1 = (...names: string[]) =>
    fold([v1, ...names.map((n) => COMMANDS[n] as AnyCommand)].map((c, seq) => ({ seq, hash: H('c'), ...c })));

  it('seals a triage "yes" incident with nobody recorded as told, and a halt without a judgement', () => {
    const triage = fold1('clock', 'triageYes', 'isolate', 'conclude', 'signAh', 'signDs');
    expect(triage.violation).toBeUndefined();
    expect(triage.state.phase).toBe('sealed');
    const halt = fold1('clock', 'triageNo', 'capture1', 'halt', 'purgeDecide', 'isolate', 'conclude');
    expect(halt.violation).toBeUndefined();
    expect(fold1('clock', 'triageNo', 'judgePoliceSanction').state.phase).toBe('conclusion');
  });

  it('refuses a rules number it does not know', () => {
    const v3 = structuredClone(opened) as { data: { rules: number } };
    v3.data.rules = 3;
    expect(apply(INITIAL_STATE, v3 as unknown as AnyCommand).ok).toBe(false);
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
