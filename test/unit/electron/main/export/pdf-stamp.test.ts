// The incident's marks in a PDF's metadata, as independent tools (poppler's pdfinfo, qpdf) read them.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampPdfMetadata } from '@main/export/pdf-stamp';
import { minimalPdf } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

const tool = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const META = {
  title: 'Incident form CS-20261124-F0F0F0',
  subject: 'Countersign incident CS-20261124-F0F0F0',
  ref: 'CS-20261124-F0F0F0',
  recordDigest: 'c'.repeat(64),
  sealedHead: { seq: 41, hash: 'd'.repeat(64) },
};

describe('stampPdfMetadata', () => {
  it(
    'pdfinfo reads Title, Subject and the three Countersign keys; ' + 'qpdf finds the file sound; the page is the same',
    async () => {
      const dir = await tempDir();
      const before = join(dir, 'before.pdf');
      const after = join(dir, 'after.pdf');
      await writeFile(before, minimalPdf('Hello form'));
      await writeFile(after, await stampPdfMetadata(minimalPdf('Hello form'), META));
      const info = tool('pdfinfo', '-custom', after).stdout;
      expect(info).toMatch(/^Title:\s+Incident form CS-20261124-F0F0F0$/m);
      expect(info).toMatch(/^Subject:\s+Countersign incident CS-20261124-F0F0F0$/m);
      expect(info).toMatch(/^CountersignRef:\s*CS-20261124-F0F0F0$/m);
      expect(info).toMatch(new RegExp(`^CountersignRecordDigest:\\s*${'c'.repeat(64)}$`, 'm'));
      expect(info).toMatch(new RegExp(`^CountersignSealedHead:\\s*41:${'d'.repeat(64)}$`, 'm'));
      expect(tool('qpdf', '--check', after).status).toBe(0);
      expect(tool('pdftotext', after, '-').stdout).toBe(tool('pdftotext', before, '-').stdout);
    },
  );

  it('the same PDF and marks give the same bytes; a key with no value yet is left out', async () => {
    const a = await stampPdfMetadata(minimalPdf('x'), META);
    expect(Buffer.from(await stampPdfMetadata(minimalPdf('x'), META)).equals(Buffer.from(a))).toBe(true);
    const dir = await tempDir();
    const draft = join(dir, 'draft.pdf');
    await writeFile(draft, await stampPdfMetadata(a, { ...META, recordDigest: null, sealedHead: null }));
    const info = tool('pdfinfo', '-custom', draft).stdout;
    expect(info).toMatch(/^CountersignRef:/m);
    expect(info).not.toMatch(/CountersignRecordDigest|CountersignSealedHead/);
  });
});
