// The incident form: the SWGfL "Record of reviewing devices / internet sites" as one A4 HTML document, for the screen
// preview and for print.
import type { PolicyProfile } from '../policy/profile-registry';
import type { Phase } from '../procedure/procedure-machine';
import {
  formPolicy,
  outcomeList,
  outcomeWords,
  policeList,
  policyInForce,
  subjectRoute,
  templateNote,
  type FormPolicy,
} from './form-policy';
import {
  baseCss,
  clockTime,
  counted,
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
import { headRow, row, stampLine } from './form-parts';
import { followUpsSection, siteRows, toldSection } from './form-procedure';
import { formCss } from './form-styles';
import type { Capture, IncidentRecord } from './record';

export interface FormOptions {
  /** Zone for printed times; the record keeps UTC. Defaults to UK time. */
  timeZone?: string;
  /**
   * The policy profile in force (the one whose hash the incident records): its name and words are printed. Without
   * it, the built-in profile with the recorded id; an imported profile must be given.
   */
  profile?: PolicyProfile;
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

/** The incident form as a complete HTML document (A4, self-contained): the preview on screen and what is printed. */
export const incidentFormHtml = (record: IncidentRecord, opts: FormOptions = {}): string => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const fp = formPolicy(record, opts.profile);
  const css =
    baseCss +
    pageCss({ headerLeft: `Incident ${record.ref}`, footerLeft: record.group, practice: record.practice }) +
    formCss;
  const body = [
    `<div class="screen-only">${MARKING}</div>`,
    '<main class="sheet">',
    practiceMarks(record.practice),
    header(record, tz),
    incidentSection(record, fp, tz),
    reviewersSection(record),
    computerSection(record, tz),
    triageSection(record, tz),
    sitesSection(record, tz),
    judgementSection(record, fp, tz),
    policeSection(record, tz),
    toldSection(record, tz),
    conclusionSection(record, fp, tz),
    followUpsSection(record, fp, tz),
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

const incidentSection = (r: IncidentRecord, fp: FormPolicy, tz: string): string => {
  const opened = `(opened at ${escapeHtml(clockTime(r.opened.at, tz))} by ${escapeHtml(r.opened.by.name)})`;
  const subject =
    `${escapeHtml(SUBJECT_WORDS[r.subject.kind])}, reference ${escapeHtml(r.subject.ref)}` + subjectRoute(r, fp);
  return `<section>
<h2>The incident</h2>
<table class="fields">
${row('Group', escapeHtml(r.group))}
${row('Date', `${escapeHtml(longDate(r.opened.at, tz))} <span class="muted">${opened}</span>`)}
${row('Reason for investigation', multiline(r.reason))}
${row('Incident reported by', escapeHtml(r.reportedBy ?? 'Not recorded'))}
${row('Subject of the concern', subject)}
${row('Category', escapeHtml(r.category))}
${row('Policy in force', policyInForce(r, fp, tz))}
</table>
</section>`;
};

/** A line to write on in ink, named for screen readers. */
const inkLine = (kind: string, name: string): string =>
  `<div class="${kind}"><span class="visually-hidden">${name}</span></div>`;

const reviewersSection = (r: IncidentRecord): string => {
  const person = (title: string, p: IncidentRecord['reviewers'][number]): string => `<div class="person">
  <h3>${escapeHtml(title)}</h3>
  <dl>
    <dt>Name</dt><dd>${escapeHtml(p.name)}</dd>
    <dt>Position</dt><dd>${escapeHtml(p.role)}</dd>
    <dt>Signature</dt><dd>${inkLine('ink', 'Signature, to be signed in ink')}</dd>
    <dt>Date</dt><dd>${inkLine('ink short', 'Date, to be written in ink')}</dd>
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
  const computer = `${escapeHtml(r.computer.name)}, ${escapeHtml(r.computer.location)}`;
  return `<section>
<h2>Computer</h2>
<table class="fields">
${row('Name and location of computer used for review (for web sites)', computer)}
${row('Computer’s key fingerprint (SHA-256)', `<span class="mono">${escapeHtml(r.deviceKeyFingerprint)}</span>`)}
${laterComputers(r)}${row('Clock check', clock)}
</table>
</section>`;
};

/** After a restore on a replacement computer: each later computer's key, which signed from the change on. */
const laterComputers = (r: IncidentRecord): string =>
  (r.laterDeviceKeyFingerprints ?? [])
    .map((fp) =>
      row(
        'Replacement computer’s key fingerprint (SHA-256), after a restore from backup',
        `<span class="mono">${escapeHtml(fp)}</span>`,
      ),
    )
    .join('\n');

const offsetWords = (ms: number): string => {
  const s = Math.abs(ms) / 1000;
  const amount = s >= 120 ? `${Math.round(s / 60)} minutes` : `${Number(s.toFixed(1))} seconds`;
  return `${amount} (the trusted clock ${ms > 0 ? 'ahead of' : 'behind'} the computer)`;
};

/** Yes and No tick boxes, one of them ticked. */
const yesNo = (yes: boolean): string => `${tickBox(yes)}Yes ${tickBox(!yes)}No`;

const triageSection = (r: IncidentRecord, tz: string): string => {
  const t = r.triage;
  const answer = t
    ? `${yesNo(t.illegalSuspected)}${stampLine(
        'Answered',
        t,
        tz,
        t.illegalSuspected
          ? '. No investigation on this computer: the matter went straight to the police-referral route.'
          : '. The review went ahead.',
      )}`
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
  const rows: Row[] = [...r.captures.map((c) => ({ seq: c.seq, html: captureRow(c, tz) })), ...siteRows(r, tz)];
  if (r.halt) {
    const h = r.halt;
    const halted =
      `Halted ${escapeHtml(dateTime(h.at, tz))} by ${escapeHtml(h.by.name)}. ` +
      'The page was torn down at once; capture is locked for this incident.';
    const where = `<div class="url">${escapeHtml(h.url)}</div><div class="meta">${halted}</div>`;
    const concern = `<div class="concern">${escapeHtml(HALT_CONCERN)}</div>`;
    const reason = h.reason ? `<div class="meta">${multiline(h.reason)}</div>` : '';
    rows.push({
      seq: h.seq,
      html: `<tr class="halt-row"><td>Halt</td><td class="where">${where}</td><td>${concern}${reason}</td></tr>`,
    });
  }
  rows.sort((a, b) => a.seq - b.seq);
  const empty =
    r.triage?.illegalSuspected === true
      ? 'Not reviewed on this computer: illegal activity was suspected at triage, ' +
        'so the matter was referred to the police without investigation.'
      : 'No content of concern has been recorded.';
  const reviewed = r.triage?.illegalSuspected === false;
  const visited = r.visits.filter((v) => v.type !== 'in-page' || v.frame === 'main').length;
  const blockedNote =
    r.blocked.length > 0
      ? ` ${counted(r.blocked.length, 'attempt')} by pages to open popups, download files, ask for permissions ` +
        'or leave the web were blocked and logged.'
      : '';
  const loads = `${counted(visited, 'page load')} and redirect${visited === 1 ? '' : 's'}`;
  const logNote =
    `<p class="note">Every address the evidence browser loaded was logged with its time (${loads}).` +
    `${escapeHtml(blockedNote)} The full list is in the evidence bundle (urls.csv and journal.jsonl).</p>`;
  const noRows = `<tr><td>–</td><td colspan="2">${escapeHtml(empty)}</td></tr>`;
  return `<section>
<h2>Web site(s) and content of concern</h2>
<table class="sites">
<thead><tr><th>No.</th><th class="where">Web site(s) address / device</th><th>Reason for concern</th></tr></thead>
<tbody>
${rows.length > 0 ? rows.map((x) => x.html).join('\n') : noRows}
</tbody>
</table>
${reviewed ? logNote : ''}
</section>`;
};

const PURGED =
  '<strong>Purged after the halt:</strong> the reviewers said this capture showed the suspected child sexual abuse ' +
  'imagery. The image was destroyed; only its SHA-256 is kept.';

const captureRow = (c: Capture, tz: string): string => {
  const meta =
    `Captured ${escapeHtml(dateTime(c.at, tz))} (${MODE_WORDS[c.mode]}, ${c.width} × ${c.height} pixels)` +
    (c.purged ? '' : `; screenshot ${c.n} attached`);
  const title = c.title ? `<div class="meta">“${escapeHtml(c.title)}”</div>` : '';
  const concern = c.concern ? multiline(c.concern) : '<span class="muted">No description given.</span>';
  const before = c.concern ? `<div class="meta">Described before the halt as: ${multiline(c.concern)}</div>` : '';
  const reason = c.purged ? `<div class="concern">${PURGED}</div>${before}` : concern;
  const where =
    `<div class="url">${escapeHtml(c.url)}</div>${title}<div class="meta">${meta}</div>` +
    `<div class="mono muted">SHA-256 ${escapeHtml(c.sha256)}</div>`;
  const cells = `<td>${c.n}</td><td class="where">${where}</td><td>${reason}</td>`;
  return `<tr${c.purged ? ' class="halt-row"' : ''}>${cells}</tr>`;
};

const judgementSection = (r: IncidentRecord, fp: FormPolicy, tz: string): string => {
  const j = r.judgement;
  if (!j) {
    const why =
      r.status.policeRoute === 'triage'
        ? 'No judgement on this computer: the matter was referred to the police at triage.'
        : 'Not yet made.';
    const answer = row('Does the concern have substance?', escapeHtml(why));
    return `<section><h2>Judgement</h2><table class="fields">${answer}</table></section>`;
  }
  const reasons = policeList(fp, j);
  const actions = outcomeList(fp, j.actions);
  const sanctions = `<ul class="plain">${j.sanctions.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`;
  const toPolice = 'To be reported to the police (the policy’s list; any tick means police involvement)';
  return `<section>
<h2>Judgement</h2>
<table class="fields">
${row('Does the concern have substance?', `${yesNo(j.substance)}${stampLine('Judged', j, tz)}`)}
${row('Action', actions.html + templateNote(actions.labels))}
${row(toPolice, reasons.html + templateNote(reasons.labels))}
${j.sanctionRow ? row('Kind of incident (the policy’s sanctions table)', escapeHtml(j.sanctionRow)) : ''}
${j.sanctions.length > 0 ? row('Actions / sanctions (school policy)', sanctions) : ''}
</table>
</section>`;
};

const policeSection = (r: IncidentRecord, tz: string): string => {
  if (!r.status.policeRoute && !r.isolation) return '';
  const route = r.status.policeRoute
    ? `Entered ${escapeHtml(ROUTE_WORDS[r.status.policeRoute])}.`
    : 'Not on the police route.';
  const isolation = r.isolation
    ? `<ul class="ticks">${r.isolation.checks.map((c) => `<li>${tickBox(true)}${escapeHtml(c)}</li>`).join('')}</ul>` +
      stampLine('Recorded', r.isolation, tz)
    : 'Not yet recorded.';
  const purged = r.halt?.purged.map((h) => `<span class="mono">${escapeHtml(h)}</span>`).join(', ') ?? '';
  const purge = r.halt
    ? row(
        'Earlier captures showing the suspect imagery',
        r.halt.purgeDecision
          ? r.halt.purged.length > 0
            ? `${r.halt.purged.length} purged (files destroyed, SHA-256 kept): ${purged}`
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
</section>`;
};

const conclusionSection = (r: IncidentRecord, fp: FormPolicy, tz: string): string => {
  const c = r.conclusion;
  const chosen = [...(r.judgement?.actions ?? [])];
  if (r.status.policeRoute && !chosen.includes('police')) chosen.push('police');
  const actions = outcomeWords(fp, chosen);
  const action =
    actions.length > 0
      ? `<p class="small" style="margin-top:2mm"><strong>Action:</strong> ${actions.map(escapeHtml).join('; ')}.</p>`
      : '';
  const text = c ? `${multiline(c.text)}${action}${stampLine('Recorded', c, tz)}` : 'Not yet written.';
  return `<section>
<h2>Conclusion</h2>
<table class="fields">
${row('Conclusion and Action proposed or taken', text)}
</table>
</section>`;
};

const notesSection = (r: IncidentRecord, tz: string): string => {
  const parts: string[] = [];
  const when = (at: string): string => `<td>${escapeHtml(dateTime(at, tz))}</td>`;
  const addendum = (a: IncidentRecord['addenda'][number]): string => {
    const signed =
      a.signedBy.length > 0 ? `<div class="meta small">Signed by ${escapeHtml(a.signedBy.join(' and '))}</div>` : '';
    return `<tr>${when(a.at)}<td>${escapeHtml(a.by.name)}${signed}</td><td>${multiline(a.text)}</td></tr>`;
  };
  if (r.notes.length > 0) {
    parts.push(`<section>
<h2>Notes made during the procedure</h2>
<table>${headRow(['When', '44mm'], ['By', '32mm'], 'Note')}<tbody>
${r.notes.map((n) => `<tr>${when(n.at)}<td>${escapeHtml(n.by.name)}</td><td>${multiline(n.text)}</td></tr>`).join('\n')}
</tbody></table>
</section>`);
  }
  if (r.addenda.length > 0) {
    parts.push(`<section>
<h2>Addenda (added after sign-off)</h2>
<table>${headRow(['When', '44mm'], ['By', '32mm'], 'Addendum')}<tbody>
${r.addenda.map(addendum).join('\n')}
</tbody></table>
</section>`);
  }
  if (r.interruptions.length > 0) {
    parts.push(`<section>
<h2>Interruptions recorded</h2>
<table>${headRow(['When', '44mm'], 'What happened')}<tbody>
${r.interruptions.map((i) => `<tr>${when(i.at)}<td>${escapeHtml(i.detail)}</td></tr>`).join('\n')}
</tbody></table>
</section>`);
  }
  return parts.join('\n');
};

const integritySection = (r: IncidentRecord, tz: string): string => {
  const signer = (s: IncidentRecord['signoffs'][number]): string =>
    `<tr class="who"><td>${escapeHtml(s.reviewer.name)}</td><td>${escapeHtml(s.reviewer.role)}</td>` +
    `<td>${escapeHtml(dateTime(s.at, tz))}</td></tr>` +
    '<tr class="fp"><td colspan="3">Key fingerprint (SHA-256 of the public key): ' +
    `<span class="mono">${escapeHtml(s.keyFingerprint ?? 'not available')}</span></td></tr>`;
  const signoffs =
    r.signoffs.length > 0
      ? `<table class="signers">${headRow('Signed off by', 'Position', 'When')}` +
        `<tbody>${r.signoffs.map(signer).join('')}</tbody></table>`
      : '<table class="signers"><tbody><tr><td>Not yet signed off.</td></tr></tbody></table>';
  const digest = r.recordDigest
    ? escapeHtml(r.recordDigest)
    : 'None yet: the digest is fixed when the conclusion is recorded.';
  const at = (h: { seq: number; hash: string }) => `${h.seq}, hash <span class="mono">${escapeHtml(h.hash)}</span>`;
  // Once both have signed, the sealed head: fixed, so this paper and a bundle exported later show the same entry.
  const journal =
    r.status.phase === 'sealed' && r.sealedHead
      ? `The record was sealed at journal entry ${at(r.sealedHead)} (the last sign-off).`
      : `The journal so far ends at entry ${at(r.chainHead)}.`;
  const note =
    `The signatures, the full journal and the screenshots are in the evidence bundle for ${escapeHtml(r.ref)}. ` +
    `${journal} This paper and the bundle vouch for each other: ` +
    'the digest, key fingerprints and journal entry printed here are the ones in the bundle.';
  return `<section class="integrity">
<h2>Record digest and signatures</h2>
<div class="digestbox">
  <div class="k">Record digest (SHA-256): what both reviewers signed, each with their own key</div>
  <div class="digest">${digest}</div>
</div>
${signoffs}
<p class="note">${note}</p>
</section>`;
};
