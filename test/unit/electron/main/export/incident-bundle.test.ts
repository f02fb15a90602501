// An incident's screenshots.pdf lists each capture's page source and server on its page, as the bundle holds them.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptPages } from '@shared/evidence/page-record';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { bundleIncident, incidentScreenshotsPdf, printForm, recordOf } from '@main/export/incident-bundle';
import type { Printer } from '@main/printing/printer';
import { verifyBundleAt } from '@main/verify/verify-report';
import { chunksOf } from '@main/services/durable';
import { buildIncident, minimalPdf, type BuiltIncident } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

let built: BuiltIncident;

beforeAll(async () => {
  built = await buildIncident();
});

describe('screenshots.pdf and page records', () => {
  it("each capture's page prints its page source's SHA-256 and the server it came from", async () => {
    const chunks: Uint8Array[] = [];
    const record = recordOf(built.store, SWGFL_TEMPLATE);
    const pdf = incidentScreenshotsPdf(built.store, record, new Date('2026-11-24T10:00:00.000Z'));
    for await (const c of chunksOf(pdf)) chunks.push(c);
    const path = join(await tempDir(), 'screenshots.pdf');
    await writeFile(path, Buffer.concat(chunks));
    const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout;
    const pages = keptPages(built.store.journal.entries);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) expect(text).toContain(p.page.source.sha256);
    expect(text).toContain('Page source');
    expect(text).toMatch(/127\.0\.0\.1 port 80; HTTP 200; not encrypted \(HTTP\)/);
  });
});

describe('the form in the bundle', () => {
  it('printed before the journal grew (during the passphrase check), it is printed again', async () => {
    const b = await buildIncident();
    const printed: number[] = [];
    const printer: Printer = {
      pdf: async (html) => {
        printed.push(b.store.journal.entries.length);
        return minimalPdf(html.slice(0, 40));
      },
      close: async () => undefined,
    };
    const before = b.store.journal.entries.length;
    const form = printForm(printer, b.store, b.input.profile);
    // Something lands in the journal between the print and the bundle (an addendum, here an earlier export's record).
    await b.store.journal.append({
      kind: 'export.made',
      actor: 'system',
      data: { recipient: 'Police', file: 'earlier.zip', sha256: '0'.repeat(64) },
    });
    const out = join(await tempDir(), 'b.zip');
    await bundleIncident({
      store: b.store,
      organisation: 'Example School',
      version: '0.1.0',
      printer,
      device: b.vault.device,
      reviewer: { id: 'ah', signer: b.staff.ah },
      profile: b.input.profile,
      outPath: out,
      at: new Date(),
      form,
    });
    const entries = b.store.journal.entries.length;
    expect(entries).toBeGreaterThan(before);
    // The first print, from the shorter journal, is not used: the second is from the journal the bundle holds.
    expect(printed).toEqual([before, entries]);
    expect((await verifyBundleAt({ path: out })).status).toBe('valid');
  });
});
