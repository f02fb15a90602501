// The incident log and the governors' summary: CSV that Excel opens safely, and a summary that gives away no one.
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  governorsSummary,
  governorsSummaryCsv,
  governorsSummaryHtml,
  incidentLogCsv,
  incidentLogHtml,
  LOG_COLUMNS,
} from '@shared/outputs/log';
import { escapeHtml } from '@shared/outputs/html';
import { buildRecord, type IncidentRecord } from '@shared/outputs/record';
import { profileById, type PolicyProfile } from '@shared/policy/profile-registry';
import {
  DEBRIEF,
  DEVICE,
  DEVICE_CONCERN,
  followedUpIncident,
  LADO_REFERENCE,
  POLICE_REFERENCE,
  POLICE_RESPONSE,
  REPORTED_BY,
  SANCTION_ROW,
  SITE_CONCERN,
  SITE_URL,
  CONCERN_1,
  CONCERN_2,
  CONCLUSION,
  HALT_REASON,
  haltedIncident,
  normalIncident,
  NOTE,
  ORGANISATION,
  REASON,
  REFERRAL_REFERENCE,
  triageIllegalIncident,
} from '@test/helpers/recorded-incidents';

/** A strict RFC 4180 reader: CRLF records, fields quoted with doubled quotes inside; anything else is an error. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n')
          throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        field += text[i];
        i++;
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}`);
    }
  }
  if (row.length > 0) throw new Error('last record not ended with CRLF');
  return rows;
};

const withBom = (csv: string): string => {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return csv.slice(1);
};

const at = (r: IncidentRecord, iso: string, changes: Partial<IncidentRecord> = {}): IncidentRecord => ({
  ...structuredClone(r),
  ...changes,
  opened: { ...r.opened, at: iso },
});

describe('incident log and governors’ summary', async () => {
  const normal = await normalIncident({ category: '=HYPERLINK("http://evil.example/","Click")' });
  const halted = await haltedIncident();
  const illegal = await triageIllegalIncident({ subjectRef: 'S-0042', category: 'Staff misuse' });
  const practice = await triageIllegalIncident({ practice: true, category: 'Practice category' });
  const records = [normal, halted, illegal, practice].map((b) => buildRecord(b.entries));
  const [rNormal, rHalted, rIllegal] = records as [IncidentRecord, IncidentRecord, IncidentRecord, IncidentRecord];

  it('the log CSV has the reporting log’s columns and one row per real incident, with a BOM and CRLF lines', () => {
    const csv = incidentLogCsv(records);
    const rows = parseCsv(withBom(csv));
    expect(rows[0]).toEqual([...LOG_COLUMNS]);
    expect(rows.length).toBe(4);
    const byRef = new Map(rows.slice(1).map((r) => [r[2]?.split(':')[0], r]));
    expect([...byRef.keys()].sort()).toEqual([rNormal.ref, rHalted.ref, rIllegal.ref].sort());
    const first = byRef.get(rNormal.ref) ?? [];
    expect(first[0]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(first[1]).toMatch(/^\d{2}:\d{2}$/);
    expect(first[2]).toContain(REASON);
    expect(first[3]).toContain('A. Head (Headteacher) and D. Lead (Designated Safeguarding Lead)');
    expect(first[3]).toContain(CONCLUSION);
    expect(first[4]).toBe('');
    expect(first[5]).toBe('');
    const police = byRef.get(rHalted.ref)?.[3] ?? '';
    expect(police).toContain('halted by D. Lead');
    expect(police).toContain(`reference ${REFERRAL_REFERENCE}`);
  });

  it('includes practice incidents only when asked, marked as practice', () => {
    expect(incidentLogCsv(records)).not.toContain('PRACTICE');
    const rows = parseCsv(withBom(incidentLogCsv(records, { includePractice: true })));
    expect(rows.length).toBe(5);
    expect(rows.some((r) => r[2]?.includes('(PRACTICE)'))).toBe(true);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const bad of ['=1+1', '+44 7700 900123', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(bad).replace(/^"/, '').startsWith("'"), JSON.stringify(bad)).toBe(true);
    }
    expect(csvCell('Cyberbullying')).toBe('Cyberbullying');
    expect(csvCell('a "quoted", word')).toBe('"a ""quoted"", word"');
    const summary = parseCsv(withBom(governorsSummaryCsv(records)));
    const category = summary.find((r) => r[0] === 'Category' && r[1]?.includes('HYPERLINK'));
    expect(category?.[1]).toBe(`'=HYPERLINK("http://evil.example/","Click")`);
  });

  it('the printable log escapes what was typed and leaves the signature for ink', () => {
    const html = incidentLogHtml(records, { organisation: ORGANISATION });
    for (const c of LOG_COLUMNS) expect(html).toContain(c);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('size: A4 landscape');
  });

  it('counts by month (UK time, months with none included), category and outcome', () => {
    const spread = [
      at(rNormal, '2026-01-15T10:00:00.000Z'),
      // 23:30 UTC on 31 March is 00:30 BST on 1 April: an April incident in a UK school.
      at(rHalted, '2026-03-31T23:30:00.000Z'),
      at(rIllegal, '2026-04-02T09:00:00.000Z'),
      at(rNormal, '2026-04-03T09:00:00.000Z', {
        judgement: rNormal.judgement && { ...rNormal.judgement, substance: false, actions: [], sanctions: [] },
        category: 'Misuse of equipment',
      }),
    ];
    const s = governorsSummary(spread);
    expect(s.total).toBe(4);
    expect(s.byMonth.map((m) => [m.month, m.count])).toEqual([
      ['2026-01', 1],
      ['2026-02', 0],
      ['2026-03', 0],
      ['2026-04', 3],
    ]);
    expect(s.byMonth[3]?.label).toBe('April 2026');
    expect(Object.fromEntries(s.byCategory.map((c) => [c.category, c.count]))).toEqual({
      '=HYPERLINK("http://evil.example/","Click")': 1,
      Cyberbullying: 1,
      'Staff misuse': 1,
      'Misuse of equipment': 1,
    });
    expect(Object.fromEntries(s.byOutcome.map((o) => [o.outcome, o.count]))).toEqual({
      police: 2,
      la: 1,
      internal: 0,
      'upheld-no-action': 0,
      'no-substance': 1,
      open: 0,
    });
    const html = governorsSummaryHtml(spread);
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain(
      '<desc id="chart-desc">January 2026: 1; February 2026: 0; March 2026: 0; April 2026: 3</desc>',
    );
    expect(html).toContain('<caption>Incidents per month</caption>');
  });

  it('the summary holds no name, reference, address, description or note, though the records do', async () => {
    const secrets = [
      'A. Head',
      'D. Lead',
      'Headteacher',
      'Designated Safeguarding Lead',
      'P-117',
      'S-0042',
      ...records.map((r) => r.ref),
      '127.0.0.1',
      'http://127.0.0.1',
      halted.haltUrl,
      ...normal.urls,
      ...halted.urls,
      CONCERN_1,
      CONCERN_2,
      NOTE,
      REASON,
      CONCLUSION,
      HALT_REASON,
      REFERRAL_REFERENCE,
      'SAFEGUARD-LAPTOP-1',
      'Practice category',
    ];
    const everything = JSON.stringify(records);
    for (const s of secrets) expect(everything, s).toContain(s);
    const outputs = [
      governorsSummaryCsv(records),
      governorsSummaryHtml(records),
      JSON.stringify(governorsSummary(records)),
    ];
    for (const out of outputs) {
      for (const s of secrets) expect(out, s).not.toContain(s);
      for (const c of records.flatMap((r) => r.captures)) expect(out).not.toContain(c.sha256);
    }
  });
});

describe('log and summary of incidents with who reported them, sites, people told and follow-ups', async () => {
  const followed = buildRecord((await followedUpIncident()).entries);
  const older = buildRecord((await normalIncident()).entries);

  it('fills "Incident reported by" from the incident, and says what was done after sign-off', () => {
    const rows = parseCsv(withBom(incidentLogCsv([followed, older])));
    const row = rows.find((r) => r[2]?.startsWith(followed.ref)) ?? [];
    expect(row[4]).toBe(REPORTED_BY);
    expect(row[3]).toContain('1 site of concern recorded without a capture.');
    expect(row[3]).toContain('1 device of concern recorded.');
    expect(row[3]).toContain(`LADO told`);
    expect(row[3]).toContain(`(reference ${POLICE_REFERENCE})`);
    expect(row[3]).toContain(`Police response (`);
    expect(row[3]).toContain(POLICE_RESPONSE);
    expect(rows.find((r) => r[2]?.startsWith(older.ref))?.[4]).toBe('');
    expect(incidentLogHtml([followed])).toContain(escapeHtml(REPORTED_BY));
  });

  it('words the actions in the incident’s own policy, the one it was opened under, and names the sanctions row', () => {
    const stWilfrids = profileById('st-wilfrids') as PolicyProfile;
    const action = (profiles?: Map<string, PolicyProfile>) =>
      parseCsv(withBom(incidentLogCsv([followed], profiles ? { profiles } : {})))[1]?.[3] ?? '';
    // The built-in profile of the recorded id (the template) when the incident's own is not at hand.
    expect(action()).toContain('Concern has substance: internal response or discipline procedures and police ');
    const own = action(new Map([[followed.policy.sha256, stWilfrids]]));
    expect(own).toContain(`Concern has substance: ${stWilfrids.outcomes?.internal?.text ?? '?'} and `);
    expect(own).not.toContain('internal response or discipline procedures');
    expect(own).toContain(`Kind of incident (sanctions table): ${SANCTION_ROW}.`);
  });

  it('keeps to the period asked for, in UK days, both ends included', () => {
    const jan = at(followed, '2026-01-31T23:30:00.000Z');
    const feb = at(older, '2026-02-01T00:30:00.000Z');
    // 31 March 23:30 UTC is 1 April in the UK (BST).
    const april = at(older, '2026-03-31T23:30:00.000Z');
    const refs = (opts: { from?: string; to?: string }) =>
      parseCsv(withBom(incidentLogCsv([jan, feb, april], opts)))
        .slice(1)
        .map((r) => r[0]);
    expect(refs({ from: '2026-02-01', to: '2026-03-31' })).toEqual(['01/02/2026']);
    expect(refs({ from: '2026-01-31' })).toEqual(['31/01/2026', '01/02/2026', '01/04/2026']);
    expect(refs({ to: '2026-01-31' })).toEqual(['31/01/2026']);
    const s = governorsSummary([jan, feb, april], { from: '2025-12-01', to: '2026-04-30' });
    expect(s.byMonth.map((m) => [m.month, m.count])).toEqual([
      ['2025-12', 0],
      ['2026-01', 1],
      ['2026-02', 1],
      ['2026-03', 0],
      ['2026-04', 1],
    ]);
    const html = governorsSummaryHtml([jan], { from: '2025-09-01', to: '2026-08-31' });
    expect(html).toContain('Period: 1 September 2025 to 31 August 2026.');
  });

  it('gives the governors none of who reported it, the sites, devices, people told, references or follow-ups', () => {
    const secrets = [
      REPORTED_BY,
      SITE_URL,
      SITE_CONCERN,
      DEVICE,
      DEVICE_CONCERN,
      LADO_REFERENCE,
      POLICE_REFERENCE,
      POLICE_RESPONSE,
      DEBRIEF,
      SANCTION_ROW,
      followed.ref,
    ];
    expect(JSON.stringify(followed)).toEqual(expect.stringContaining(REPORTED_BY));
    for (const out of [governorsSummaryCsv([followed]), governorsSummaryHtml([followed])]) {
      for (const secret of secrets) {
        expect(out, secret).not.toContain(secret);
        expect(out, secret).not.toContain(escapeHtml(secret));
      }
    }
  });
});
