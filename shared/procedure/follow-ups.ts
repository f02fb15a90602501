// The follow-ups after sign-off that the policy's flowchart names (000:449-457), in its words, and what the reviewer
// who adds one signs.
import { canonicalJson } from '../evidence/chain';
import type { EntryData, FollowUpKind } from '../evidence/entries';

export const FOLLOW_UP_LABELS: Readonly<Record<FollowUpKind, string>> = {
  debrief: 'Debrief on the incident',
  'police-response': 'Police response',
  'internal-procedures': 'Returned to internal procedures',
  'policy-reviewed': 'Policies reviewed',
  'changes-made': 'Changes implemented',
  monitoring: 'Monitoring the situation',
};

/** What each is for, from the flowchart's boxes, shown as the hint when a reviewer adds one. */
export const FOLLOW_UP_HINTS: Readonly<Record<FollowUpKind, string>> = {
  debrief: 'Debrief on online safety incident: who met, what was learnt.',
  'police-response': 'Await Police response: what the police said or decided, and their reference.',
  'internal-procedures':
    'If no illegal activity or material is confirmed, then revert to internal procedures: make the judgement again.',
  'policy-reviewed': 'Review policies and share experiences and practice as required.',
  'changes-made': 'Implement changes: what was changed (filtering, supervision, training …).',
  monitoring: 'Monitor situation: what is being watched, by whom, until when.',
};

/** The fields of a follow-up that its signature covers: everything but the signatures. */
export type SignedFollowUp = Omit<EntryData<'followup.added'>, 'signatures'>;

/** What the reviewer who adds a follow-up signs with their own key: its kind, words and any new judgement. */
export const followUpMessage = (ref: string, f: SignedFollowUp): string => {
  const signed = { kind: f.kind, text: f.text, ...(f.judgement ? { judgement: f.judgement } : {}) };
  return `countersign follow-up v1\n${ref}\n${canonicalJson(signed)}`;
};
