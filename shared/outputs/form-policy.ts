// The incident form's parts that come from the policy in force: its name and review date, the judgement's outcomes
// and police list in its words (the template's marked where it has none), and its route for staff and the head teacher.
import { ACTIONS, POLICE_REASONS } from '../evidence/entries';
import {
  contactLabel,
  headteacherRoute,
  outcomeLabels,
  pastReview,
  policeReasonLabels,
  reviewDueWords,
  staffRoute,
  TEMPLATE_NAME,
  type PolicyText,
} from '../policy/policy-words';
import { profileById, type PolicyProfile } from '../policy/profile-registry';
import { SWGFL_TEMPLATE } from '../policy/profiles/swgfl-template';
import { escapeHtml, longDate, tickBox } from './html';
import type { IncidentRecord } from './record';

/** The profile the form speaks for: the one given, the built-in one recorded, or null when neither is at hand. */
export interface FormPolicy {
  profile: PolicyProfile;
  /** False when this copy of Countersign does not have the profile the incident records: its words are unknown. */
  known: boolean;
  /** True when the profile is the one recorded (given by the caller, who found it by its hash), not one by its name. */
  recorded: boolean;
}

export const formPolicy = (record: IncidentRecord, given?: PolicyProfile): FormPolicy => {
  if (given) return { profile: given, known: true, recorded: true };
  const byId = profileById(record.policy.id);
  return byId
    ? { profile: byId, known: true, recorded: false }
    : { profile: SWGFL_TEMPLATE, known: false, recorded: false };
};

/** A label in the policy's words, with a dagger when they are the template's. */
const labelled = (t: PolicyText): string =>
  `${escapeHtml(t.text)}${t.ownWords ? '' : '<span class="tmpl" aria-label=" (template’s words)">†</span>'}`;

/** Said under a list that holds a dagger. */
export const templateNote = (items: readonly PolicyText[]): string =>
  items.some((t) => !t.ownWords)
    ? `<div class="meta small muted">† The words of ${TEMPLATE_NAME}: your policy has none for this.</div>`
    : '';

/** "Policy in force": its name, its hash, and whether it was past its review date when the incident was opened. */
export const policyInForce = (r: IncidentRecord, fp: FormPolicy, tz: string): string => {
  const hash = `<div class="mono muted">SHA-256 ${escapeHtml(r.policy.sha256)}</div>`;
  if (!fp.known) {
    return `A policy profile this copy of Countersign does not have; it is identified by its hash.${hash}`;
  }
  const p = fp.profile;
  const due = reviewDueWords(p);
  const review = pastReview(p, r.opened.at)
    ? `<div class="warn"><strong>Past its review date:</strong> when this incident was opened ` +
      `(${escapeHtml(longDate(r.opened.at, tz))}) the policy had been due for review since ${escapeHtml(due ?? '')}. ` +
      'Check it was still the one in force.</div>'
    : `<div class="meta small muted">${
        due ? `Due for review: ${escapeHtml(due)}.` : 'The policy prints no review date.'
      }</div>`;
  const copy = fp.recorded
    ? ''
    : '<div class="meta small muted">The words printed are this copy of Countersign’s for the profile of that name; ' +
      'the one recorded is the one with the hash above.</div>';
  return `${escapeHtml(p.name)}${hash}${copy}${review}`;
};

/** Under the subject: a registered member of staff (never named), and the policy's route when the head is involved. */
export const subjectRoute = (r: IncidentRecord, fp: FormPolicy): string => {
  const parts: string[] = [];
  if (r.subject.staffId) {
    parts.push('A member of staff registered in Countersign; not one of the reviewers of this incident.');
  }
  if (r.subject.kind === 'staff') {
    const s = staffRoute(fp.profile);
    if (s.contacts.length > 0) parts.push(`The policy’s route for staff: ${s.contacts.map(contactLabel).join('; ')}.`);
  }
  if (r.subject.headteacher) {
    const h = headteacherRoute(fp.profile);
    const to = h.contacts.map(contactLabel).join('; ');
    parts.push(
      h.quote
        ? `The concern involves the head teacher. The policy: “${h.quote.text}” (${h.quote.from}).`
        : `The concern involves the head teacher: it goes to ${to} (the policy names no route; this is the ` +
            'statutory one).',
    );
  }
  return parts.map((p) => `<div class="meta small">${escapeHtml(p)}</div>`).join('');
};

/** The three outcomes, ticked as judged, in the policy's words. */
export const outcomeList = (fp: FormPolicy, actions: readonly string[]): { html: string; labels: PolicyText[] } => {
  const labels = outcomeLabels(fp.profile);
  const items = ACTIONS.map((a) => `<li>${tickBox(actions.includes(a))}${labelled(labels[a])}</li>`).join('');
  return { html: `<ul class="ticks">${items}</ul>`, labels: Object.values(labels) };
};

/** The outcomes chosen, in the policy's words, for the conclusion's "Action" line. */
export const outcomeWords = (fp: FormPolicy, actions: readonly (typeof ACTIONS)[number][]): string[] => {
  const labels = outcomeLabels(fp.profile);
  return actions.map((a) => labels[a].text);
};

/** The police list, all six asked, ticked as judged; a ticked item keeps the words recorded with it. */
export const policeList = (fp: FormPolicy, j: NonNullable<IncidentRecord['judgement']>) => {
  const labels = policeReasonLabels(fp.profile);
  const items = POLICE_REASONS.map((id) => {
    const recorded = j.policeReasons.find((p) => p.id === id);
    const own = labels.find((l) => l.id === id) ?? { text: id, ownWords: false };
    return { id, ticked: recorded !== undefined, label: own };
  });
  const html = items.map((i) => `<li>${tickBox(i.ticked)}${labelled(i.label)}</li>`).join('');
  return { html: `<ul class="ticks">${html}</ul>`, labels: items.map((i) => i.label) };
};
