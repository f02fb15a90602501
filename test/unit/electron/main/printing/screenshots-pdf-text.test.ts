// What screenshots.pdf prints for text in a right-to-left script beside Latin, as a page's title or a reviewer's
// description may be: every Latin word, number and time as it was given. A username or a time printed backwards on a
// page of evidence would be an altered record (a layout that set each line as one run printed "14:35" as "53:41").
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DetailRow } from '@shared/outputs/screenshots';
import { screenshotsDocument } from '@shared/outputs/screenshots';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { pageRecordsOf, recordOf } from '@main/export/incident-bundle';
import { incidentPdfMarks } from '@main/export/pdf-stamp';
import { screenshotsPdf } from '@main/printing/screenshots-pdf';
import { chunksOf } from '@main/services/durable';
import { buildIncident } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

const AT = new Date('2026-11-24T10:00:00.000Z');

/** A page title and descriptions that mix Arabic or Hebrew with Latin words, numbers and a time. */
const MIXED = {
  title: 'بث مباشر - Live 2024',
  arabic: 'رسالة تهديد من user123 الساعة 14:35',
  hebrew: 'News: שלום עולם from admin42 at 09:17',
};

const withText = (rows: readonly DetailRow[], description: string): DetailRow[] =>
  rows.map((r) =>
    r.label === 'Page title'
      ? { label: r.label, text: MIXED.title }
      : r.label === 'Description'
        ? { label: r.label, text: description }
        : r,
  );

it('prints the Latin words, numbers and times of mixed right-to-left text as they were given', async () => {
  const built = await buildIncident();
  const record = recordOf(built.store, SWGFL_TEMPLATE);
  const document = screenshotsDocument(record, { pages: pageRecordsOf(built.store) });
  expect(document.sheets).toHaveLength(2);
  const sheets = document.sheets.map((s, i) => ({
    ...s,
    rows: withText(s.rows, i === 0 ? MIXED.arabic : MIXED.hebrew),
  }));
  const stream = screenshotsPdf({
    document: { ...document, sheets },
    image: (sha256) => built.store.getFile(sha256),
    marks: incidentPdfMarks(built.store.ref, built.store.journal.entries, 'screenshots'),
    createdAt: AT,
  });
  const chunks: Uint8Array[] = [];
  for await (const c of chunksOf(stream)) chunks.push(c);
  const file = join(await tempDir(), 'screenshots.pdf');
  await writeFile(file, Buffer.concat(chunks));
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text.status, text.stderr).toBe(0);
  for (const given of ['user123', '14:35', 'Live 2024', 'News:', 'admin42', '09:17'])
    expect(text.stdout).toContain(given);
  for (const reversed of ['321resu', '53:41', '4202 eviL', '24nimda', '71:90'])
    expect(text.stdout).not.toContain(reversed);
});
