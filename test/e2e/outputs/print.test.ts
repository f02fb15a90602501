// The printed outputs rendered by real Chromium and checked with tools nobody here wrote: qpdf, pdftotext, pdfinfo,
// pdfimages.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentFormHtml } from '@shared/outputs/form';
import { governorsSummaryHtml, incidentLogHtml } from '@shared/outputs/log';
import { buildRecord, type IncidentRecord } from '@shared/outputs/record';
import type { CaptureMode, CaptureResult } from '@main/browser/evidence-browser';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@main/chromium-engine';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import { PRACTICE_ROOT } from '@main/practice/practice-sites';
import { incidentScreenshotsPdf } from '@main/export/incident-bundle';
import { chunksOf } from '@main/services/durable';
import { nodeCrypto } from '@main/services/crypto';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { FakeBrowser } from '@test/helpers/fake-browser';
import { tempDir } from '@test/helpers/vault';
import {
  CONCERN_1,
  CONCERN_2,
  haltedIncident,
  HALT_REASON,
  normalIncident,
  ORGANISATION,
  SUBJECT_REF,
  triageIllegalIncident,
  type BuiltIncident,
} from '@test/helpers/recorded-incidents';

const run = promisify(execFile);

/** The labels of the SWGfL "Record of reviewing devices / internet sites" form. */
const FORM_LABELS = [
  'Group',
  'Date',
  'Reason for investigation',
  'Details of first reviewing person',
  'Details of second reviewing person',
  'Name',
  'Position',
  'Signature',
  'Name and location of computer used for review (for web sites)',
  'Web site(s) address / device',
  'Reason for concern',
  'Conclusion and Action proposed or taken',
];

/**
 * Set KEEP_OUTPUTS to a folder to keep the PDFs for a look; otherwise they go in a temporary folder that is removed.
 */
const KEEP = process.env.KEEP_OUTPUTS;

let server: FixtureServer;
let shooter: Browser;
let printer: ChromiumPrinter;
let dir: string;

/** The fake browser, but each capture is a real Chromium screenshot of the practice page it is on. */
class ScreenshotBrowser extends FakeBrowser {
  override async capture(mode: CaptureMode): Promise<CaptureResult> {
    const page = await shooter.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(this.currentUrl());
      const png = await page.screenshot({ fullPage: mode === 'fullpage' });
      const meta = await sharp(png).metadata();
      return {
        png,
        width: meta.width ?? 0,
        height: meta.height ?? 0,
        url: this.currentUrl(),
        title: await page.title(),
      };
    } finally {
      await page.close();
    }
  }
}

const pdfText = async (file: string, page?: number): Promise<string> => {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { maxBuffer: 32 * 1024 * 1024 })).stdout;
};
const pages = async (file: string): Promise<number> => {
  const m = /^Pages:\s+(\d+)$/m.exec((await run('pdfinfo', [file])).stdout);
  return Number(m?.[1]);
};
const qpdfCheck = async (file: string): Promise<string> => (await run('qpdf', ['--check', file])).stdout;
/** Long strings may wrap in print; compare with all white space taken out. */
const squash = (s: string): string => s.replace(/\s+/g, '');
/** Labels may wrap in a narrow cell; compare with every run of white space as one space. */
const words = (s: string): string => s.replace(/\s+/g, ' ');

const save = async (name: string, bytes: Uint8Array): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
};

/** The screenshots PDF as the bundle holds it: made by PDFKit, each image read from the vault in its turn. */
const shotsPdf = async (built: BuiltIncident, record: IncidentRecord): Promise<Uint8Array> => {
  const chunks: Uint8Array[] = [];
  for await (const c of chunksOf(incidentScreenshotsPdf(built.store, record, new Date()))) chunks.push(c);
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  dir = KEEP ?? (await tempDir('cs-outputs-'));
  await mkdir(dir, { recursive: true });
  server = await startFixtureServer(PRACTICE_ROOT);
  shooter = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  printer = await ChromiumPrinter.launch();
});

afterAll(async () => {
  await printer?.close();
  await shooter?.close();
  await server?.close();
  if (!KEEP && dir) await rm(dir, { recursive: true, force: true });
});

describe('incident form and screenshots of a signed-off incident', () => {
  let built: BuiltIncident;
  let record: IncidentRecord;
  let form: string;
  let shots: string;

  beforeAll(async () => {
    built = await normalIncident({
      base: server.url,
      browser: () => new ScreenshotBrowser(),
      concern1: `${CONCERN_1} <script>alert("x")</script>`,
    });
    record = buildRecord(built.entries, { crypto: nodeCrypto });
    form = await save('form.pdf', await printer.pdf(incidentFormHtml(record)));
    shots = await save('screenshots.pdf', await shotsPdf(built, record));
  });

  it('the form is a sound PDF (qpdf --check)', async () => {
    expect(await qpdfCheck(form)).toMatch(/No syntax or stream encoding errors found/);
  });

  it('the form carries every field of the SWGfL form and what ours adds', async () => {
    const text = words(await pdfText(form));
    const flat = squash(text);
    for (const label of FORM_LABELS) expect(text, label).toContain(label);
    expect(text).toContain(record.ref);
    expect(text).toContain(ORGANISATION);
    expect(text).toContain('A. Head');
    expect(text).toContain('D. Lead');
    expect(text).toContain('Headteacher');
    for (const url of built.urls) expect(flat).toContain(squash(url));
    expect(flat).toContain(squash(CONCERN_2));
    expect(flat).toContain(squash('<script>alert("x")</script>'));
    expect(record.recordDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(flat).toContain(record.recordDigest);
    expect(flat).toContain(built.signers.ah.fingerprint);
    expect(flat).toContain(built.signers.ds.fingerprint);
    expect(text).toContain('Is there any suspicion of child sexual abuse images or other illegal activity?');
  });

  it('every page says OFFICIAL-SENSITIVE top and bottom and "Page X of Y"', async () => {
    const n = await pages(form);
    expect(n).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= n; p++) {
      const text = await pdfText(form, p);
      expect(text.match(/OFFICIAL-SENSITIVE/g)?.length, `page ${p}`).toBe(2);
      expect(text).toContain(`Page ${p} of ${n}`);
    }
  });

  it('screenshots.pdf has a page per capture (a long one continued), each with its URL and SHA-256', async () => {
    expect(await qpdfCheck(shots)).toMatch(/No syntax or stream encoding errors found/);
    const n = await pages(shots);
    const images = (await run('pdfimages', ['-list', shots])).stdout.trim().split('\n').slice(2);
    expect(images.length).toBe(n);
    let page = 1;
    for (const [i, c] of record.captures.entries()) {
      const first = squash(await pdfText(shots, page));
      expect(first).toContain(squash(`Screenshot ${i + 1} of 2`));
      expect(first).toContain(squash(c.url));
      expect(first).toContain(c.sha256);
      expect(first).toContain(squash(c.concern ?? ''));
      page += 1;
      for (; page <= n && !squash(await pdfText(shots, page)).includes(squash(`Screenshot ${i + 2} of`)); page++) {
        const next = squash(await pdfText(shots, page));
        expect(next).toContain(c.sha256);
        expect(next).toContain(squash(c.url));
      }
    }
    for (let p = 1; p <= n; p++) {
      const text = await pdfText(shots, p);
      expect(text.match(/OFFICIAL-SENSITIVE/g)?.length, `page ${p}`).toBe(2);
      expect(squash(text)).toContain(squash(`Page ${p} of ${n}`));
      expect(text.match(/Signature:/g)?.length, `page ${p}`).toBe(2);
    }
  });

  it('screenshots.pdf carries the incident’s marks in its document information', async () => {
    const info = (await run('pdfinfo', [shots])).stdout;
    expect(info).toMatch(new RegExp(`Title:\\s+Screenshots ${record.ref}`));
    const trailer = (await run('qpdf', ['--show-object=trailer', shots])).stdout;
    const infoRef = /\/Info (\d+) 0 R/.exec(trailer)?.[1] ?? '';
    const dict = (await run('qpdf', [`--show-object=${infoRef}`, shots])).stdout;
    expect(dict).toContain(`/CountersignRef (${record.ref})`);
    expect(dict).toContain(`/CountersignRecordDigest (${record.recordDigest})`);
  });
});

describe('a halted incident', () => {
  it('gives the halted address as text only, and prints no purged capture', async () => {
    const built = await haltedIncident({ base: server.url, browser: () => new ScreenshotBrowser() });
    const record = buildRecord(built.entries, { crypto: nodeCrypto });
    const purged = built.captures[1] ?? '';
    const form = await save('halted-form.pdf', await printer.pdf(incidentFormHtml(record)));
    expect(await qpdfCheck(form)).toMatch(/No syntax or stream encoding errors found/);
    const text = squash(await pdfText(form));
    expect(text).toContain(squash(built.haltUrl));
    expect(text).toContain(squash('Halted: suspected child sexual abuse imagery — no image kept, referred to police'));
    expect(text).toContain(squash(HALT_REASON));
    expect(text).toContain(squash('Purged after the halt'));

    const shots = await save('halted-screenshots.pdf', await shotsPdf(built, record));
    expect(await pages(shots)).toBe(1);
    expect((await run('pdfimages', ['-list', shots])).stdout.trim().split('\n').slice(2).length).toBe(1);
    const shotText = squash(await pdfText(shots));
    expect(shotText).not.toContain(squash(built.haltUrl));
    expect(shotText).not.toContain(purged);
    expect(shotText).toContain(built.captures[0]);
  });
});

describe('the incident log and the governors’ summary', () => {
  it('print as sound PDFs; the summary names no one and no address', async () => {
    const normal = await normalIncident({ base: server.url });
    const illegal = await triageIllegalIncident({ subjectRef: 'S-0042', category: 'Staff misuse' });
    const records = [buildRecord(normal.entries), buildRecord(illegal.entries)];
    const log = await save(
      'log.pdf',
      await printer.pdf(incidentLogHtml(records, { organisation: ORGANISATION }), { landscape: true }),
    );
    expect(await qpdfCheck(log)).toMatch(/No syntax or stream encoding errors found/);
    const logText = words(await pdfText(log));
    for (const h of ['Date', 'Time', 'Incident', 'Action taken (what, by whom)', 'Incident reported by', 'Signature'])
      expect(logText).toContain(h);
    expect(squash(logText)).toContain(records[0]?.ref);
    expect(logText).toContain('Page 1 of');

    const summary = await save(
      'summary.pdf',
      await printer.pdf(governorsSummaryHtml(records, { organisation: ORGANISATION })),
    );
    expect(await qpdfCheck(summary)).toMatch(/No syntax or stream encoding errors found/);
    const text = await pdfText(summary);
    expect(text).toContain('Cyberbullying');
    expect(text).toContain('Referred to the police');
    for (const secret of [
      'A. Head',
      'D. Lead',
      SUBJECT_REF,
      'S-0042',
      '127.0.0.1',
      records[0]?.ref ?? '',
      records[1]?.ref ?? '',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });
});

describe('the Chromium printer', () => {
  it('runs no script and fetches nothing, even for a document that asks', async () => {
    const before = server.log.length;
    const html =
      `<!doctype html><html><head><link rel="stylesheet" href="${server.url}/common.css">` +
      `<style>body { background: url("${server.url}/bg.png"); }</style></head>\n` +
      `<body><p id="p">STATIC TEXT</p><img src="${server.url}/social/img/x.png">` +
      `<iframe src="${server.url}/index.html"></iframe>\n` +
      `<script>document.getElementById('p').textContent = 'SCRIPT RAN';</script></body></html>`;
    const file = await save('hostile.pdf', await printer.pdf(html));
    const text = await pdfText(file);
    expect(text).toContain('STATIC TEXT');
    expect(text).not.toContain('SCRIPT RAN');
    expect(server.log.slice(before)).toEqual([]);
  });
});

describe('a practice incident', () => {
  it('says PRACTICE on its form', async () => {
    const built = await triageIllegalIncident({ practice: true });
    const form = await save('practice-form.pdf', await printer.pdf(incidentFormHtml(buildRecord(built.entries))));
    const text = await pdfText(form, 1);
    expect(text).toContain('PRACTICE INCIDENT');
    expect(text).toContain('OFFICIAL-SENSITIVE · PRACTICE');
  });
});
