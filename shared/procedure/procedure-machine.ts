// The "Other Incidents" procedure as one state machine: every journal entry is a command it allows or refuses.
import { fail, ok, type ErrorCode, type Result } from '../result';
import {
  BROWSER_PAGE_FACTS,
  ENTRY_DATA,
  type AnyCommand,
  type Command,
  type EntryKind,
  type FollowUpKind,
} from '../evidence/entries';
import {
  JUDGEMENT_AFTER_HALT,
  REFERRAL_NEEDED,
  referralNamesPolice,
  sanctionInvolvesPolice,
} from './police-involvement';

/**
 * Phases, in the order the policy gives them. The police route ("referral") is entered from triage,
 * by the halt, or by a judgement that involves the police, and covers reporting and isolating the
 * computer in question; both routes meet again at the conclusion.
 */
export const PHASES = ['none', 'clock', 'triage', 'review', 'referral', 'conclusion', 'signoff', 'sealed'] as const;
export type Phase = (typeof PHASES)[number];

export interface CaptureState {
  sha256: string;
  described: boolean;
  purged: boolean;
}

export interface IncidentState {
  phase: Phase;
  ref: string | null;
  /** The procedure's rules the incident follows (recorded when it was opened; 1 for journals written before 2). */
  rules: 1 | 2;
  reviewers: readonly string[];
  /** How the police route was entered, if it was. */
  policeVia: 'triage' | 'halt' | 'judgement' | null;
  /** Capture is refused for good once child sexual abuse imagery is suspected. */
  captureLocked: boolean;
  halted: boolean;
  purgeDecided: boolean;
  purgeList: readonly string[];
  captures: readonly CaptureState[];
  judged: boolean;
  substance: boolean | null;
  isolated: boolean;
  /** The police were told, and gave a reference: what the police route needs before the conclusion (rules 2). */
  policeTold: boolean;
  /** The hash of the conclusion entry: what both reviewers sign. */
  recordDigest: string | null;
  signedBy: readonly string[];
  /** The follow-ups added after sign-off, by kind, in order. */
  followUps: readonly FollowUpKind[];
  /** Safe view is on for the review: pictures blurred, audio and video held, until a reviewer reveals one. */
  safeView: boolean;
}

export const INITIAL_STATE: IncidentState = {
  phase: 'none',
  ref: null,
  rules: 1,
  reviewers: [],
  policeVia: null,
  captureLocked: false,
  halted: false,
  purgeDecided: false,
  purgeList: [],
  captures: [],
  judged: false,
  substance: null,
  isolated: false,
  policeTold: false,
  recordDigest: null,
  signedBy: [],
  followUps: [],
  safeView: true,
};

/** Facts the app records on its own; they are allowed whenever an incident is open. */
const FACT_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>([
  'clock.jump',
  'capture.discarded',
  'browser.torn-down',
  'browser.refused',
  'browser.fact-refused',
  'head.signed',
  'recovery.torn-tail',
  'recovery.orphan-removed',
  'timestamp.received',
  'timestamp.failed',
]);

/** What the evidence browser records while the reviewers browse; only during the review. */
const BROWSER_FACT_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>(BROWSER_PAGE_FACTS);

/** Entries the app writes on its own behalf; every other kind is a reviewer's act. */
export const isSystemKind = (kind: EntryKind): boolean =>
  FACT_KINDS.has(kind) || BROWSER_FACT_KINDS.has(kind) || kind === 'export.made';

const forbid = (message: string, code: ErrorCode = 'PROCEDURE_FORBIDS'): Result<IncidentState> => fail(code, message);

const PHASE_WORDS: Record<Phase, string> = {
  none: 'before the incident is opened',
  clock: 'while the clock is being checked',
  triage: 'before the triage question is answered',
  review: 'during the review',
  referral: 'on the police-referral route',
  conclusion: 'while the conclusion is being written',
  signoff: 'during sign-off',
  sealed: 'after the record has been signed and sealed',
};

const notNow = (what: string, s: IncidentState): Result<IncidentState> =>
  forbid(`${what} is not allowed ${PHASE_WORDS[s.phase]}.`);

/**
 * Applies one command to the state. Returns the new state, or a refusal that leaves the state as it
 * was. `hash` is the command's chain hash once written (the conclusion's becomes the record digest).
 */
export const apply = (s: IncidentState, cmd: AnyCommand, hash?: string): Result<IncidentState> => {
  const parsed = ENTRY_DATA[cmd.kind].safeParse(cmd.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('INVALID_INPUT', `${cmd.kind}: ${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}`);
  }
  if (s.phase === 'none' && cmd.kind !== 'incident.opened') return notNow(describe(cmd.kind), s);
  if (
    s.phase !== 'none' &&
    !isSystemKind(cmd.kind) &&
    cmd.kind !== 'signoff.signed' &&
    !s.reviewers.includes(cmd.actor)
  ) {
    return forbid(`Only the two reviewers of this incident may act on it; "${cmd.actor}" is not one of them.`);
  }
  if (FACT_KINDS.has(cmd.kind)) return ok(s);
  if (BROWSER_FACT_KINDS.has(cmd.kind)) return s.phase === 'review' ? ok(s) : notNow('Browsing', s);
  return step(s, cmd, hash);
};

const describe = (kind: EntryKind): string => {
  const [area, what] = kind.split('.');
  return `${area} (${what})`;
};

const step = (s: IncidentState, cmd: AnyCommand, hash: string | undefined): Result<IncidentState> => {
  switch (cmd.kind) {
    case 'incident.opened': {
      if (s.phase !== 'none') return forbid('This incident is already open.');
      const [a, b] = cmd.data.reviewers;
      if (a.id === b.id) return forbid('The two reviewers must be two different people.', 'SAME_PERSON');
      if (cmd.actor !== a.id && cmd.actor !== b.id) return forbid('An incident is opened by one of its two reviewers.');
      const { kind, staffId } = cmd.data.subject;
      if (staffId !== undefined && kind !== 'staff')
        return fail('INVALID_INPUT', 'Only a concern about a member of staff names one of the registered staff.');
      if (staffId === a.id || staffId === b.id) {
        const who = staffId === a.id ? a : b;
        return forbid(
          `${who.name} is the member of staff the concern is about, so cannot review it. ` +
            'Two other senior members of staff must start the incident.',
          'SAME_PERSON',
        );
      }
      const opened = {
        phase: 'clock',
        ref: cmd.data.ref,
        rules: cmd.data.rules ?? 1,
        reviewers: [a.id, b.id],
      } as const;
      return ok({ ...s, ...opened, safeView: cmd.data.safeView ?? true });
    }
    case 'clock.confirmed':
      return s.phase === 'clock' ? ok({ ...s, phase: 'triage' }) : notNow('Confirming the clock', s);
    case 'triage.answered':
      if (s.phase !== 'triage') return notNow('Answering the triage question', s);
      return ok(
        cmd.data.illegalSuspected
          ? { ...s, phase: 'referral', policeVia: 'triage', captureLocked: true }
          : { ...s, phase: 'review' },
      );
    case 'browser.requested':
      return s.phase === 'review' ? ok(s) : notNow('Browsing', s);
    case 'capture.taken':
      if (s.captureLocked) {
        return forbid(
          'Capture is locked for this incident: child sexual abuse imagery was suspected, so no image may be taken.',
          'CAPTURE_LOCKED',
        );
      }
      if (s.phase !== 'review') return notNow('Capturing', s);
      // Each capture counts in order even when its bytes repeat an earlier one (it is then the same stored file).
      return ok({
        ...s,
        captures: [...s.captures, { sha256: cmd.data.sha256, described: !!cmd.data.concern?.trim(), purged: false }],
      });
    case 'media.revealed':
      if (s.phase !== 'review') return notNow('Showing a blurred picture', s);
      return s.safeView ? ok(s) : forbid('Safe view is off for this incident: nothing is blurred.');
    case 'capture.described': {
      if (s.phase !== 'review' && s.phase !== 'referral') return notNow('Describing a capture', s);
      if (!s.captures.some((c) => c.sha256 === cmd.data.sha256 && !c.purged))
        return fail('NOT_FOUND', 'There is no such capture in this incident.');
      return ok({
        ...s,
        captures: s.captures.map((c) => (c.sha256 === cmd.data.sha256 ? { ...c, described: true } : c)),
      });
    }
    case 'note.added':
      return BEFORE_SIGNOFF.includes(s.phase) ? ok(s) : notNow('Adding a note', s);
    case 'told.recorded': {
      if (!BEFORE_SIGNOFF.includes(s.phase)) return notNow('Recording who was told', s);
      const referral = cmd.data.police && cmd.data.reference !== undefined;
      return ok({ ...s, policeTold: s.policeTold || referral });
    }
    case 'site.recorded':
      return s.phase === 'review' || s.phase === 'referral' ? ok(s) : notNow('Recording a site or device', s);
    case 'review.halted':
      if (s.phase !== 'review') return notNow('Halting', s);
      return ok({ ...s, phase: 'referral', policeVia: 'halt', captureLocked: true, halted: true });
    case 'halt.purge-decided': {
      if (s.phase !== 'referral' || !s.halted) return forbid('Captures are purged only after a halt.');
      if (s.purgeDecided) return forbid('The reviewers have already said which captures show the suspect imagery.');
      const unknown = cmd.data.captures.find((h) => !s.captures.some((c) => c.sha256 === h && !c.purged));
      if (unknown) return fail('NOT_FOUND', `There is no capture ${unknown.slice(0, 12)}… in this incident.`);
      return ok({ ...s, purgeDecided: true, purgeList: [...new Set(cmd.data.captures)] });
    }
    case 'capture.purged': {
      if (!s.purgeDecided || !s.purgeList.includes(cmd.data.sha256))
        return forbid('Only a capture the reviewers named after the halt may be purged.');
      if (!s.captures.some((c) => c.sha256 === cmd.data.sha256 && !c.purged))
        return forbid('That capture has already been purged.');
      return ok({ ...s, captures: s.captures.map((c) => (c.sha256 === cmd.data.sha256 ? { ...c, purged: true } : c)) });
    }
    case 'referral.recorded': {
      if (s.phase !== 'referral') return notNow('Recording a police referral', s);
      const referral = referralNamesPolice(cmd.data.to) && !!cmd.data.reference?.trim();
      return ok({ ...s, policeTold: s.policeTold || referral });
    }
    case 'judgement.made':
      return judge(s, cmd);
    case 'isolation.recorded':
      if (s.phase !== 'referral') return notNow('Recording the isolation of the computer', s);
      if (s.halted && !s.purgeDecided)
        return forbid('First say whether any earlier capture shows the suspect imagery.');
      if (s.isolated) return forbid('The isolation checklist has already been recorded.');
      if (s.rules >= 2 && s.halted && !s.judged) return forbid(JUDGEMENT_AFTER_HALT);
      return ok({ ...s, isolated: true, phase: 'conclusion' });
    case 'conclusion.recorded':
      if (s.phase !== 'conclusion') return notNow('Writing the conclusion', s);
      if (needsReferral(s)) return forbid(REFERRAL_NEEDED);
      return ok({ ...s, phase: 'signoff', recordDigest: hash ?? null });
    case 'signoff.signed': {
      if (s.phase !== 'signoff') return notNow('Signing off', s);
      if (needsReferral(s)) return forbid(REFERRAL_NEEDED);
      const who = cmd.data.reviewer;
      if (cmd.actor !== who) return forbid('Each reviewer signs for themselves.');
      if (!s.reviewers.includes(who))
        return forbid(`"${who}" is not a reviewer of this incident and cannot sign it off.`);
      if (s.signedBy.includes(who))
        return forbid('This reviewer has already signed; the other reviewer must sign.', 'SAME_PERSON');
      if (s.recordDigest && cmd.data.digest !== s.recordDigest)
        return fail('INVALID_INPUT', 'The signature is over a different record digest.');
      const signedBy = [...s.signedBy, who];
      return ok({ ...s, signedBy, phase: signedBy.length === 2 ? 'sealed' : 'signoff' });
    }
    case 'reviewer.key-changed': {
      if (s.phase === 'sealed') return notNow('Recording a new signing key', s);
      const { reviewer, witness } = cmd.data;
      if (!s.reviewers.includes(reviewer) || !s.reviewers.includes(witness) || reviewer === witness)
        return forbid("A reviewer's new signing key is vouched for by the other reviewer of this incident.");
      return cmd.actor === witness ? ok(s) : forbid('The reviewer who vouches for the new key records it.');
    }
    case 'device.changed': {
      const agreed = cmd.data.approvals.map((a) => a.reviewer);
      if (!agreed.every((r) => s.reviewers.includes(r)) || new Set(agreed).size !== agreed.length)
        return forbid("A change of computer is agreed by the incident's own reviewers, each once.");
      if (agreed.length < 2 && !cmd.data.recoveryCode)
        return forbid('A change of computer needs both reviewers, or one reviewer and the recovery code.');
      return agreed.includes(cmd.actor) ? ok(s) : forbid('A reviewer who agreed to the change of computer records it.');
    }
    case 'addendum.added':
      return s.phase === 'sealed' ? ok(s) : forbid('Addenda are added only after sign-off; before it, add a note.');
    case 'followup.added':
      return followUp(s, cmd);
    case 'export.made':
      return s.phase === 'sealed' ? ok(s) : forbid('An incident is exported once both reviewers have signed it off.');
    default:
      return forbid(`${(cmd as Command).kind} is not a step of the procedure.`);
  }
};

const judge = (s: IncidentState, cmd: Command<'judgement.made'>): Result<IncidentState> => {
  const { substance, actions, policeReasons } = cmd.data;
  if (s.phase !== 'review' && s.phase !== 'referral') return notNow('Making the judgement', s);
  if (s.judged) return forbid('The judgement has already been made.');
  if (s.halted && !s.purgeDecided) return forbid('First say whether any earlier capture shows the suspect imagery.');
  if (undescribed(s).length > 0) {
    return forbid('Describe the nature of the content causing concern for every capture before the judgement.');
  }
  if (!substance && (actions.length > 0 || policeReasons.length > 0)) {
    return fail('INVALID_INPUT', 'A concern without substance has no actions.');
  }
  const police = actions.includes('police');
  if (policeReasons.length > 0 && !police) {
    return fail('INVALID_INPUT', 'Any reason in the police-reportable list means the police must be involved.');
  }
  const policeSanction = (cmd.data.sanctions ?? []).find(sanctionInvolvesPolice);
  if (s.rules >= 2 && policeSanction && !police) {
    return fail('INVALID_INPUT', `"${policeSanction}" in the sanctions means the police must be involved.`);
  }
  if (s.phase === 'referral') {
    if (!police || !substance)
      return forbid('This incident is on the police route: the judgement must include police involvement.');
    return ok({ ...s, judged: true, substance });
  }
  return ok(
    police
      ? { ...s, judged: true, substance, phase: 'referral', policeVia: 'judgement' }
      : { ...s, judged: true, substance, phase: 'conclusion' },
  );
};

/** Phases in which the reviewers may add a note or record who was told: from the clock check to the conclusion. */
const BEFORE_SIGNOFF: readonly Phase[] = ['clock', 'triage', 'review', 'referral', 'conclusion'];

/** Rules 2: on the police route, the conclusion and sign-off wait until the police are told (with a reference). */
const needsReferral = (s: IncidentState): boolean => s.rules >= 2 && s.policeVia !== null && !s.policeTold;

/**
 * A follow-up after sign-off, signed by the reviewer who adds it. Returning to internal procedures (the police found
 * nothing illegal) follows the police response, once, with a new judgement that does not involve the police.
 */
const followUp = (s: IncidentState, cmd: Command<'followup.added'>): Result<IncidentState> => {
  if (s.phase !== 'sealed') return forbid('Follow-ups are added after sign-off; before it, add a note.');
  const { kind, judgement, signatures } = cmd.data;
  if (!signatures.some((x) => x.reviewer === cmd.actor))
    return fail('INVALID_INPUT', 'A follow-up is signed by the reviewer who adds it.');
  const added = { ...s, followUps: [...s.followUps, kind] };
  if (kind !== 'internal-procedures') {
    return judgement
      ? fail('INVALID_INPUT', 'Only a return to internal procedures carries a new judgement.')
      : ok(added);
  }
  if (s.policeVia === null) return forbid('Only an incident referred to the police returns to internal procedures.');
  if (!s.followUps.includes('police-response')) return forbid('First record the police response.');
  if (s.followUps.includes('internal-procedures'))
    return forbid('This incident has already returned to internal procedures.');
  if (!judgement) return fail('INVALID_INPUT', 'Returning to internal procedures needs the new judgement.');
  const police =
    judgement.actions.includes('police') ||
    judgement.policeReasons.length > 0 ||
    (judgement.sanctions ?? []).some(sanctionInvolvesPolice);
  if (police)
    return fail('INVALID_INPUT', 'Back under internal procedures, the new judgement does not involve the police.');
  if (!judgement.substance && judgement.actions.length > 0)
    return fail('INVALID_INPUT', 'A concern without substance has no actions.');
  return ok(added);
};

/** Captures still waiting for the reviewers' description of the content of concern (not those to be purged). */
export const undescribed = (s: IncidentState): CaptureState[] =>
  s.captures.filter((c) => !c.purged && !c.described && !s.purgeList.includes(c.sha256));

/** The commands the machine would accept now, for the UI to offer (by kind; data is checked on apply). */
export const offeredKinds = (s: IncidentState): EntryKind[] => {
  const describable = s.captures.some((c) => !c.purged) ? (['capture.described'] as const) : [];
  const judgeable = undescribed(s).length === 0 ? (['judgement.made'] as const) : [];
  switch (s.phase) {
    case 'none':
      return ['incident.opened'];
    case 'clock':
      return ['clock.confirmed', 'note.added', 'told.recorded'];
    case 'triage':
      return ['triage.answered', 'note.added', 'told.recorded'];
    case 'review':
      return [
        'browser.requested',
        'capture.taken',
        ...(s.safeView ? (['media.revealed'] as const) : []),
        ...describable,
        'site.recorded',
        'note.added',
        'told.recorded',
        'review.halted',
        ...judgeable,
      ];
    case 'referral': {
      const pending = s.halted && !s.purgeDecided;
      const toPurge = s.purgeList.some((h) => s.captures.some((c) => c.sha256 === h && !c.purged));
      return [
        ...(pending ? (['halt.purge-decided'] as const) : []),
        ...(toPurge ? (['capture.purged'] as const) : []),
        'referral.recorded',
        ...describable,
        'site.recorded',
        'note.added',
        'told.recorded',
        ...(s.judged || pending ? [] : judgeable),
        ...(pending || (s.rules >= 2 && s.halted && !s.judged) ? [] : (['isolation.recorded'] as const)),
      ];
    }
    case 'conclusion':
      return [...(needsReferral(s) ? [] : (['conclusion.recorded'] as const)), 'note.added', 'told.recorded'];
    case 'signoff':
      return ['signoff.signed'];
    case 'sealed':
      return ['addendum.added', 'followup.added', 'export.made'];
  }
};

export type OutputDocument = 'form' | 'screenshots';

/**
 * The printable documents the procedure offers now. The form (the record, no images) can be read on screen at any
 * point, and is printed once the record is sealed, for both reviewers to sign in ink. The screenshots (capture images)
 * are shown and printed once sealed, and never while a halt's purge question is open.
 */
export const offeredOutputs = (s: IncidentState): { preview: OutputDocument[]; print: OutputDocument[] } => {
  const purgeOpen = s.halted && !s.purgeDecided;
  if (s.phase === 'none') return { preview: [], print: [] };
  if (s.phase !== 'sealed') return { preview: ['form'], print: [] };
  const docs: OutputDocument[] = purgeOpen ? ['form'] : ['form', 'screenshots'];
  return { preview: docs, print: docs };
};

export interface FoldResult {
  state: IncidentState;
  /** The first entry the procedure refuses, if any: the journal breaks the procedure there. */
  violation?: { seq: number; kind: EntryKind; code: ErrorCode; message: string };
}

/** An incident's state is the fold of its journal through the machine. */
export const fold = (
  entries: readonly { seq: number; kind: EntryKind; actor: string; data: unknown; hash: string }[],
): FoldResult => {
  let state = INITIAL_STATE;
  for (const e of entries) {
    const r = apply(state, { kind: e.kind, actor: e.actor, data: e.data } as AnyCommand, e.hash);
    if (!r.ok) return { state, violation: { seq: e.seq, kind: e.kind, code: r.error.code, message: r.error.message } };
    state = r.value;
  }
  return { state };
};

/** Entries that complete a step of the procedure: the device signs the chain head after each. */
export const STEP_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>([
  'incident.opened',
  'clock.confirmed',
  'triage.answered',
  'review.halted',
  'halt.purge-decided',
  'judgement.made',
  'isolation.recorded',
  'conclusion.recorded',
  'signoff.signed',
  'addendum.added',
  'followup.added',
  'reviewer.key-changed',
  'device.changed',
  'export.made',
  'recovery.torn-tail',
  'recovery.orphan-removed',
]);
