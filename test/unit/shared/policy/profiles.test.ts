// The built-in profiles against the policies they transcribe: every label, every tick, and the police list as printed.
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROFILES,
  DEFAULT_PROFILE_ID,
  parseProfile,
  profileById,
  suggestSanctions,
  type PolicyProfile,
  type SanctionMatrix,
  type UserActions,
} from '@shared/policy/profile-registry';
import { POLICE_REASONS } from '@shared/evidence/entries';
import { cellRows, isTick, readPolicy, tabRows, type PolicyText, type SourceRow } from './policy-source';

const profile = (id: string): PolicyProfile => {
  const p = profileById(id);
  if (!p) throw new Error(`no built-in profile ${id}`);
  return p;
};

/** A profile of an SWGfL-based policy, which prints the User Actions table. */
const tabled = (id: string): PolicyProfile & { userActions: UserActions } => {
  const p = profile(id);
  if (!p.userActions) throw new Error(`${id} has no User Actions table`);
  return { ...p, userActions: p.userActions };
};

/** Word's bookmark markers, which the flattening left in some headings. */
const unbookmark = (s: string): string => s.replace(/\[bookmark: [^\]]*\]/g, '').trim();

/** Removes a footnote reference number that the flattening glued to the end of a label. */
const footnotes =
  (refs: Record<string, string>) =>
  (label: string): string => {
    const ref = refs[label];
    return ref === undefined ? label : label.slice(0, -ref.length);
  };

interface SourceMatrix {
  columns: string[];
  rows: SourceRow[];
}

/** Every row label and every cell of a profile's matrix equal the printed table's. */
const expectMatrixAsPrinted = (m: SanctionMatrix, src: SourceMatrix, label: (s: string) => string = (s) => s) => {
  expect(m.columns).toEqual(src.columns);
  expect(m.rows.map((r) => r.incident)).toEqual(src.rows.map((r) => label(r.fields[0] ?? '')));
  src.rows.forEach((r, i) => {
    expect(r.fields, `line ${r.line} has one cell per column`).toHaveLength(src.columns.length + 1);
    expect(m.rows[i]?.cells, `cells of the row on line ${r.line}`).toEqual(r.fields.slice(1).map(isTick));
  });
};

/** Splits a User Actions row into its group cell (if the row has one), its activity and its level cells. */
const userActionRow = (r: SourceRow, columns: number) => {
  const grouped =
    r.fields.length === columns + 2 || r.fields[0] === '' || (r.fields[0] ?? '').startsWith('Users shall not');
  return {
    line: r.line,
    group: grouped ? r.fields[0] : undefined,
    activity: (grouped ? r.fields[1] : r.fields[0]) ?? '',
    cells: r.fields.slice(grouped ? 2 : 1),
  };
};

/** The activities in order, and each level wherever the printed row has one cell per column. */
const expectUserActionsAsPrinted = (
  t: UserActions,
  columns: string[],
  rows: ReturnType<typeof userActionRow>[],
  label: (s: string) => string = (s) => s,
) => {
  expect(t.columns).toEqual(columns);
  expect(t.rows.map((r) => r.activity)).toEqual(rows.map((r) => label(r.activity)));
  rows.forEach((r, i) => {
    if (r.cells.length !== columns.length) return;
    const ticked = r.cells.flatMap((c, j) => (isTick(c) ? [columns[j]] : []));
    expect(ticked.length, `line ${r.line} ticks at most one level`).toBeLessThanOrEqual(1);
    expect(t.rows[i]?.level, `level on line ${r.line}`).toBe(ticked[0] ?? null);
  });
};

/** The "Other Incidents" bullets, without their bullet marks. */
const bullets = (text: PolicyText, from: number, to: number): string[] =>
  text.lines.slice(from - 1, to).map((l) => l.replace(/^\s*(?:·|-)\s*/, '').trim());

const USERS_SHALL_NOT =
  'Users shall not visit Internet sites, make, post, download, upload, data transfer, ' +
  'communicate or pass on, material, remarks, proposals or comments that contain or relate to:';

describe('built-in profiles', () => {
  it('all validate against the schema and survive a JSON round trip unchanged', () => {
    for (const p of BUILT_IN_PROFILES) {
      const r = parseProfile(JSON.parse(JSON.stringify(p)));
      expect(r, p.id).toEqual({ ok: true, value: p });
    }
  });

  it('have distinct ids, and the default is the SWGfL template', () => {
    const ids = BUILT_IN_PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'swgfl-template',
      'forest-ce-federation',
      'st-wilfrids',
      'glenfield-new-leaf',
      'gloucester-house',
      'milford-haven',
    ]);
    expect(DEFAULT_PROFILE_ID).toBe('swgfl-template');
    expect(profileById(DEFAULT_PROFILE_ID)?.name).toBe('SWGfL School Online Safety Policy Template');
    expect(profileById('nobody')).toBeUndefined();
  });

  it('each name the policy file they came from, and that file exists', () => {
    const files = BUILT_IN_PROFILES.flatMap((p) => (p.source.file ? [p.source.file] : []));
    expect(files).toEqual([
      '000_e355d01dfdc378d2.txt',
      '001_5c3ed894315215fa.txt',
      '002_9d77014b07d839f6.txt',
      '003_477b47ee3b0ca0b8.txt',
      '004_5dc4f1688d9d3a79.txt',
    ]);
    for (const f of files) expect(readPolicy(f).lines.length).toBeGreaterThan(100);
  });
});

describe('SWGfL template (default)', () => {
  const p = tabled('swgfl-template');

  it('gives only the national contacts', () => {
    expect(p.contacts).toEqual({
      police101: { role: 'Police (non-emergency)', phone: '101' },
      police999: { role: 'Police (emergency)', phone: '999' },
      ceop: {
        role: 'CEOP (National Crime Agency Child Exploitation and Online Protection)',
        url: 'https://www.ceop.police.uk/safety-centre/',
      },
      iwf: { role: 'Internet Watch Foundation (IWF)', url: 'https://report.iwf.org.uk/' },
    });
  });

  it('reuses the rows of the SWGfL copy in 000, tidied, with only the first row of each matrix ticked', () => {
    const forest = tabled('forest-ce-federation');
    const tidy = (s: string) => s.replace(/\s+/g, ' ').replace('managerr', 'manager');
    expect(p.pupilSanctions.columns).toEqual(forest.pupilSanctions.columns.map(tidy));
    expect(p.staffSanctions.columns).toEqual(forest.staffSanctions.columns.map(tidy));
    expect(p.pupilSanctions.rows.map((r) => r.incident)).toEqual(
      forest.pupilSanctions.rows.map((r) => tidy(r.incident)),
    );
    expect(p.staffSanctions.rows.map((r) => r.incident)).toEqual(
      forest.staffSanctions.rows.map((r) => tidy(r.incident)),
    );
    expect(p.userActions.rows.map((r) => r.activity)).toEqual(forest.userActions.rows.map((r) => tidy(r.activity)));
    expect(p.pupilSanctions.rows.map((r) => r.cells)).toEqual(forest.pupilSanctions.rows.map((r) => r.cells));
    expect(p.staffSanctions.rows.map((r) => r.cells)).toEqual(forest.staffSanctions.rows.map((r) => r.cells));
    expect(p.userActions.rows.map((r) => r.level)).toEqual(forest.userActions.rows.map((r) => r.level));
    expect(p.pupilSanctions.rows.slice(1).every((r) => r.cells.every((c) => !c))).toBe(true);
    expect(p.staffSanctions.rows.slice(1).every((r) => r.cells.every((c) => !c))).toBe(true);
  });

  it('lists all six police-reportable reasons', () => {
    expect(p.policeReportable.map((r) => r.id)).toEqual([...POLICE_REASONS]);
  });
});

describe('Forest CE Federation (000)', () => {
  const text = readPolicy('000_e355d01dfdc378d2.txt');
  const p = tabled('forest-ce-federation');
  const label = footnotes({
    'User Actions18': '18',
    'Use of video broadcasting e.g. Youtube19': '19',
    ['Receipt or transmission of material that infringes the copyright of another person or infringes ' +
    'the Data Protection Act21']: '21',
  });

  it('has the User Actions rows, columns and levels as printed (lines 251-430)', () => {
    const [header] = cellRows(text, 251, 259, 6);
    const columns = header?.fields.slice(1) ?? [];
    expect(label(unbookmark(header?.fields[0] ?? ''))).toBe(p.userActions.heading);
    const rows = cellRows(text, 260, 432, 6).map((r) => userActionRow(r, columns.length));
    expect(rows).toHaveLength(23);
    expectUserActionsAsPrinted(p.userActions, columns, rows, label);
    expect(rows[0]?.group).toBe(USERS_SHALL_NOT);
    expect(p.userActions.rows.map((r) => r.group !== undefined)).toEqual(rows.map((r) => r.group !== undefined));
    // Spot checks, read by eye: the X on line 266 is the fifth cell, on line 297 the fourth; lines 375-379 are blank.
    expect(p.userActions.rows[0]?.level).toBe('Unacceptable and illegal');
    expect(p.userActions.rows.find((r) => r.activity === 'Pornography')?.level).toBe('Unacceptable');
    expect(p.userActions.rows.find((r) => r.activity === 'On-line gaming (educational)')?.level).toBeNull();
  });

  it('has the pupil matrix as printed (lines 484-685), less its empty last row', () => {
    const [header] = cellRows(text, 487, 497, 10);
    expect(unbookmark(header?.fields[0] ?? '')).toBe(p.pupilSanctions.rowHeading);
    const rows = cellRows(text, 498, 686, 10);
    const blank = rows.at(-1);
    expect(blank?.line).toBe(675);
    expect(blank?.fields.every((f) => f === '')).toBe(true);
    expectMatrixAsPrinted(p.pupilSanctions, { columns: header?.fields.slice(1) ?? [], rows: rows.slice(0, -1) }, label);
  });

  it('has the staff matrix as printed (lines 687-853); the last row is cut off after its label', () => {
    const [header] = cellRows(text, 690, 699, 9);
    expect(unbookmark(header?.fields[0] ?? '')).toBe(p.staffSanctions.rowHeading);
    const rows = cellRows(text, 700, 853, 9);
    const last = rows.at(-1);
    expect(last).toEqual({
      line: 853,
      fields: ['Continued infringements of the above, following previous warnings or sanctions'],
    });
    expect(text.lines.slice(853).every((l) => l.trim() === '')).toBe(true);
    const printedRows = { ...p.staffSanctions, rows: p.staffSanctions.rows.slice(0, -1) };
    expectMatrixAsPrinted(printedRows, { columns: header?.fields.slice(1) ?? [], rows: rows.slice(0, -1) }, label);
    expect(p.staffSanctions.rows.at(-1)).toEqual({ incident: last?.fields[0], cells: Array(8).fill(false) });
  });

  it('ticks exactly the cells read by eye', () => {
    // Pupils, line 498: cells on lines 500-502 hold X (Head of Department, Headteacher, Police).
    expect(suggestSanctions(p, 'pupil', p.pupilSanctions.rows[0]?.incident ?? '')).toEqual([
      'Refer to Head of Department / Year / other',
      'Refer to Headteacher / Principal',
      'Refer to Police',
    ]);
    // Staff, line 700: the X paragraphs on lines 703, 705 and 707 belong to cells 2, 3 and 4.
    expect(suggestSanctions(p, 'staff', p.staffSanctions.rows[0]?.incident ?? '')).toEqual([
      'Refer to Headteacher Principal',
      'Refer to Local Authority / HR',
      'Refer to Police',
    ]);
    expect(p.staffSanctions.columns[0]).toBe('Refer to line managerr');
    expect(suggestSanctions(p, 'pupil', 'Unauthorised use of non-educational sites during lessons')).toEqual([]);
  });

  it('has the six police-reportable items of "Other Incidents" (lines 474-479)', () => {
    expect(p.policeReportable.map((r) => r.label)).toEqual(bullets(text, 474, 479));
    expect(p.policeReportable.map((r) => r.id)).toEqual([...POLICE_REASONS]);
  });

  it('names the people to inform that the policy names (lines 14, 33-36)', () => {
    expect(text.line(36).trim()).toBe('LADO/MASH');
    expect(text.line(14)).toContain('NCC Online Safety Officer – Simon Aston');
    expect(p.contacts.lado?.role).toBe('LADO');
    expect(p.contacts.mash?.role).toBe('MASH');
    expect(p.contacts.other).toContainEqual({ role: 'NCC Online Safety Officer', name: 'Simon Aston' });
    expect(p.contacts.police101).toBeUndefined();
  });
});

describe('Glenfield Tuition Centre / New Leaf Centre (002)', () => {
  const text = readPolicy('002_9d77014b07d839f6.txt');
  const p = tabled('glenfield-new-leaf');

  it('has the User Actions rows and, where a row is complete, its level as printed (lines 225-250)', () => {
    const [header] = tabRows(text, 225, 225);
    expect(header?.fields[0]).toBe(p.userActions.heading);
    const columns = header?.fields.slice(2) ?? [];
    const rows = tabRows(text, 226, 250).map((r) => userActionRow(r, columns.length));
    expect(rows).toHaveLength(23);
    expectUserActionsAsPrinted(p.userActions, columns, rows);
    expect(rows.find((r) => r.group !== '' && r.group !== undefined)?.group).toBe(USERS_SHALL_NOT);
    expect(p.userActions.rows.map((r) => r.group !== undefined)).toEqual(rows.map((r) => r.group !== undefined));
    // Spot checks: line 242 marks "Acceptable" with a lower-case x; line 240 prints its X under "nominated users".
    expect(p.userActions.rows.find((r) => r.activity === 'On-line gaming (educational)')?.level).toBe('Acceptable');
    expect(p.userActions.rows.find((r) => r.activity.startsWith('Creating or propagating'))?.level).toBe(
      'Acceptable for nominated users',
    );
  });

  it('reads the three ragged User Actions rows (lines 233-235) as Unacceptable, and says so', () => {
    const ragged = tabRows(text, 226, 250)
      .map((r) => userActionRow(r, 5))
      .filter((r) => r.cells.length !== 5);
    expect(ragged.map((r) => r.line)).toEqual([233, 234, 235]);
    for (const r of ragged) {
      expect(r.cells.map(isTick)).toEqual([false, false, true, false]);
      expect(p.userActions.rows.find((row) => row.activity === r.activity)?.level).toBe('Unacceptable');
    }
    expect(p.source.notes?.some((n) => n.includes('233-235'))).toBe(true);
  });

  it('has the pupil matrix as printed (lines 288-306): every cell ticked', () => {
    const [header] = tabRows(text, 288, 288);
    const [heading] = tabRows(text, 289, 289);
    expect(heading?.fields[0]).toBe(p.pupilSanctions.rowHeading);
    expectMatrixAsPrinted(p.pupilSanctions, { columns: header?.fields.slice(1) ?? [], rows: tabRows(text, 290, 306) });
    expect(p.pupilSanctions.rows.every((r) => r.cells.every(Boolean))).toBe(true);
    expect(suggestSanctions(p, 'pupil', 'Unauthorised use of non-educational sites during lessons')).toHaveLength(9);
  });

  it(
    'has the four staff rows printed (lines 311-314) under ' + 'the template staff columns, as the text prints none',
    () => {
      expect(tabRows(text, 308, 310).map((r) => r.fields)).toEqual([
        ['', 'Actions / Sanctions'],
        ['--', '----------------------------'],
      ]);
      expectMatrixAsPrinted(p.staffSanctions, {
        columns: profile('swgfl-template').staffSanctions.columns,
        rows: tabRows(text, 311, 314),
      });
      expect(p.staffSanctions.rowHeading).toBeUndefined();
      expect(p.staffSanctions.note).toContain('no column labels');
    },
  );

  it('has the six police-reportable items (lines 273-278)', () => {
    expect(p.policeReportable.map((r) => r.label)).toEqual(bullets(text, 273, 278));
    expect(p.policeReportable.map((r) => r.id)).toEqual([...POLICE_REASONS]);
  });
});

describe('Milford Haven School (004)', () => {
  const text = readPolicy('004_5dc4f1688d9d3a79.txt');
  const p = tabled('milford-haven');

  it('has the User Actions rows, columns and levels as printed (lines 393-421)', () => {
    expect(text.line(393)).toBe(p.userActions.heading);
    expect(text.line(395)).toBe(p.userActions.preamble);
    const [header] = tabRows(text, 397, 397);
    const columns = header?.fields.slice(1) ?? [];
    const rows = tabRows(text, 398, 421).map((r) => userActionRow(r, columns.length));
    expect(rows).toHaveLength(22);
    expect(rows.every((r) => r.group === undefined && r.cells.length === 5)).toBe(true);
    expectUserActionsAsPrinted(p.userActions, columns, rows);
    // Spot checks: line 408 ticks the fifth cell, line 418 the first.
    expect(p.userActions.rows.find((r) => r.activity === 'Infringing copyright')?.level).toBe(
      'Unacceptable and illegal',
    );
    expect(p.userActions.rows.find((r) => r.activity === 'File sharing')?.level).toBe('Acceptable');
  });

  it('has the pupil matrix as printed (lines 463-480)', () => {
    const [header] = tabRows(text, 463, 463);
    expect(header?.fields[0]).toBe(p.pupilSanctions.rowHeading);
    expectMatrixAsPrinted(p.pupilSanctions, { columns: header?.fields.slice(1) ?? [], rows: tabRows(text, 464, 480) });
  });

  it('has the staff matrix as printed (lines 486-503)', () => {
    const [header] = tabRows(text, 486, 486);
    expect(header?.fields[0]).toBe(p.staffSanctions.rowHeading);
    expectMatrixAsPrinted(p.staffSanctions, { columns: header?.fields.slice(1) ?? [], rows: tabRows(text, 487, 503) });
  });

  it('ticks exactly the cells read by eye', () => {
    // Line 464: "\t\tX\tX\tX\t\tX\tX\t\tX".
    expect(suggestSanctions(p, 'pupil', p.pupilSanctions.rows[0]?.incident ?? '')).toEqual([
      'Refer to AOLE / HoH / Engagement team/ other',
      'Refer to Head teacher / Duty SLT',
      'Refer to Police',
      'Inform parents / carers',
      'Removal of internet access rights',
      'Further sanction e.g. detention / exclusion',
    ]);
    // Line 468: class teacher and a warning, no further sanction.
    expect(suggestSanctions(p, 'pupil', 'Unauthorised downloading or uploading of files')).toEqual([
      'Refer to class teacher / tutor',
      'Warning',
    ]);
    // Line 494: no line manager, no LA / HR, no warning.
    expect(
      suggestSanctions(
        p,
        'staff',
        'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
      ),
    ).toEqual([
      'Refer to Headteacher Principal',
      'Refer to Police',
      'Refer to Technical Support Staff for action re filtering etc',
      'Suspension',
      'Disciplinary action',
    ]);
    // Line 502.
    expect(suggestSanctions(p, 'staff', 'Breaching copyright or licensing regulations')).toEqual([
      'Refer to line manager',
      'Warning',
    ]);
  });

  it('has the five police-reportable items it prints (lines 448-452), without terrorism or extremism', () => {
    expect(p.policeReportable.map((r) => r.label)).toEqual(bullets(text, 448, 452));
    expect(p.policeReportable.map((r) => r.id)).toEqual(POLICE_REASONS.filter((id) => id !== 'terrorism-extremism'));
  });

  it('records the approval date and the people to inform that it prints (lines 30, 35)', () => {
    expect(text.line(30)).toContain('24/05/23');
    expect(p.approved).toBe('2023-05-24');
    expect(text.line(35)).toContain('LA Child Care Assessment Team (CCATs), Police: SCPO and Police Liaison Officer.');
    expect(p.contacts.mash?.role).toBe('LA Child Care Assessment Team (CCATs)');
    expect(p.contacts.other?.map((c) => c.role)).toEqual([
      'e-Safety Officer',
      'Police: SCPO',
      'Police Liaison Officer',
    ]);
  });
});
