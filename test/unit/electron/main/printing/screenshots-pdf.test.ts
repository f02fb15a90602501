// screenshots.pdf as PDFKit streams it into the bundle carries the incident's marks where the verifier reads them (the
// end of the file), without being loaded to be stamped: this incident's passes the pdfs check, another's fails it.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD } from '@shared/evidence/bundle/bag-layout';
import { readWhole } from '@shared/evidence/bundle/bag-source';
import { recordDigestOf, sealedHeadOf } from '@shared/evidence/record-anchors';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { bagFiles } from '@main/export/exporter';
import { incidentScreenshotsPdf, recordOf } from '@main/export/incident-bundle';
import { chunksOf } from '@main/services/durable';
import { openBundle } from '@main/verify/bundle-reader';
import { verifyBundleAt } from '@main/verify/verify-report';
import { codes, verifyFiles } from '@test/helpers/forge-bundle';
import { buildIncident, exportBuilt, type BuiltIncident } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

const AT = new Date('2026-11-24T10:00:00.000Z');
const tool = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

const pdfkitShots = async (built: BuiltIncident): Promise<Uint8Array> => {
  const chunks: Uint8Array[] = [];
  const record = recordOf(built.store, SWGFL_TEMPLATE);
  for await (const c of chunksOf(incidentScreenshotsPdf(built.store, record, AT))) chunks.push(c);
  return Buffer.concat(chunks);
};

let built: BuiltIncident;
let other: BuiltIncident;

beforeAll(async () => {
  [built, other] = await Promise.all([buildIncident(), buildIncident()]);
});

describe('screenshots.pdf made by PDFKit', () => {
  it('an exported bundle is VALID, its pdfs check passed; pdfinfo reads the marks; qpdf finds it sound', async () => {
    const out = join(await tempDir(), 'b.zip');
    await exportBuilt(built, out, AT);
    const report = await verifyBundleAt({ path: out });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('valid');
    expect(report.checks.find((c) => c.id === 'pdfs')?.result).toBe('passed');

    const opened = await openBundle(out);
    const shots = join(await tempDir(), 'screenshots.pdf');
    await writeFile(shots, await readWhole(opened.source, PAYLOAD.screenshotsPdf, 64 * 1024 * 1024));
    await opened.close();
    const entries = built.store.journal.entries;
    const head = sealedHeadOf(entries);
    const info = tool('pdfinfo', '-custom', shots).stdout;
    expect(info).toMatch(new RegExp(`^CountersignRef:\\s*${built.store.ref}$`, 'm'));
    expect(info).toMatch(new RegExp(`^CountersignRecordDigest:\\s*${recordDigestOf(entries)}$`, 'm'));
    expect(info).toMatch(new RegExp(`^CountersignSealedHead:\\s*${head?.seq}:${head?.hash}$`, 'm'));
    expect(info).toMatch(new RegExp(`^Title:\\s*Screenshots ${built.store.ref}$`, 'm'));
    expect(info).toMatch(new RegExp(`^Subject:\\s*Countersign incident ${built.store.ref}, record digest`, 'm'));
    expect(tool('qpdf', '--check', shots).stdout).toMatch(/No syntax or stream encoding errors found/);
  });

  it("another incident's screenshots.pdf in an otherwise consistent bag: INVALID, another incident's", async () => {
    const foreign = await pdfkitShots(other);
    const files = await bagFiles({ ...built.input, screenshotsPdf: () => foreign });
    const report = await verifyFiles(new Map(files.map((f) => [f.path, f.bytes])), built.store.ref);
    expect(codes(report)).toEqual(['PDF_MARKS']);
    expect(report.problems.map((p) => p.message)).toEqual([
      `data/screenshots.pdf is the document of another incident: its CountersignRef is "${other.store.ref}"`,
      expect.stringMatching(/^data\/screenshots.pdf was made from another record/),
      expect.stringMatching(/^data\/screenshots.pdf was made at another point of the journal/),
    ]);
  });

  it('a PDF saved from the app carries the same marks as the bundle’s', async () => {
    const saved = join(await tempDir(), 'saved.pdf');
    await writeFile(saved, await pdfkitShots(built));
    const files = await bagFiles({ ...built.input, screenshotsPdf: async () => readFile(saved) });
    const report = await verifyFiles(new Map(files.map((f) => [f.path, f.bytes])), built.store.ref);
    expect(report.problems).toEqual([]);
  });
});
