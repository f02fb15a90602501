// The incident form: the SWGfL "Record of reviewing devices / internet sites" as one A4 HTML document, for the screen preview and for print.
import { ACTIONS, POLICE_REASONS } from '../evidence/entries';
import { profileById } from '../policy/profile-registry';
import { SWGFL_TEMPLATE } from '../policy/profiles/swgfl-template';
import type { Phase } from '../procedure/procedure-machine';
import {
  baseCss,
  clockTime,
  dateTime,
  DEFAULT_TIME_ZONE,
  documentHtml,
  escapeHtml,
  longDate,
  MARKING,
  multiline,
  pageCss,
  practiceMarks,
  tickBox,
} from './html';
import { ACTION_LABELS, type Capture, type IncidentRecord } from './record';

export interface FormOptions {
  /** Zone for printed times; the record keeps UTC. Defaults to UK time. */
  timeZone?: string;
}

export const HALT_CONCERN = 'Halted: suspected child sexual abuse imagery — no image kept, referred to police';

export const TRIAGE_QUESTION = 'Is there any suspicion of child sexual abuse images or other illegal activity?';

const PHASE_STATUS: Record<Phase, string> = {
  none: 'Not opened',
  clock: 'Draft: checking the computer’s clock',
  triage: 'Draft: awaiting the triage answer',
  review: 'Draft: review in progress',
  referral: 'Draft: on the police-referral route',
  conclusion: 'Draft: conclusion not yet written',
  signoff: 'Awaiting sign-off by both reviewers',
  sealed: 'Signed off by both reviewers',
};

const ROUTE_WORDS: Record<'triage' | 'halt' | 'judgement', string> = {
  triage: 'at triage: illegal activity was suspected before any review, so nothing was investigated on this computer',
  halt: 'by the halt: suspected child sexual abuse imagery was seen during the review',
  judgement: 'by the judgement: the concern is one the police must be told of',
};

const SUBJECT_WORDS: Record<IncidentRecord['subject']['kind'], string> = {
  pupil: 'Pupil',
  staff: 'Member of staff',
  other: 'Other',
};

const MODE_WORDS: Record<Capture['mode'], string> = { viewport: 'visible area', fullpage: 'full page' };

const formCss = `
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; border-bottom: 2px solid #111; padding-bottom: 3mm; margin-bottom: 4mm; }
.head h1 { font-size: 14pt; line-height: 1.2; }
.head .sub { font-size: 10.5pt; margin-top: 1mm; }
.head .org { font-size: 10pt; margin-top: 2mm; color: #333; }
.refbox { border: 1.5px solid #111; padding: 2mm 3mm; flex: 0 0 60mm; text-align: right; }
.refbox .k { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .05em; color: #444; }
.refbox .ref { font: bold 12pt Consolas, "Liberation Mono", monospace; }
.refbox .status { font-size: 8.5pt; margin-top: 1mm; }
.refbox .status.draft { color: #a00; font-weight: bold; }
section { margin-bottom: 4.5mm; position: relative; z-index: 1; }
h2 { font-size: 10.5pt; background: #1f2d3a; color: #fff; padding: 1.2mm 2.5mm; margin-bottom: 0; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td, th { border: 0.75pt solid #555; padding: 1.6mm 2.2mm; vertical-align: top; text-align: left; }
th { background: #e8ecf0; font-weight: bold; }
.fields th { width: 34%; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.people { display: flex; gap: 4mm; break-inside: avoid; }
.person { flex: 1; border: 0.75pt solid #555; }
.person h3 { font-size: 9.5pt; background: #e8ecf0; padding: 1.4mm 2.2mm; border-bottom: 0.75pt solid #555; }
.person dl { margin: 0; padding: 2mm 2.2mm 1mm; display: grid; grid-template-columns: 22mm 1fr; row-gap: 2mm; }
.person dt { font-weight: bold; }
.person dd { margin: 0; }
.ink { border-bottom: 0.75pt solid #111; height: 9mm; }
.ink.short { height: 6mm; width: 40mm; }
.sites td:first-child, .sites th:first-child { width: 12mm; text-align: center; overflow-wrap: normal; }
.sites .where { width: 52%; }
.sites .meta { font-size: 8pt; color: #333; margin-top: 1mm; }
.halt-row td { background: #fdecec; }
.halt-row .concern { font-weight: bold; color: #8a0000; }
.ticks { list-style: none; margin: 0; padding: 0; }
.ticks li { margin: 0.8mm 0; display: flex; align-items: flex-start; }
.ticks li .box { flex: none; margin-top: 0.3mm; vertical-align: 0; }
.plain { margin: 0; padding-left: 5mm; }
.digestbox { border: 0.75pt solid #555; border-top: 0; padding: 1.8mm 2.2mm 2.2mm; }
.digestbox .k { font-size: 8.5pt; color: #333; margin-bottom: 1mm; }
.digest { font: bold 10pt Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.signers { margin-top: 2.5mm; }
.signers tr.who td { border-bottom: 0; }
.signers tr.fp td { border-top: 0; font-size: 8pt; color: #333; padding-top: 0; }
.signers tr.who, .signers tr.fp { break-inside: avoid; }
.integrity { break-inside: avoid; }
.sub-h { font-size: 9.5pt; background: #e8ecf0; border: 0.75pt solid #555; border-top: 0; padding: 1.4mm 2.2mm; break-after: avoid; }
.told th { background: #fff; font-size: 8.5pt; }
.told td, .told th { border-top: 0; }
.note { font-size: 8.5pt; color: #333; margin-top: 1.5mm; }
.small { font-size: 8.5pt; }
`;

/** The incident form as a complete HTML document (A4, self-contained): the preview on screen and what is printed. */
export const incidentFormHtml = (record: IncidentRecord, opts: FormOptions = {}): string => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const css =
    baseCss +
    pageCss({ headerLeft: `Incident ${record.ref}`, footerLeft: record.group, practice: record.practice }) +
    formCss;
  const body = [
    `<div class="screen-only">${MARKING}</div>`,
    '<main class="sheet">',
    practiceMarks(record.practice),
    header(record, tz),
    incidentSection(record, tz),
    reviewersSection(record),
    computerSection(record, tz),
    triageSection(record, tz),
    sitesSection(record, tz),
    judgementSection(record, tz),
    policeSection(record, tz),
    conclusionSection(record, tz),
    notesSection(record, tz),
    integritySection(record, tz),
    '</main>',
    `<div class="screen-only">${MARKING}</div>`,
  ].join('\n');
  return documentHtml(`Incident form ${record.ref}`, css, body);
};

const header = (r: IncidentRecord, tz: string): string => {
  const sealed = r.status.phase === 'sealed';
  const lastSign = r.signoffs.at(-1);
  const status =
    sealed && lastSign
      ? `${escapeHtml(PHASE_STATUS.sealed)}<br>on ${escapeHtml(longDate(lastSign.at, tz))}`
      : escapeHtml(PHASE_STATUS[r.status.phase]);
  return `<header class="head">
  <div>
    <h1>Record of reviewing devices / internet sites</h1>
    <div class="sub">(responding to incidents of misuse)</div>
    <div class="org">${escapeHtml(r.organisation)}</div>
  </div>
  <div class="refbox">
    <div class="k">Incident reference</div>
    <div class="ref">${escapeHtml(r.ref)}</div>
    <div class="status${sealed ? '' : ' draft'}">${status}</div>
  </div>
</header>`;
};

const row = (label: string, value: string): string =>
  `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;

const incidentSection = (r: IncidentRecord, tz: string): string => `<section>
<h2>The incident</h2>
<table class="fields">
${row('Group', escapeHtml(r.group))}
${row('Date', `${escapeHtml(longDate(r.opened.at, tz))} <span class="muted">(opened at ${escapeHtml(clockTime(r.opened.at, tz))} by ${escapeHtml(r.opened.by.name)})</span>`)}
${row('Reason for investigation', multiline(r.reason))}
${row('Subject of the concern', `${escapeHtml(SUBJECT_WORDS[r.subject.kind])}, reference ${escapeHtml(r.subject.ref)}`)}
${row('Category', escapeHtml(r.category))}
${row('Policy in force', `${escapeHtml(policyName(r.policy.id))}<div class="mono muted">${escapeHtml(r.policy.id)} · SHA-256 ${escapeHtml(r.policy.sha256)}</div>`)}
</table>
</section>`;

const policyName = (id: string): string => profileById(id)?.name ?? id;

const reviewersSection = (r: IncidentRecord): string => {
  const person = (title: string, p: IncidentRecord['reviewers'][number]): string => `<div class="person">
  <h3>${escapeHtml(title)}</h3>
  <dl>
    <dt>Name</dt><dd>${escapeHtml(p.name)}</dd>
    <dt>Position</dt><dd>${escapeHtml(p.role)}</dd>
    <dt>Signature</dt><dd><div class="ink"><span class="visually-hidden">Signature, to be signed in ink</span></div></dd>
    <dt>Date</dt><dd><div class="ink short"><span class="visually-hidden">Date, to be written in ink</span></div></dd>
  </dl>
</div>`;
  return `<section>
<h2>Reviewing persons</h2>
<div class="people">
${person('Details of first reviewing person', r.reviewers[0])}
${person('Details of second reviewing person', r.reviewers[1])}
</div>
</section>`;
};

const computerSection = (r: IncidentRecord, tz: string): string => {
  const c = r.clock.confirmed;
  const clock = c
    ? `The computer showed ${escapeHtml(dateTime(c.shownAt, tz))}; the reviewers ${
        c.offsetMs === 0
          ? 'confirmed it against a clock they trust'
          : `recorded that a clock they trust differed by ${escapeHtml(offsetWords(c.offsetMs))}`
      }.${c.note ? ` ${escapeHtml(c.note)}` : ''}`
    : 'Not yet checked.';
  return `<section>
<h2>Computer</h2>
<table class="fields">
${row('Name and location of computer used for review (for web sites)', `${escapeHtml(r.computer.name)}, ${escapeHtml(r.computer.location)}`)}
${row('Computer’s key fingerprint (SHA-256)', `<span class="mono">${escapeHtml(r.deviceKeyFingerprint)}</span>`)}
${row('Clock check', clock)}
</table>
</section>`;
};

const offsetWords = (ms: number): string => {
  const s = Math.abs(ms) / 1000;
  const amount = s >= 120 ? `${Math.round(s / 60)} minutes` : `${Number(s.toFixed(1))} seconds`;
  return `${amount} (the trusted clock ${ms > 0 ? 'ahead of' : 'behind'} the computer)`;
};

const triageSection = (r: IncidentRecord, tz: string): string => {
  const t = r.triage;
  const answer = t
    ? `${tickBox(t.illegalSuspected)}Yes ${tickBox(!t.illegalSuspected)}No<div class="meta small muted">Answered ${escapeHtml(dateTime(t.at, tz))} by ${escapeHtml(t.by.name)}${
        t.illegalSuspected
          ? '. No investigation on this computer: the matter went straight to the police-referral route.'
          : '. The review went ahead.'
      }</div>`
    : 'Not yet answered.';
  return `<section>
<h2>Before the review</h2>
<table class="fields">
${row(TRIAGE_QUESTION, answer)}
</table>
</section>`;
};

const sitesSection = (r: IncidentRecord, tz: string): string => {
  type Row = { seq: number; html: string };
  const rows: Row[] = r.captures.map((c) => ({ seq: c.seq, html: captureRow(c, tz) }));
  if (r.halt) {
    const h = r.halt;
    rows.push({
      seq: h.seq,
      html: `<tr class="halt-row"><td>Halt</td><td class="where"><div class="url">${escapeHtml(h.url)}</div><div class="meta">Halted ${escapeHtml(dateTime(h.at, tz))} by ${escapeHtml(h.by.name)}. The page was torn down at once; capture is locked for this incident.</div></td><td><div class="concern">${escapeHtml(HALT_CONCERN)}</div>${h.reason ? `<div class="meta">${multiline(h.reason)}</div>` : ''}</td></tr>`,
    });
  }
  rows.sort((a, b) => a.seq - b.seq);
  const empty =
    r.triage?.illegalSuspected === true
      ? 'Not reviewed on this computer: illegal activity was suspected at triage, so the matter was referred to the police without investigation.'
      : 'No content of concern has been recorded.';
  const reviewed = r.triage?.illegalSuspected === false;
  const visited = r.visits.filter((v) => v.type !== 'in-page' || v.frame === 'main').length;
  const blockedNote =
    r.blocked.length > 0
      ? ` ${r.blocked.length} attempt${r.blocked.length === 1 ? '' : 's'} by pages to open popups, download files, ask for permissions or leave the web were blocked and logged.`
      : '';
  return `<section>
<h2>Web site(s) and content of concern</h2>
<table class="sites">
<thead><tr><th>No.</th><th class="where">Web site(s) address / device</th><th>Reason for concern</th></tr></thead>
<tbody>
${rows.length > 0 ? rows.map((x) => x.html).join('\n') : `<tr><td>–</td><td colspan="2">${escapeHtml(empty)}</td></tr>`}
</tbody>
</table>
${reviewed ? `<p class="note">Every address the evidence browser loaded was logged with its time (${visited} page load${visited === 1 ? '' : 's'} and redirect${visited === 1 ? '' : 's'}).${escapeHtml(blockedNote)} The full list is in the evidence bundle (urls.csv and journal.jsonl).</p>` : ''}
</section>`;
};

const captureRow = (c: Capture, tz: string): string => {
  const meta = `Captured ${escapeHtml(dateTime(c.at, tz))} (${MODE_WORDS[c.mode]}, ${c.width} × ${c.height} pixels)${c.purged ? '' : `; screenshot ${c.n} attached`}`;
  const title = c.title ? `<div class="meta">“${escapeHtml(c.title)}”</div>` : '';
  const concern = c.concern ? multiline(c.concern) : '<span class="muted">No description given.</span>';
  const reason = c.purged
    ? `<div class="concern"><strong>Purged after the halt:</strong> the reviewers said this capture showed the suspected child sexual abuse imagery. The image was destroyed; only its SHA-256 is kept.</div>${c.concern ? `<div class="meta">Described before the halt as: ${multiline(c.concern)}</div>` : ''}`
    : concern;
  return `<tr${c.purged ? ' class="halt-row"' : ''}><td>${c.n}</td><td class="where"><div class="url">${escapeHtml(c.url)}</div>${title}<div class="meta">${meta}</div><div class="mono muted">SHA-256 ${escapeHtml(c.sha256)}</div></td><td>${reason}</td></tr>`;
};

const judgementSection = (r: IncidentRecord, tz: string): string => {
  const j = r.judgement;
  if (!j) {
    const why =
      r.status.policeRoute === 'triage'
        ? 'No judgement on this computer: the matter was referred to the police at triage.'
        : 'Not yet made.';
    return `<section><h2>Judgement</h2><table class="fields">${row('Does the concern have substance?', escapeHtml(why))}</table></section>`;
  }
  const labels = (profileById(r.policy.id) ?? SWGFL_TEMPLATE).policeReportable;
  const ticked = new Set(j.policeReasons.map((p) => p.id));
  const reasons = POLICE_REASONS.map((id) => {
    const label = j.policeReasons.find((p) => p.id === id)?.label ?? labels.find((l) => l.id === id)?.label ?? id;
    return `<li>${tickBox(ticked.has(id))}${escapeHtml(label)}</li>`;
  }).join('');
  const actions = ACTIONS.map((a) => `<li>${tickBox(j.actions.includes(a))}${escapeHtml(ACTION_LABELS[a])}</li>`).join(
    '',
  );
  return `<section>
<h2>Judgement</h2>
<table class="fields">
${row('Does the concern have substance?', `${tickBox(j.substance)}Yes ${tickBox(!j.substance)}No<div class="meta small muted">Judged ${escapeHtml(dateTime(j.at, tz))} by ${escapeHtml(j.by.name)}</div>`)}
${row('Action', `<ul class="ticks">${actions}</ul>`)}
${row('To be reported to the police (the policy’s list; any tick means police involvement)', `<ul class="ticks">${reasons}</ul>`)}
${j.sanctions.length > 0 ? row('Actions / sanctions (school policy)', `<ul class="plain">${j.sanctions.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`) : ''}
</table>
</section>`;
};

const policeSection = (r: IncidentRecord, tz: string): string => {
  if (!r.status.policeRoute && r.referrals.length === 0 && !r.isolation) return '';
  const route = r.status.policeRoute
    ? `Entered ${escapeHtml(ROUTE_WORDS[r.status.policeRoute])}.`
    : 'Not on the police route.';
  const referrals =
    r.referrals.length > 0
      ? `<table class="told"><thead><tr><th>Who was told</th><th style="width:44mm">When</th><th style="width:34mm">Reference</th><th style="width:30mm">Recorded by</th></tr></thead><tbody>${r.referrals
          .map(
            (x) =>
              `<tr><td>${escapeHtml(x.to)}${x.note ? `<div class="meta small">${multiline(x.note)}</div>` : ''}</td><td>${escapeHtml(dateTime(x.toldAt, tz))}</td><td>${escapeHtml(x.reference ?? '—')}</td><td>${escapeHtml(x.by.name)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<table class="told"><tbody><tr><td>Nobody recorded as told yet.</td></tr></tbody></table>';
  const isolation = r.isolation
    ? `<ul class="ticks">${r.isolation.checks.map((c) => `<li>${tickBox(true)}${escapeHtml(c)}</li>`).join('')}</ul><div class="meta small muted">Recorded ${escapeHtml(dateTime(r.isolation.at, tz))} by ${escapeHtml(r.isolation.by.name)}</div>`
    : 'Not yet recorded.';
  const purge = r.halt
    ? row(
        'Earlier captures showing the suspect imagery',
        r.halt.purgeDecision
          ? r.halt.purged.length > 0
            ? `${r.halt.purged.length} purged (files destroyed, SHA-256 kept): ${r.halt.purged.map((h) => `<span class="mono">${escapeHtml(h)}</span>`).join(', ')}`
            : 'None: the reviewers said no earlier capture shows it.'
          : 'Not yet decided.',
      )
    : '';
  return `<section>
<h2>Police referral</h2>
<table class="fields">
${row('Route', route)}
${purge}
${row('Isolate the computer in question', isolation)}
</table>
<h3 class="sub-h">Who was told, and when</h3>
${referrals}
</section>`;
};

const conclusionSection = (r: IncidentRecord, tz: string): string => {
  const c = r.conclusion;
  const actions = r.judgement?.actions.map((a) => ACTION_LABELS[a]) ?? [];
  if (r.status.policeRoute && !actions.includes(ACTION_LABELS.police)) actions.push(ACTION_LABELS.police);
  const text = c
    ? `${multiline(c.text)}${actions.length > 0 ? `<p class="small" style="margin-top:2mm"><strong>Action:</strong> ${actions.map(escapeHtml).join('; ')}.</p>` : ''}<div class="meta small muted">Recorded ${escapeHtml(dateTime(c.at, tz))} by ${escapeHtml(c.by.name)}</div>`
    : 'Not yet written.';
  return `<section>
<h2>Conclusion</h2>
<table class="fields">
${row('Conclusion and Action proposed or taken', text)}
</table>
</section>`;
};

const notesSection = (r: IncidentRecord, tz: string): string => {
  const parts: string[] = [];
  if (r.notes.length > 0) {
    parts.push(`<section>
<h2>Notes made during the procedure</h2>
<table><thead><tr><th style="width:44mm">When</th><th style="width:32mm">By</th><th>Note</th></tr></thead><tbody>
${r.notes.map((n) => `<tr><td>${escapeHtml(dateTime(n.at, tz))}</td><td>${escapeHtml(n.by.name)}</td><td>${multiline(n.text)}</td></tr>`).join('\n')}
</tbody></table>
</section>`);
  }
  if (r.addenda.length > 0) {
    parts.push(`<section>
<h2>Addenda (added after sign-off)</h2>
<table><thead><tr><th style="width:44mm">When</th><th style="width:32mm">By</th><th>Addendum</th></tr></thead><tbody>
${r.addenda.map((a) => `<tr><td>${escapeHtml(dateTime(a.at, tz))}</td><td>${escapeHtml(a.by.name)}${a.signedBy.length > 0 ? `<div class="meta small">Signed by ${escapeHtml(a.signedBy.join(' and '))}</div>` : ''}</td><td>${multiline(a.text)}</td></tr>`).join('\n')}
</tbody></table>
</section>`);
  }
  if (r.interruptions.length > 0) {
    parts.push(`<section>
<h2>Interruptions recorded</h2>
<table><thead><tr><th style="width:44mm">When</th><th>What happened</th></tr></thead><tbody>
${r.interruptions.map((i) => `<tr><td>${escapeHtml(dateTime(i.at, tz))}</td><td>${escapeHtml(i.detail)}</td></tr>`).join('\n')}
</tbody></table>
</section>`);
  }
  return parts.join('\n');
};

const integritySection = (r: IncidentRecord, tz: string): string => {
  const signoffs =
    r.signoffs.length > 0
      ? `<table class="signers"><thead><tr><th>Signed off by</th><th>Position</th><th>When</th></tr></thead><tbody>${r.signoffs
          .map(
            (s) =>
              `<tr class="who"><td>${escapeHtml(s.reviewer.name)}</td><td>${escapeHtml(s.reviewer.role)}</td><td>${escapeHtml(dateTime(s.at, tz))}</td></tr>` +
              `<tr class="fp"><td colspan="3">Key fingerprint (SHA-256 of the public key): <span class="mono">${escapeHtml(s.keyFingerprint ?? 'not available')}</span></td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<table class="signers"><tbody><tr><td>Not yet signed off.</td></tr></tbody></table>';
  return `<section class="integrity">
<h2>Record digest and signatures</h2>
<div class="digestbox">
  <div class="k">Record digest (SHA-256): what both reviewers signed, each with their own key</div>
  <div class="digest">${r.recordDigest ? escapeHtml(r.recordDigest) : 'None yet: the digest is fixed when the conclusion is recorded.'}</div>
</div>
${signoffs}
<p class="note">The signatures, the full journal and the screenshots are in the evidence bundle for ${escapeHtml(r.ref)}. The journal${
    r.status.phase === 'sealed' ? '' : ' so far'
  } ends at entry ${r.chainHead.seq}, hash <span class="mono">${escapeHtml(r.chainHead.hash)}</span>. This paper and the bundle vouch for each other: the digest and key fingerprints printed here are the ones in the bundle.</p>
</section>`;
};
