// An incident's screenshots.pdf lists each capture's page source and server on its page, as the bundle holds them.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptPages } from '@shared/evidence/page-record';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { incidentScreenshotsPdf, recordOf } from '@main/export/incident-bundle';
import { chunksOf } from '@main/services/durable';
import { buildIncident, type BuiltIncident } from '@test/helpers/sample-incident';
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
