// The document information written after a streamed PDF: direct strings in a last incremental update, which qpdf
// accepts and reads as the document's information.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { infoUpdate, pdfTextString } from '@main/printing/pdf-info-update';
import { tempDir } from '@test/helpers/vault';

const run = promisify(execFile);

const pdfkitBytes = (): Promise<Buffer> =>
  new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Screenshot 1 of 1');
    doc.end();
  });

describe('PDF information update', () => {
  it('sets every key as a direct string that qpdf reads, non-ASCII text included', async () => {
    const pdf = await pdfkitBytes();
    const update = infoUpdate(pdf.subarray(-1024), pdf.length, {
      Title: 'Screenshots CS-20261201-ABC123',
      Subject: 'Zoë (school) \\ note',
      CountersignRef: 'CS-20261201-ABC123',
      CreationDate: new Date('2026-12-01T10:00:00.000Z'),
    });
    const file = join(await tempDir(), 'doc.pdf');
    await writeFile(file, Buffer.concat([pdf, update]));
    expect((await run('qpdf', ['--check', file])).stdout).toMatch(/No syntax or stream encoding errors found/);
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(/Title:\s+Screenshots CS-20261201-ABC123/);
    expect(info).toMatch(/Subject:\s+Zoë \(school\) \\ note/);
    const trailer = (await run('qpdf', ['--show-object=trailer', file])).stdout;
    const ref = /\/Info (\d+) 0 R/.exec(trailer)?.[1] ?? '';
    const dict = (await run('qpdf', [`--show-object=${ref}`, file])).stdout;
    expect(dict).toContain('/CountersignRef (CS-20261201-ABC123)');
    expect(dict).toContain('/CreationDate (D:20261201100000Z)');
  });

  it('escapes literal strings and encodes anything else as UTF-16', () => {
    expect(pdfTextString('a (b) \\ c')).toBe('(a \\(b\\) \\\\ c)');
    expect(pdfTextString('Zoë')).toBe('<FEFF005A006F00EB>');
  });

  it('refuses a PDF whose end is not a trailer it knows', () => {
    expect(() => infoUpdate(Buffer.from('%PDF-1.7 nothing'), 16, { Title: 'x' })).toThrow(/trailer/);
  });
});
