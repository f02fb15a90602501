// The incident log and governors' summary from the app: every incident in the vault for a period, previewed as HTML
// and saved as CSV and PDF without overwriting an earlier file.
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@test/helpers/vault';
import { DSL, HEAD, incidentInReview, makeCore, setUp } from './core-fixture';

describe('the incident log and governors’ summary from the app', () => {
  it('lists every incident (the open one included) with who reported it; the summary names nobody', async () => {
    const f = await makeCore();
    await setUp(f);
    const first = await incidentInReview(f);
    const second = await f.core.startIncident({
      passphrases: [HEAD.passphrase, DSL.passphrase],
      reason: 'A second concern.',
      subject: { kind: 'pupil', ref: 'P-300' },
      category: 'Other',
      reportedBy: 'Midday supervisor',
    });
    const log = await f.core.logs.html('incident-log', {});
    expect(log.unreadable).toEqual([]);
    for (const words of [first.ref, second.ref, 'Midday supervisor', 'Brindlewick Primary School'])
      expect(log.html).toContain(words);
    const summary = await f.core.logs.html('governors-summary', {});
    for (const words of [first.ref, second.ref, 'Midday supervisor', 'P-300', HEAD.name])
      expect(summary.html).not.toContain(words);
    expect(summary.html).toContain('Total: 2 incidents');
  });

  it('keeps to the period, refuses one that ends before it starts, and saves without overwriting', async () => {
    const f = await makeCore();
    await setUp(f);
    const { ref } = await incidentInReview(f);
    expect((await f.core.logs.html('incident-log', { to: '2020-12-31' })).html).not.toContain(ref);
    await expect(f.core.logs.html('incident-log', { from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const folder = await tempDir();
    const csv = await f.core.logs.save('incident-log', 'csv', folder, {});
    const again = await f.core.logs.save('incident-log', 'csv', folder, {});
    expect([basename(csv), basename(again)]).toEqual(['incident-log.csv', 'incident-log-2.csv']);
    expect(await readFile(csv, 'utf8')).toContain(ref);
    const pdf = await f.core.logs.save('governors-summary', 'pdf', folder, {});
    expect(basename(pdf)).toBe('governors-summary.pdf');
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(f.core.logs.save('incident-log', 'csv', join(folder, 'missing'), {})).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
    expect(await stat(join(folder, 'missing')).catch(() => null)).toBeNull();
  });
});
