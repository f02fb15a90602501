// The incident form's sections for what the procedure records beyond the SWGfL form's boxes: sites and devices of
// concern without a capture, who was told on any route, and the follow-ups after sign-off.
import { FOLLOW_UP_LABELS } from '../procedure/follow-ups';
import { TOLD_HOW_LABELS } from '../procedure/told';
import { headRow, stampLine } from './form-parts';
import { dateTime, escapeHtml, multiline } from './html';
import { outcomeWords, type FormPolicy } from './form-policy';
import type { IncidentRecord } from './record';
import type { FollowUp, Site } from './record-schema';

const siteRow = (s: Site, tz: string): string => {
  const what = s.url !== null ? 'Site' : 'Device';
  const where =
    s.url !== null ? `<div class="url">${escapeHtml(s.url)}</div>` : `<div>${multiline(s.device ?? '')}</div>`;
  const recorded = stampLine('Recorded', s, tz, s.url !== null ? '; not opened or captured for this row' : '');
  return `<tr><td>${what}</td><td class="where">${where}${recorded}</td><td>${multiline(s.concern)}</td></tr>`;
};

/** Rows of the "Web site(s) address / device" table for each site or device recorded without a capture. */
export const siteRows = (r: IncidentRecord, tz: string): { seq: number; html: string }[] =>
  r.sites.map((s) => ({ seq: s.seq, html: siteRow(s, tz) }));

interface ToldRow {
  seq: number;
  who: string;
  police: boolean;
  how: string;
  toldAt: string;
  reference: string | null;
  note: string | null;
  by: string;
}

/** Everyone recorded as told, the older police referrals among them, in the order they were recorded. */
const toldRows = (r: IncidentRecord): ToldRow[] =>
  [
    ...r.referrals.map((x) => ({
      seq: x.seq,
      who: x.to,
      police: true,
      how: '',
      toldAt: x.toldAt,
      reference: x.reference,
      note: x.note,
      by: x.by.name,
    })),
    ...r.told.map((x) => ({
      seq: x.seq,
      who: x.who,
      police: x.police,
      how: x.how ? TOLD_HOW_LABELS[x.how] : '',
      toldAt: x.toldAt,
      reference: x.reference,
      note: x.note,
      by: x.by.name,
    })),
  ].sort((a, b) => a.seq - b.seq);

/** "Who was told": on every route, with the police referral marked as such. */
export const toldSection = (r: IncidentRecord, tz: string): string => {
  const rows = toldRows(r);
  const cell = (x: ToldRow): string => {
    const police = x.police ? '<div class="meta small"><strong>Police referral</strong></div>' : '';
    const note = x.note ? `<div class="meta small">${multiline(x.note)}</div>` : '';
    return `<td>${escapeHtml(x.who)}${police}${note}</td>`;
  };
  const tr = (x: ToldRow): string =>
    `<tr>${cell(x)}<td>${escapeHtml(x.how || '—')}</td><td>${escapeHtml(dateTime(x.toldAt, tz))}</td>` +
    `<td>${escapeHtml(x.reference ?? '—')}</td><td>${escapeHtml(x.by)}</td></tr>`;
  const head = headRow(
    'Who was told',
    ['How', '26mm'],
    ['When', '40mm'],
    ['Reference', '30mm'],
    ['Recorded by', '28mm'],
  );
  const policeMissing =
    r.status.policeRoute !== null && !rows.some((x) => x.police)
      ? '<p class="note"><strong>The police have not been recorded as told.</strong></p>'
      : '';
  const table =
    rows.length > 0
      ? `<table class="told">${head}<tbody>${rows.map(tr).join('')}</tbody></table>`
      : '<table class="told"><tbody><tr><td>Nobody has been recorded as told.</td></tr></tbody></table>';
  return `<section>
<h2>Who was told</h2>
${table}
${policeMissing}
</section>`;
};

const newJudgement = (fp: FormPolicy, j: NonNullable<FollowUp['judgement']>): string => {
  const actions = outcomeWords(fp, j.actions);
  const parts = [
    j.substance
      ? `The concern has substance. Action: ${actions.join('; ') || 'none'}.`
      : 'The concern has no substance.',
    ...(j.sanctionRow ? [`Kind of incident: ${j.sanctionRow}.`] : []),
    ...(j.sanctions.length > 0 ? [`Sanctions: ${j.sanctions.join('; ')}.`] : []),
  ];
  return `<div class="meta"><strong>New judgement:</strong> ${escapeHtml(parts.join(' '))}</div>`;
};

/** The follow-ups added after sign-off, each signed by the reviewer who added it; nothing when there are none. */
export const followUpsSection = (r: IncidentRecord, fp: FormPolicy, tz: string): string => {
  if (r.followUps.length === 0) return '';
  const tr = (f: FollowUp): string => {
    const signed = f.signedBy.length > 0 ? `Signed by ${f.signedBy.join(' and ')}` : 'Not signed';
    return (
      `<tr><td>${escapeHtml(dateTime(f.at, tz))}</td><td>${escapeHtml(FOLLOW_UP_LABELS[f.kind])}</td>` +
      `<td>${multiline(f.text)}${f.judgement ? newJudgement(fp, f.judgement) : ''}</td>` +
      `<td>${escapeHtml(f.by.name)}<div class="meta small">${escapeHtml(signed)}</div></td></tr>`
    );
  };
  return `<section>
<h2>After sign-off: follow-up</h2>
<table>${headRow(['When', '40mm'], ['Follow-up', '34mm'], 'What happened', ['By', '30mm'])}<tbody>
${r.followUps.map(tr).join('\n')}
</tbody></table>
</section>`;
};
