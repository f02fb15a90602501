// urls.csv: one row per browser entry of the journal, safe to open in a spreadsheet.
import { describe, expect, it } from 'vitest';
import { csvCell, urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import { seal } from '@shared/evidence/chain';
import type { JournalEntry } from '@shared/evidence/entries';
import { nodeCrypto } from '@main/services/crypto';

describe('urls.csv', () => {
  it('neutralises cells a spreadsheet would run as formulas, and quotes every cell', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const s of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).startsWith(`"'`)).toBe(true);
    expect(csvCell('http://a/?q=1,2')).toBe('"http://a/?q=1,2"');
  });

  it('lists each browser entry with its time and kind, CRLF, with a byte-order mark for spreadsheets', () => {
    const e = (seq: number, kind: string, data: object) =>
      seal(nodeCrypto, {
        seq,
        at: `2026-11-24T09:00:0${seq}.000Z`,
        mono: seq,
        kind,
        actor: 'system',
        data,
        prev: '0'.repeat(64),
      } as never) as JournalEntry;
    const csv = urlsCsvText([
      e(0, 'note.added', { text: 'not a URL' }),
      e(1, 'browser.redirected', { from: 'http://a/', to: 'http://b/', how: 'http', status: 302 }),
      e(2, 'browser.title', { url: 'http://b/', title: '=cmd|calc' }),
    ]);
    expect(csv.startsWith('\ufeff"seq","at","kind","url","frame","status","how","from","detail"\r\n')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows).toEqual([
      '"seq","at","kind","url","frame","status","how","from","detail"',
      '"1","2026-11-24T09:00:01.000Z","browser.redirected","http://b/","","302","http","http://a/",""',
      `"2","2026-11-24T09:00:02.000Z","browser.title","http://b/","","","","","'=cmd|calc"`,
      '',
    ]);
  });

  it('lists each site and device of concern recorded without a capture, with the concern in the detail', () => {
    const at = (seq: number, data: object) =>
      seal(nodeCrypto, {
        seq,
        at: `2026-11-24T10:00:0${seq}.000Z`,
        mono: seq,
        kind: 'site.recorded',
        actor: 'a'.repeat(32),
        data,
        prev: '0'.repeat(64),
      } as never) as JournalEntry;
    const rows = urlsCsvText([
      at(3, { url: 'http://forum.example/t/9', concern: 'Threats to a pupil' }),
      at(4, { device: 'School tablet, asset tag 4471', concern: 'Messages from an adult' }),
    ])
      .slice(1)
      .split('\r\n');
    expect(rows.slice(1, 3)).toEqual([
      '"3","2026-11-24T10:00:03.000Z","site.recorded","http://forum.example/t/9","","","","","Threats to a pupil"',
      '"4","2026-11-24T10:00:04.000Z","site.recorded","","","","","",' +
        '"Device: School tablet, asset tag 4471. Concern: Messages from an adult"',
    ]);
  });
});
