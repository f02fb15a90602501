// The incident log ("reporting log") and the governors' anonymised summary, each as CSV for Excel and as a printable
// A4 page.
import { outcomeLabels } from '../policy/policy-words';
import type { PolicyProfile } from '../policy/profile-registry';
import { FOLLOW_UP_LABELS } from '../procedure/follow-ups';
import { formPolicy } from './form-policy';
import {
  baseCss,
  counted,
  dayKey,
  documentHtml,
  escapeHtml,
  hourMinute,
  longDate,
  monthKey,
  monthName,
  pageCss,
  shortDate,
  DEFAULT_TIME_ZONE,
} from './html';
import type { IncidentRecord } from './record';

export interface LogOptions {
  timeZone?: string;
  /** Practice (training) incidents are left out unless asked for: they are not incidents. */
  includePractice?: boolean;
  /** The school, for the page heading. */
  organisation?: string;
  /** The first and last day (YYYY-MM-DD, UK time) of the period: incidents opened outside it are left out. */
  from?: string;
  to?: string;
  /**
   * The policy profiles the incidents were opened under, by the SHA-256 each records: the log words each incident's
   * actions as its own policy does. An incident whose profile is not here is worded by the built-in profile of its id.
   */
  profiles?: ReadonlyMap<string, PolicyProfile>;
}

// ---- CSV ----------------------------------------------------------------------------------------

/** A spreadsheet would run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised against formula injection, then quoted as RFC 4180 requires. */
export const csvCell = (value: string | number): string => {
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV (CRLF line ends) with a UTF-8 byte order mark, so Excel reads accents and symbols correctly. */
export const toCsv = (rows: readonly (readonly (string | number)[])[]): string =>
  `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

// ---- the incident log ---------------------------------------------------------------------------

export const LOG_COLUMNS = [
  'Date',
  'Time',
  'Incident',
  'Action taken (what, by whom)',
  'Incident reported by',
  'Signature',
] as const;

export interface LogRow {
  ref: string;
  date: string;
  time: string;
  incident: string;
  actionTaken: string;
  /** Who reported the incident to the reviewers, as recorded when it was opened; blank for the school to write in when
   *  it was not. */
  reportedBy: string;
  /** Left blank for ink. */
  signature: string;
}

const SUBJECT_WORDS: Record<IncidentRecord['subject']['kind'], string> = {
  pupil: 'pupil',
  staff: 'member of staff',
  other: 'other',
};

const selected = (records: readonly IncidentRecord[], opts: LogOptions): IncidentRecord[] => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const inPeriod = (r: IncidentRecord): boolean => {
    const day = dayKey(r.opened.at, tz);
    return (!opts.from || day >= opts.from) && (!opts.to || day <= opts.to);
  };
  return records
    .filter((r) => (opts.includePractice === true || !r.practice) && inPeriod(r))
    .sort((a, b) => a.opened.at.localeCompare(b.opened.at));
};

const listWords = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

/** An outcome in the policy's words inside a sentence: "Internal response." → "internal response"; "LADO" kept. */
const inSentence = (words: string): string => {
  const bare = words.replace(/[.;:]+$/, '');
  return /^[A-Z][a-z]/.test(bare) ? `${bare.charAt(0).toLowerCase()}${bare.slice(1)}` : bare;
};

/** What was done and by whom, for the log's "Action taken" column, in the words of the incident's own policy. */
export const actionTaken = (
  r: IncidentRecord,
  timeZone = DEFAULT_TIME_ZONE,
  profiles: LogOptions['profiles'] = undefined,
): string => {
  const [a, b] = r.reviewers;
  const parts: string[] = [];
  if (r.triage?.illegalSuspected) {
    parts.push(
      'Illegal activity suspected at triage: not investigated on this computer; ' +
        `referred to the police by ${a.name} and ${b.name}.`,
    );
  } else {
    parts.push(`Reviewed by ${a.name} (${a.role}) and ${b.name} (${b.role}).`);
    const kept = r.captures.filter((c) => !c.purged).length;
    if (kept > 0) parts.push(`${counted(kept, 'screenshot')} of content of concern recorded.`);
  }
  const sites = r.sites.filter((s) => s.url !== null).length;
  const devices = r.sites.length - sites;
  if (sites > 0) parts.push(`${counted(sites, 'site')} of concern recorded without a capture.`);
  if (devices > 0) parts.push(`${counted(devices, 'device')} of concern recorded.`);
  if (r.halt) {
    const purged = r.halt.purged.length;
    const destroyed = purged > 0 ? `, ${counted(purged, 'earlier capture')} destroyed` : '';
    parts.push(
      `Review halted by ${r.halt.by.name}: suspected child sexual abuse imagery, no image kept${destroyed}; ` +
        'referred to the police.',
    );
  }
  if (r.judgement) {
    const outcomes = outcomeLabels(formPolicy(r, profiles?.get(r.policy.sha256)).profile);
    const actions = r.judgement.actions.map((x) => inSentence(outcomes[x].text));
    parts.push(
      r.judgement.substance
        ? `Concern has substance: ${actions.length > 0 ? listWords(actions) : 'no further action'}.`
        : 'Concern found to have no substance.',
    );
    if (r.judgement.sanctionRow) parts.push(`Kind of incident (sanctions table): ${r.judgement.sanctionRow}.`);
    if (r.judgement.sanctions.length > 0) parts.push(`Sanctions: ${r.judgement.sanctions.join('; ')}.`);
  }
  const told = [...r.referrals.map((x) => ({ ...x, who: x.to })), ...r.told].sort((x, y) => x.seq - y.seq);
  for (const x of told) {
    const when = `${shortDate(x.toldAt, timeZone)} ${hourMinute(x.toldAt, timeZone)}`;
    parts.push(`${x.who} told ${when}${x.reference ? ` (reference ${x.reference})` : ''}, by ${x.by.name}.`);
  }
  if (r.isolation)
    parts.push(
      `Computer in question isolated (${counted(r.isolation.checks.length, 'check')}), by ${r.isolation.by.name}.`,
    );
  if (r.conclusion) parts.push(`Conclusion: ${r.conclusion.text}`);
  parts.push(
    r.status.phase === 'sealed'
      ? `Signed off by ${listWords(r.signoffs.map((s) => s.reviewer.name))}.`
      : `Not yet signed off (${r.status.phase}).`,
  );
  for (const f of r.followUps) {
    const on = shortDate(f.at, timeZone);
    parts.push(`${FOLLOW_UP_LABELS[f.kind]} (${on}, ${f.by.name}): ${f.text}`);
  }
  return parts.join(' ');
};

export const incidentLogRows = (records: readonly IncidentRecord[], opts: LogOptions = {}): LogRow[] => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  return selected(records, opts).map((r) => ({
    ref: r.ref,
    date: shortDate(r.opened.at, tz),
    time: hourMinute(r.opened.at, tz),
    incident:
      `${r.ref}${r.practice ? ' (PRACTICE)' : ''}: ` +
      `${r.category}, ${SUBJECT_WORDS[r.subject.kind]} ${r.subject.ref}. ${r.reason}`,
    actionTaken: actionTaken(r, tz, opts.profiles),
    reportedBy: r.reportedBy ?? '',
    signature: '',
  }));
};

export const incidentLogCsv = (records: readonly IncidentRecord[], opts: LogOptions = {}): string =>
  toCsv([
    [...LOG_COLUMNS],
    ...incidentLogRows(records, opts).map((x) => [
      x.date,
      x.time,
      x.incident,
      x.actionTaken,
      x.reportedBy,
      x.signature,
    ]),
  ]);

const logCss = `
h1 { font-size: 14pt; margin-bottom: 1mm; }
.sub { color: #333; margin-bottom: 4mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; }
th, td { border: 0.75pt solid #555; padding: 1.4mm 1.8mm; vertical-align: top; text-align: left; }
th { background: #e8ecf0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.ink { height: 14mm; }
`;

/** The period asked for, in words ("1 September 2026 to 31 August 2027"); null when none was given. */
export const periodWords = (opts: Pick<LogOptions, 'from' | 'to'>): string | null => {
  const day = (d: string): string => longDate(`${d}T12:00:00.000Z`, 'UTC');
  if (opts.from && opts.to) return `${day(opts.from)} to ${day(opts.to)}`;
  if (opts.from) return `from ${day(opts.from)}`;
  if (opts.to) return `up to ${day(opts.to)}`;
  return null;
};

export const incidentLogHtml = (records: readonly IncidentRecord[], opts: LogOptions = {}): string => {
  const rows = incidentLogRows(records, opts);
  const org = opts.organisation ?? '';
  const widths = ['19mm', '12mm', '62mm', '', '32mm', '32mm'];
  const th = (c: string, i: number): string =>
    `<th${widths[i] ? ` style="width:${widths[i]}"` : ''}>${escapeHtml(c)}</th>`;
  const td = (text: string): string => `<td>${escapeHtml(text)}</td>`;
  const tr = (x: LogRow): string =>
    `<tr>${td(x.date)}${td(x.time)}${td(x.incident)}${td(x.actionTaken)}` +
    `<td class="ink">${escapeHtml(x.reportedBy)}</td><td class="ink"></td></tr>`;
  const body = `<main class="sheet landscape">
<h1>Online safety incident log</h1>
<div class="sub">${escapeHtml(org ? `${org}: ` : '')}${counted(rows.length, 'incident')}${escapeHtml(
    periodWords(opts) ? `, ${periodWords(opts)}` : '',
  )}. Signatures in ink.</div>
<table>
<thead><tr>${LOG_COLUMNS.map(th).join('')}</tr></thead>
<tbody>
${rows.map(tr).join('\n')}
</tbody>
</table>
</main>`;
  const css =
    baseCss +
    pageCss({ headerLeft: 'Online safety incident log', footerLeft: org, practice: false, landscape: true }) +
    logCss;
  return documentHtml('Online safety incident log', css, body);
};

// ---- the governors' summary ---------------------------------------------------------------------

export const OUTCOMES = ['police', 'la', 'internal', 'upheld-no-action', 'no-substance', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  police: 'Referred to the police',
  la: 'Local Authority or other organisation involved',
  internal: 'Internal response or discipline',
  'upheld-no-action': 'Concern upheld, no further action',
  'no-substance': 'No substance found',
  open: 'Not yet decided',
};

/** One outcome per incident, the most serious that applies, so the counts add up to the number of incidents. */
export const outcomeOf = (r: IncidentRecord): Outcome => {
  if (r.status.policeRoute) return 'police';
  const j = r.judgement;
  if (!j) return 'open';
  if (!j.substance) return 'no-substance';
  if (j.actions.includes('police')) return 'police';
  if (j.actions.includes('la')) return 'la';
  if (j.actions.includes('internal')) return 'internal';
  return 'upheld-no-action';
};

export interface GovernorsSummary {
  total: number;
  /** Every month from the first incident to the last, including months with none. */
  byMonth: { month: string; label: string; count: number }[];
  byCategory: { category: string; count: number }[];
  byOutcome: { outcome: Outcome; label: string; count: number }[];
}

/** Counts only: no name, reference, address, description or note of any incident goes in. */
export const governorsSummary = (records: readonly IncidentRecord[], opts: LogOptions = {}): GovernorsSummary => {
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const rs = selected(records, opts);
  const months = new Map<string, number>();
  for (const r of rs) {
    const m = monthKey(r.opened.at, tz);
    months.set(m, (months.get(m) ?? 0) + 1);
  }
  const keys = [...months.keys()].sort();
  const first = opts.from ? opts.from.slice(0, 7) : keys[0];
  const last = opts.to ? opts.to.slice(0, 7) : keys.at(-1);
  const byMonth = monthRange(first, last).map((month) => ({
    month,
    label: monthName(month),
    count: months.get(month) ?? 0,
  }));
  const categories = new Map<string, number>();
  for (const r of rs) categories.set(r.category, (categories.get(r.category) ?? 0) + 1);
  const byCategory = [...categories.entries()]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  const byOutcome = OUTCOMES.map((outcome) => ({
    outcome,
    label: OUTCOME_LABELS[outcome],
    count: rs.filter((r) => outcomeOf(r) === outcome).length,
  }));
  return { total: rs.length, byMonth, byCategory, byOutcome };
};

const monthRange = (from: string | undefined, to: string | undefined): string[] => {
  if (!from || !to) return [];
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
};

export const governorsSummaryCsv = (records: readonly IncidentRecord[], opts: LogOptions = {}): string => {
  const s = governorsSummary(records, opts);
  return toCsv([
    ['Measure', 'Value', 'Incidents'],
    ['Total', 'All incidents', s.total],
    ...s.byMonth.map((m) => ['Month', m.month, m.count]),
    ...s.byCategory.map((c) => ['Category', c.category, c.count]),
    ...s.byOutcome.map((o) => ['Outcome', o.label, o.count]),
  ]);
};

type SvgAttributes = Readonly<Record<string, string | number>>;

/** ` a="1" b="2"`: the values are numbers and fixed words, never user text. */
const svgAttributes = (attrs: SvgAttributes): string =>
  Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');

/** An SVG element with its attributes in the order given; self-closed when it has no text. */
const svgElement = (tag: string, attrs: SvgAttributes, text?: string): string =>
  text === undefined ? `<${tag}${svgAttributes(attrs)}/>` : `<${tag}${svgAttributes(attrs)}>${text}</${tag}>`;

/** A bar chart of incidents per month as inline SVG; the table beside it has the same numbers for screen readers. */
export const monthChartSvg = (byMonth: GovernorsSummary['byMonth']): string => {
  const w = 640;
  const h = 240;
  const left = 36;
  const bottom = 40;
  const top = 16;
  const plotH = h - top - bottom;
  const max = Math.max(1, ...byMonth.map((m) => m.count));
  const step = max <= 5 ? 1 : Math.ceil(max / 5);
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const slot = byMonth.length > 0 ? (w - left - 8) / byMonth.length : 0;
  const barW = Math.min(48, slot * 0.7);
  const y = (v: number): number => top + plotH - (v / (ticks.at(-1) ?? max)) * plotH;
  const line = (at: string, stroke: string, width: number): string =>
    svgElement('line', { x1: left, x2: w - 4, y1: at, y2: at, stroke, 'stroke-width': width });
  const grid = ticks
    .map(
      (v) =>
        line(y(v).toFixed(1), '#ccd', 1) +
        svgElement('text', { x: left - 6, y: (y(v) + 4).toFixed(1), 'text-anchor': 'end', 'font-size': 11 }, `${v}`),
    )
    .join('');
  const bars = byMonth
    .map((m, i) => {
      const x = left + slot * i + (slot - barW) / 2;
      const label = monthName(m.month).replace(/^(\w{3})\w* (\d{2})(\d{2})$/, '$1 $3');
      const mid = (x + barW / 2).toFixed(1);
      const rect = {
        x: x.toFixed(1),
        y: y(m.count).toFixed(1),
        width: barW.toFixed(1),
        height: (top + plotH - y(m.count)).toFixed(1),
        fill: '#1f4e79',
      };
      const count = { x: mid, y: (y(m.count) - 4).toFixed(1), 'text-anchor': 'middle', 'font-size': 11 };
      return (
        svgElement('rect', rect) +
        (m.count > 0 ? svgElement('text', { ...count, 'font-weight': 'bold' }, `${m.count}`) : '') +
        svgElement('text', { x: mid, y: h - bottom + 16, 'text-anchor': 'middle', 'font-size': 11 }, escapeHtml(label))
      );
    })
    .join('');
  const svg = {
    class: 'chart',
    viewBox: `0 0 ${w} ${h}`,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
    xmlns: 'http://www.w3.org/2000/svg',
    'font-family': "Arial, 'Liberation Sans', sans-serif",
  };
  return `<svg${svgAttributes(svg)}>
<title id="chart-title">Incidents per month</title>
<desc id="chart-desc">${escapeHtml(byMonth.map((m) => `${m.label}: ${m.count}`).join('; ') || 'No incidents')}</desc>
${grid}${line(`${top + plotH}`, '#333', 1.2)}${bars}
</svg>`;
};

const summaryCss = `
h1 { font-size: 14pt; margin-bottom: 1mm; }
h2 { font-size: 11pt; margin: 5mm 0 2mm; }
.sub { color: #333; margin-bottom: 3mm; }
.chart { width: 100%; height: auto; display: block; }
.tables { display: flex; gap: 6mm; align-items: flex-start; }
.tables > div { flex: 1; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; break-inside: avoid; }
caption { text-align: left; font-weight: bold; margin-bottom: 1.5mm; }
th, td { border: 0.75pt solid #555; padding: 1.2mm 2mm; text-align: left; }
td.n, th.n { text-align: right; width: 22mm; }
thead th { background: #e8ecf0; }
.note { font-size: 8.5pt; color: #333; margin-top: 4mm; }
`;

const countRow = (r: { label: string; count: number }): string =>
  `<tr><th scope="row" style="font-weight:normal">${escapeHtml(r.label)}</th><td class="n">${r.count}</td></tr>`;

const countTable = (caption: string, head: string, rows: readonly { label: string; count: number }[]): string => {
  const headings = `<th scope="col">${escapeHtml(head)}</th><th scope="col" class="n">Incidents</th>`;
  const thead = `<thead><tr>${headings}</tr></thead>`;
  const tbody = rows.length > 0 ? rows.map(countRow).join('') : '<tr><td colspan="2">None</td></tr>';
  return `<table><caption>${escapeHtml(caption)}</caption>${thead}<tbody>${tbody}</tbody></table>`;
};

export const governorsSummaryHtml = (records: readonly IncidentRecord[], opts: LogOptions = {}): string => {
  const s = governorsSummary(records, opts);
  const org = opts.organisation ?? '';
  const first = s.byMonth[0];
  const last = s.byMonth.at(-1);
  const period =
    periodWords(opts) ??
    (first && last ? (first.month === last.month ? first.label : `${first.label} to ${last.label}`) : 'no incidents');
  const practice =
    opts.includePractice === true
      ? 'Practice (training) incidents are included.'
      : 'Practice (training) incidents are not counted.';
  const leftOut =
    "Names, references, web addresses, descriptions and notes are deliberately left out; the school's incident log " +
    'holds them.';
  const sub = `Anonymised: counts only. Period: ${escapeHtml(period)}. Total: ${counted(s.total, 'incident')}.`;
  const body = `<main class="sheet">
<h1>Online safety incidents: summary for governors</h1>
<div class="sub">${escapeHtml(org ? `${org}. ` : '')}${sub}</div>
<h2>Incidents per month</h2>
${monthChartSvg(s.byMonth)}
<div class="tables">
<div>${countTable(
    'Incidents per month',
    'Month',
    s.byMonth.map((m) => ({ label: m.label, count: m.count })),
  )}</div>
<div>${countTable(
    'By category',
    'Category',
    s.byCategory.map((c) => ({ label: c.category, count: c.count })),
  )}
<div style="height:5mm"></div>
${countTable(
  'By outcome (the most serious that applies)',
  'Outcome',
  s.byOutcome.map((o) => ({ label: o.label, count: o.count })),
)}</div>
</div>
<p class="note">${practice} ${leftOut}</p>
</main>`;
  const css = baseCss + pageCss({ headerLeft: 'Summary for governors', footerLeft: org, practice: false }) + summaryCss;
  return documentHtml('Online safety incidents: summary for governors', css, body);
};
