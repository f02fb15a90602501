// One reviewer's own account of an incident, from its journal: a printable, first-person, chronological draft for
// them to check, correct in their own words and sign (for a police witness statement), never holding an image.
import type { JournalEntry } from '../evidence/entries';
import type { PolicyProfile } from '../policy/profile-registry';
import { CodedError } from '../result';
import { row } from './form-parts';
import { formPolicy } from './form-policy';
import { formCss } from './form-styles';
import {
  baseCss,
  clockTime,
  cssRule,
  dateTime,
  DEFAULT_TIME_ZONE,
  documentHtml,
  escapeHtml,
  longDate,
  MARKING,
  pageCss,
  practiceMarks,
} from './html';
import type { IncidentRecord, RecordReviewer } from './record';
import { accountEvents, type AccountEvent } from './statement-events';

export interface StatementOptions {
  /** When the account is made (UTC ISO): printed on it, so two printings can be told apart. */
  generatedAt: string;
  /** Zone for printed times; the record keeps UTC. Defaults to UK time. */
  timeZone?: string;
  /** The policy profile in force, for the words of the judgement's outcomes. */
  profile?: PolicyProfile;
}

/** How many ruled lines are left for the reviewer's own corrections and additions. */
const CORRECTION_LINES = 14;

const statementCss = `
${cssRule('.about', 'border: 1.5pt solid #111', 'padding: 2.5mm 3mm', 'margin-bottom: 4.5mm', 'break-inside: avoid')}
.about p:last-child { margin-bottom: 0; }
h3.day { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
ol.account { margin: 0; padding-left: 8mm; }
ol.account li { margin: 0 0 1.6mm; break-inside: avoid; }
ol.account .when { font-weight: bold; margin-right: 1.5mm; }
ol.account li.other { color: #333; }
ol.account li.other .by { font-style: italic; }
.lines .ink { height: 8.5mm; }
`;

/** The reviewer of this incident with that staff id; INVALID_INPUT, naming both reviewers, when there is none. */
export const statementReviewer = (record: IncidentRecord, id: string): RecordReviewer => {
  const found = record.reviewers.find((r) => r.id === id);
  if (found) return found;
  throw new CodedError(
    'INVALID_INPUT',
    `Only the two reviewers of incident ${record.ref} (${record.reviewers.map((r) => r.name).join(' and ')}) ` +
      'have an account of it.',
  );
};

/** The account as a complete HTML document (A4, self-contained, no images): the preview and what is printed. */
export const reviewerStatementHtml = (
  record: IncidentRecord,
  entries: readonly JournalEntry[],
  reviewerId: string,
  opts: StatementOptions,
): string => {
  const me = statementReviewer(record, reviewerId);
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const policy = formPolicy(record, opts.profile);
  const events = accountEvents(entries, { record, reviewer: me.id, policy, timeZone: tz });
  const css =
    baseCss +
    pageCss({
      headerLeft: `Incident ${record.ref}`,
      footerLeft: `${me.name} · Signed: ________________`,
      practice: record.practice,
    }) +
    formCss +
    statementCss;
  const body = [
    `<div class="screen-only">${MARKING}</div>`,
    '<main class="sheet">',
    practiceMarks(record.practice),
    header(record, me),
    aboutSection(record, me, opts.generatedAt, tz),
    whoSection(record, me, tz),
    accountSection(events, tz),
    capturesSection(record, me, tz),
    toldSection(record, tz),
    correctionsSection(me),
    '</main>',
    `<div class="screen-only">${MARKING}</div>`,
  ].join('\n');
  return documentHtml(`Account of ${me.name}, incident ${record.ref}`, css, body, { images: false });
};

const header = (r: IncidentRecord, me: RecordReviewer): string => `<header class="head">
  <div>
    <h1>My account of what I did</h1>
    <div class="sub">${escapeHtml(me.name)}, ${escapeHtml(me.role)}</div>
    <div class="org">${escapeHtml(r.organisation)}</div>
  </div>
  <div class="refbox">
    <div class="k">Incident reference</div>
    <div class="ref">${escapeHtml(r.ref)}</div>
    <div class="status draft">Draft for ${escapeHtml(me.name)} to check and sign</div>
  </div>
</header>`;

const aboutSection = (r: IncidentRecord, me: RecordReviewer, generatedAt: string, tz: string): string => {
  const sealed = r.status.phase === 'sealed' && r.sealedHead;
  const signed = sealed
    ? `the record both reviewers signed off (record digest <span class="mono">${escapeHtml(r.recordDigest ?? '')}` +
      `</span>, sealed at journal entry ${r.sealedHead?.seq ?? 0})`
    : 'the record so far: it has not yet been signed off by both reviewers';
  return `<section class="about" aria-label="About this account">
<p><strong>Generated from the signed record, for you to check.</strong> Countersign wrote this account on
${escapeHtml(dateTime(generatedAt, tz))} from the journal of incident ${escapeHtml(r.ref)}, ${signed}. It says, in
the first person, what the journal records that ${escapeHtml(me.name)} did, and in order what else happened while
the incident was open (what the other reviewer recorded is named as theirs).</p>
<p>It is <strong>not</strong> a witness statement and not the police’s form (MG11). Read every line. Where it is
wrong or leaves something out, say so in your own words in the space at the end; then sign each page and the end.
If the police ask you for a statement, they will take it on their own form, and you may use this account to help
you. Times are UK time.</p>
</section>`;
};

const whoSection = (r: IncidentRecord, me: RecordReviewer, tz: string): string => {
  const first = r.reviewers[0].id === me.id;
  const other = r.reviewers[first ? 1 : 0];
  const role =
    `${first ? 'First' : 'Second'} reviewing person; the ${first ? 'second' : 'first'} was ` +
    `${escapeHtml(other.name)} (${escapeHtml(other.role)})`;
  const key = me.keyFingerprint
    ? `<span class="mono">${escapeHtml(me.keyFingerprint)}</span>`
    : 'No signing key was registered for me when the incident was opened.';
  return `<section>
<h2>Account of</h2>
<table class="fields">
${row('Name', escapeHtml(me.name))}
${row('Position', escapeHtml(me.role))}
${row('Organisation', escapeHtml(r.organisation))}
${row('My part in this incident', role)}
${row('My signing key’s fingerprint (SHA-256)', key)}
${row('Computer used', `${escapeHtml(r.computer.name)}, ${escapeHtml(r.computer.location)}`)}
${row('Incident', `${escapeHtml(r.ref)}: ${escapeHtml(r.category)}, opened ${escapeHtml(longDate(r.opened.at, tz))}`)}
</table>
</section>`;
};

const accountSection = (events: readonly AccountEvent[], tz: string): string => {
  const parts: string[] = [];
  let day = '';
  let open = false;
  for (const [i, e] of events.entries()) {
    const d = longDate(e.at, tz);
    if (d !== day) {
      if (open) parts.push('</ol>');
      parts.push(`<h3 class="day">${escapeHtml(d)}</h3>`, `<ol class="account" start="${i + 1}">`);
      day = d;
      open = true;
    }
    const when = `<span class="when">${escapeHtml(clockTime(e.at, tz))}</span>`;
    parts.push(`<li${e.mine ? '' : ' class="other"'}>${when}${e.html}</li>`);
  }
  if (open) parts.push('</ol>');
  return `<section>
<h2>What happened, in order</h2>
${parts.join('\n')}
</section>`;
};

const capturesSection = (r: IncidentRecord, me: RecordReviewer, tz: string): string => {
  const mine = r.captures.filter((c) => c.by.id === me.id);
  const rows = mine.map(
    (c) =>
      `<tr><td>${c.n}</td><td><div class="url">${escapeHtml(c.url)}</div>` +
      `<div class="meta small muted">${escapeHtml(dateTime(c.at, tz))}` +
      `${c.purged ? '. Destroyed after the halt: only its SHA-256 is kept' : ''}</div></td>` +
      `<td class="mono">${escapeHtml(c.sha256)}</td></tr>`,
  );
  const empty = '<tr><td colspan="3">I captured no screenshots in this incident.</td></tr>';
  return `<section>
<h2>Screenshots I captured</h2>
<table>
<thead><tr><th style="width:12mm">No.</th><th>Address and time</th><th style="width:62mm">SHA-256</th></tr></thead>
<tbody>
${rows.length > 0 ? rows.join('\n') : empty}
</tbody>
</table>
<p class="note">The numbers are those of the incident form and the printed screenshots. The SHA-256 identifies the
exact image file in the evidence bundle; this account holds no image.</p>
</section>`;
};

const toldSection = (r: IncidentRecord, tz: string): string => {
  const told = [
    ...r.referrals.map((x) => ({ seq: x.seq, who: x.to, at: x.toldAt, ref: x.reference, by: x.by.name })),
    ...r.told.map((x) => ({ seq: x.seq, who: x.who, at: x.toldAt, ref: x.reference, by: x.by.name })),
  ].sort((a, b) => a.seq - b.seq);
  if (told.length === 0) return '';
  const rows = told.map(
    (t) =>
      `<tr><td>${escapeHtml(t.who)}</td><td>${escapeHtml(dateTime(t.at, tz))}</td>` +
      `<td>${escapeHtml(t.ref ?? 'None recorded')}</td><td>${escapeHtml(t.by)}</td></tr>`,
  );
  return `<section>
<h2>Who was told</h2>
<table>
<thead><tr><th>Who</th><th>When</th><th>Their reference</th><th>Recorded by</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
};

const correctionsSection = (me: RecordReviewer): string => {
  const lines = Array.from({ length: CORRECTION_LINES }, () => '<div class="ink"></div>').join('');
  return `<section>
<h2>Corrections and additions, in my own words</h2>
<div class="lines"><span class="visually-hidden">Ruled lines for corrections, to be written in ink</span>${lines}</div>
</section>
<section class="integrity">
<h2>Signature</h2>
<p class="note">I have read this account. Where it was wrong or incomplete, I have corrected it above in my own
words.</p>
<div class="people"><div class="person"><dl>
<dt>Signature</dt><dd><div class="ink"></div></dd>
<dt>Name</dt><dd>${escapeHtml(me.name)}</dd>
<dt>Date</dt><dd><div class="ink short"></div></dd>
</dl></div></div>
</section>`;
};
