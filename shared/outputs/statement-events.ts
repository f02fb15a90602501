// A reviewer's account, event by event: each journal entry a person would speak of, in plain past-tense English, as
// the reviewer ("I") or naming whoever else the journal says did it. HTML fragments, every recorded word escaped.
import { entryIs, SYSTEM_ACTOR, type JournalEntry } from '../evidence/entries';
import { FOLLOW_UP_LABELS } from '../procedure/follow-ups';
import { TOLD_HOW_LABELS } from '../procedure/told';
import { outcomeWords, type FormPolicy } from './form-policy';
import { dateTime, escapeHtml, multiline } from './html';
import type { IncidentRecord } from './record';

/** One paragraph of the account. */
export interface AccountEvent {
  seq: number;
  at: string;
  /** True when the journal says the reviewer whose account it is did it. */
  mine: boolean;
  html: string;
}

export interface AccountContext {
  record: IncidentRecord;
  /** The staff id of the reviewer whose account it is. */
  reviewer: string;
  policy: FormPolicy;
  timeZone: string;
}

const q = (text: string): string => `“${multiline(text)}”`;
const url = (u: string): string => `<span class="url">${escapeHtml(u)}</span>`;
const hash = (h: string): string => `<span class="mono">${escapeHtml(h)}</span>`;
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

const REQUEST_WORDS = {
  back: 'pressed Back in the evidence browser',
  forward: 'pressed Forward in the evidence browser',
  reload: 'reloaded the page in the evidence browser',
  stop: 'stopped the page loading',
} as const;

const MODE_WORDS = { viewport: 'the visible area', fullpage: 'the full page' } as const;

/**
 * The account's events, in the journal's order. The browser's own facts (pages loaded, redirects, what it blocked) and
 * the app's records are said as such; sub-frames, titles and signed heads are left to the journal.
 */
export const accountEvents = (entries: readonly JournalEntry[], ctx: AccountContext): AccountEvent[] => {
  const { record, reviewer } = ctx;
  const names = new Map(record.reviewers.map((r) => [r.id, r.name]));
  const who = (actor: string): string =>
    actor === reviewer ? 'I' : actor === SYSTEM_ACTOR ? 'Countersign' : escapeHtml(names.get(actor) ?? actor);
  const number = new Map(record.captures.map((c) => [c.sha256, c.n]));
  const shot = (sha: string): string => `screenshot ${number.get(sha) ?? '?'}`;
  const out: AccountEvent[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const text = eventText(e, { ...ctx, who, shot, seen });
    if (text) out.push({ seq: e.seq, at: e.at, mine: e.actor === reviewer, html: text });
  }
  return out;
};

interface Speak extends AccountContext {
  who(actor: string): string;
  shot(sha: string): string;
  /** Capture hashes already spoken of: a repeated capture of the same bytes is the same capture. */
  seen: Set<string>;
}

const eventText = (e: JournalEntry, s: Speak): string | null => {
  const by = s.who(e.actor);
  if (entryIs(e, 'incident.opened')) return openedText(e, s);
  if (entryIs(e, 'clock.confirmed')) {
    const agreed =
      e.data.offsetMs === 0
        ? 'it agreed with a clock we trust'
        : `a clock we trust differed from it by ${Math.abs(e.data.offsetMs) / 1000} seconds`;
    const note = e.data.note ? ` Note: ${q(e.data.note)}` : '';
    return `${by} recorded the check of the computer’s clock: it showed ${escapeHtml(
      dateTime(e.data.shownAt, s.timeZone),
    )} and ${agreed}.${note}`;
  }
  if (entryIs(e, 'triage.answered')) {
    return e.data.illegalSuspected
      ? `${by} answered “Yes” to the question whether there was any suspicion of child sexual abuse images or other ` +
          'illegal activity. Nothing was reviewed on this computer: the matter went to the police.'
      : `${by} answered “No” to the question whether there was any suspicion of child sexual abuse images or other ` +
          'illegal activity, so the review went ahead.';
  }
  if (entryIs(e, 'browser.requested')) {
    const d = e.data;
    if (d.action === 'navigate') return `${by} asked the evidence browser to open ${url(d.url ?? '')}.`;
    if (d.action === 'click')
      return d.selector ? `${by} clicked ${hash(d.selector)} in the page.` : `${by} clicked in the page.`;
    return `${by} ${REQUEST_WORDS[d.action]}.`;
  }
  if (entryIs(e, 'browser.refused')) {
    const what = e.data.url ? `to open ${url(e.data.url)}` : `(${escapeHtml(e.data.action)})`;
    return `The request ${what} was refused because the review had been halted: nothing was shown.`;
  }
  if (entryIs(e, 'browser.navigated')) {
    if (e.data.frame !== 'main') return null;
    const status = e.data.status ? ` (HTTP ${e.data.status})` : '';
    return `The page ${url(e.data.url)} loaded${status}.`;
  }
  if (entryIs(e, 'browser.redirected')) return `The browser was sent on from ${url(e.data.from)} to ${url(e.data.to)}.`;
  if (entryIs(e, 'browser.load-failed') || entryIs(e, 'browser.certificate-error'))
    return `The page ${url(e.data.url)} did not load (${escapeHtml(e.data.error)}).`;
  if (entryIs(e, 'browser.popup-blocked'))
    return `The page tried to open a popup (${url(e.data.url)}); it was blocked.`;
  if (entryIs(e, 'browser.download-blocked'))
    return `The page tried to download ${escapeHtml(e.data.filename)}; it was blocked.`;
  if (entryIs(e, 'browser.permission-denied'))
    return `The page asked for permission (${escapeHtml(e.data.permission)}); it was refused.`;
  if (entryIs(e, 'browser.navigation-blocked'))
    return `The page tried to go to ${url(e.data.url)}; it was blocked (${escapeHtml(e.data.reason)}).`;
  if (entryIs(e, 'media.revealed')) {
    const what = e.data.kind === 'image' ? 'the blurred picture' : 'the held-back sound or video';
    return `${by} chose to see ${what} at ${url(e.data.url)} as it is.`;
  }
  if (entryIs(e, 'capture.taken')) return captureText(e, s, by);
  if (entryIs(e, 'capture.described')) return `${by} described ${s.shot(e.data.sha256)} as: ${q(e.data.concern)}`;
  if (entryIs(e, 'capture.discarded'))
    return `A screenshot being taken when the halt was pressed was discarded: nothing of it was kept.`;
  if (entryIs(e, 'note.added')) return `${by} noted: ${q(e.data.text)}`;
  return laterText(e, s, by);
};

const openedText = (e: JournalEntry<'incident.opened'>, s: Speak): string => {
  const d = e.data;
  const me = d.reviewers.findIndex((r) => r.id === s.reviewer);
  const other = d.reviewers[me === 0 ? 1 : 0];
  const place = `${escapeHtml(d.computer.name)} (${escapeHtml(d.computer.location)})`;
  const reported = d.reportedBy ? ` The concern was reported by ${escapeHtml(d.reportedBy)}.` : '';
  return (
    `${s.who(e.actor)} opened incident ${escapeHtml(d.ref)} on the computer ${place}; ` +
    `${escapeHtml(other?.name ?? '')} and I each typed our own passphrase. ` +
    `I was the ${me === 0 ? 'first' : 'second'} reviewing person. The reason recorded was: ${q(d.reason)}${reported}`
  );
};

const captureText = (e: JournalEntry<'capture.taken'>, s: Speak, by: string): string | null => {
  const d = e.data;
  if (s.seen.has(d.sha256)) return null;
  s.seen.add(d.sha256);
  const title = d.title ? `, titled ${q(d.title)},` : '';
  const described = d.concern?.trim() ? ` I recorded the content causing concern as: ${q(d.concern)}` : '';
  const said =
    described && e.actor !== s.reviewer
      ? ` The content causing concern was recorded as: ${q(d.concern ?? '')}`
      : described;
  return (
    `${by} captured ${s.shot(d.sha256)}: ${MODE_WORDS[d.mode]} of ${url(d.url)}${title} ` +
    `${d.width} × ${d.height} pixels, SHA-256 ${hash(d.sha256)}.${said}`
  );
};

const laterText = (e: JournalEntry, s: Speak, by: string): string | null => {
  const tz = s.timeZone;
  if (entryIs(e, 'review.halted')) {
    const reason = e.data.reason ? ` The reason recorded: ${q(e.data.reason)}` : '';
    return (
      `${by} pressed Halt: child sexual abuse imagery was suspected at ${url(e.data.url)}. The page was closed at ` +
      `once and no image of it was kept; capture was locked for the rest of the incident.${reason}`
    );
  }
  if (entryIs(e, 'halt.purge-decided')) {
    const which = e.data.captures.map(s.shot);
    return which.length > 0
      ? `${by} recorded that ${list(which)} showed the suspected imagery.`
      : `${by} recorded that no earlier screenshot showed the suspected imagery.`;
  }
  if (entryIs(e, 'capture.purged'))
    return `The file of ${s.shot(e.data.sha256)} was destroyed; only its SHA-256 (${hash(e.data.sha256)}) is kept.`;
  if (entryIs(e, 'referral.recorded')) {
    const ref = e.data.reference ? `, reference ${escapeHtml(e.data.reference)}` : '';
    const note = e.data.note ? ` Note: ${q(e.data.note)}` : '';
    const when = escapeHtml(dateTime(e.data.toldAt, tz));
    return `${by} recorded that ${escapeHtml(e.data.to)} was told at ${when}${ref}.${note}`;
  }
  if (entryIs(e, 'told.recorded')) {
    const d = e.data;
    const how = d.how ? ` (${escapeHtml(TOLD_HOW_LABELS[d.how].toLowerCase())})` : '';
    const ref = d.reference ? `, reference ${escapeHtml(d.reference)}` : '';
    const note = d.note ? ` Note: ${q(d.note)}` : '';
    const when = escapeHtml(dateTime(d.toldAt, tz));
    return `${by} recorded that ${escapeHtml(d.who)} was told at ${when}${how}${ref}.${note}`;
  }
  if (entryIs(e, 'site.recorded')) {
    const what = e.data.url ? `the site ${url(e.data.url)}` : `the device ${q(e.data.device ?? '')}`;
    return `${by} recorded ${what} as of concern, without opening or capturing it: ${q(e.data.concern)}`;
  }
  if (entryIs(e, 'judgement.made')) return judgementText(e.data, s, by);
  if (entryIs(e, 'isolation.recorded'))
    return `${by} recorded the isolation checks: ${list(e.data.checks.map((c) => q(c)))}.`;
  if (entryIs(e, 'conclusion.recorded'))
    return (
      `${by} recorded the conclusion: ${q(e.data.text)} ` +
      `Its fingerprint, the record digest both of us signed, is ${hash(e.hash)}.`
    );
  if (entryIs(e, 'signoff.signed')) {
    const fp = s.record.signoffs.find((x) => x.seq === e.seq)?.keyFingerprint;
    const key = fp ? ` (key fingerprint ${hash(fp)})` : '';
    const whose = e.actor === s.reviewer ? 'my own signing key' : 'their own signing key';
    return `${by} signed the record off with ${whose}${key}, signing the record digest ${hash(e.data.digest)}.`;
  }
  if (entryIs(e, 'reviewer.key-changed')) {
    const whose = e.data.reviewer === s.reviewer ? 'my' : `${s.who(e.data.reviewer)}’s`;
    return (
      `${by} vouched for ${whose} new signing key (fingerprint ${hash(e.data.newFingerprint)}) ` +
      'after a passphrase reset with the recovery code.'
    );
  }
  if (entryIs(e, 'device.changed'))
    return (
      `The records were restored from a backup on a replacement computer (key fingerprint ` +
      `${hash(e.data.newFingerprint)}), agreed by ${list(e.data.approvals.map((x) => s.who(x.reviewer)))}` +
      `${e.data.recoveryCode ? ' with the recovery code' : ''}.`
    );
  if (entryIs(e, 'addendum.added')) return `${by} added to the signed record: ${q(e.data.text)}`;
  if (entryIs(e, 'followup.added'))
    return `${by} recorded a follow-up (${escapeHtml(FOLLOW_UP_LABELS[e.data.kind].toLowerCase())}): ${q(e.data.text)}`;
  if (entryIs(e, 'export.made'))
    return (
      `An evidence bundle for ${escapeHtml(e.data.recipient)} was exported as ${escapeHtml(e.data.file)} ` +
      `(SHA-256 ${hash(e.data.sha256)}).`
    );
  if (entryIs(e, 'clock.jump'))
    return `Countersign recorded that the computer’s clock jumped by ${Math.round(e.data.driftMs)} ms.`;
  if (entryIs(e, 'recovery.torn-tail') || entryIs(e, 'recovery.orphan-removed'))
    return 'Countersign recorded that it had been interrupted, and what it found when it started again (see the form).';
  return null;
};

const judgementText = (d: JournalEntry<'judgement.made'>['data'], s: Speak, by: string): string => {
  const actions = outcomeWords(s.policy, d.actions).map(escapeHtml);
  const reasons = s.record.judgement?.policeReasons.map((p) => escapeHtml(p.label)) ?? [];
  const police = d.policeReasons.length > 0 ? ` To be reported to the police: ${list(reasons)}.` : '';
  const sanctions = d.sanctions?.length ? ` Actions and sanctions: ${list(d.sanctions.map(escapeHtml))}.` : '';
  return (
    `${by} recorded our judgement: the concern ${d.substance ? 'has' : 'does not have'} substance.` +
    `${actions.length > 0 ? ` Action: ${list(actions)}.` : ''}${police}${sanctions}`
  );
};
