// The stand-alone HTML verifier, opened from file:// in Chromium as a police officer would open it: for every bundle
// of the tamper suite it gives the very report the command line gives (verdict, problems, checks, paper values), and
// it makes no network request, even when its own script tries.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleReport } from '@shared/evidence/bundle/bundle-report';
import { formatReport } from '@shared/evidence/bundle/report-text';
import { verifyBundleAt } from '@main/verify/verify-report';
import { AXE_AVAILABLE, scanScreen } from '@test/e2e/ui/a11y';
import { repoPath } from '@test/helpers/repo';
import { tempDir } from '@test/helpers/vault';
import { writeTamperCases, type TamperCase } from './tamper-cases';

const FILE = 'countersign-verifier.html';
let built: string;
let bundles: string;
let cases: TamperCase[];
let browser: Browser;
let page: Page;
/** Every request the page made, other than loading the verifier itself. */
const requests: string[] = [];
let server: Server;
let serverHits = 0;

beforeAll(async () => {
  built = await tempDir('cs-webverifier-');
  execFileSync('node', [repoPath('scripts/build-web-verifier.mjs'), '--out', built]);
  bundles = await tempDir('cs-webverifier-bundles-');
  cases = await writeTamperCases(bundles);
  server = createServer((_req, res) => {
    serverHits++;
    res.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext();
  // Anything that is not the file itself fails: routed requests are aborted and recorded.
  await context.route(/^(?!file:)/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  context.on('request', (r) => {
    if (r.url() !== pathToFileURL(join(built, FILE)).href) requests.push(r.url());
  });
  page = await context.newPage();
  await page.goto(pathToFileURL(join(built, FILE)).href);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** The browser's report of one case, as the page shows it (the JSON it prints, and the text it prints). */
const inBrowser = async (c: TamperCase): Promise<{ report: BundleReport; text: string }> => {
  await page.reload();
  await page.setInputFiles('#bundle', join(bundles, c.file));
  if (c.password) await page.fill('#password', c.password);
  if (c.pins?.device) await page.fill('#pin-device', c.pins.device);
  if (c.pins?.digest) await page.fill('#pin-digest', c.pins.digest);
  for (const [i, r] of (c.pins?.reviewers ?? []).entries()) await page.fill(`#pin-reviewer-${i + 1}`, r);
  await page.click('#check');
  await page.waitForSelector('#result:not([hidden])', { timeout: 60_000 });
  return {
    report: JSON.parse((await page.textContent('#report-json')) ?? 'null') as BundleReport,
    text: (await page.textContent('#report-text')) ?? '',
  };
};

/** A zip that is no zip: each zip library says why in its own words, which the report quotes in brackets. */
const sameWords = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replace(/(is not a zip file, or it is damaged) \([^)]*\)/g, '$1 (…)')) as T;

describe('the stand-alone HTML verifier', () => {
  it('is one file whose build is reproducible, with its SHA-256 beside it', async () => {
    const html = await readFile(join(built, FILE));
    expect(await readFile(join(built, `${FILE}.sha256`), 'utf8')).toBe(
      `${createHash('sha256').update(html).digest('hex')}  ${FILE}\n`,
    );
    const again = await tempDir('cs-webverifier-again-');
    execFileSync('node', [repoPath('scripts/build-web-verifier.mjs'), '--out', again]);
    expect((await readFile(join(again, FILE))).equals(html)).toBe(true);
    // Nothing is loaded from anywhere: no src= or href= to another file.
    expect(html.toString('utf8')).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  });

  it("passes the guide's check of its SHA-256 (docs/checking-a-bundle.md), failing once a byte changes", async () => {
    const guide = await readFile(repoPath('docs/checking-a-bundle.md'), 'utf8');
    const command = /```sh\n\s*(sha256sum -c countersign-verifier\.html\.sha256)\n/.exec(guide)?.[1];
    expect(command).toBeDefined();
    const run = (dir: string) => spawnSync('bash', ['-c', command ?? 'false'], { cwd: dir, encoding: 'utf8' });
    expect(run(built).stdout).toBe('countersign-verifier.html: OK\n');
    const changed = await tempDir('cs-webverifier-changed-');
    await cp(built, changed, { recursive: true });
    const html = await readFile(join(changed, FILE), 'utf8');
    await writeFile(join(changed, FILE), html.replace('VALID', 'VALlD'));
    expect(run(changed).status).not.toBe(0);
  });

  it('gives the same report as `countersign verify` for every bundle of the tamper suite', async () => {
    const seen: string[] = [];
    for (const c of cases) {
      const path = join(bundles, c.file);
      const cli = await verifyBundleAt({ path, ...(c.password ? { password: c.password } : {}), pins: c.pins ?? {} });
      // The command line names the bundle by the path it was given; the page by the file's name.
      const expected = sameWords(JSON.parse(JSON.stringify(cli).replaceAll(`${bundles}/`, '')) as BundleReport);
      const shown = await inBrowser(c);
      const report = sameWords(shown.report);
      const text = sameWords({ text: shown.text }).text;
      expect({ case: c.name, report }).toEqual({ case: c.name, report: expected });
      expect(text).toBe(sameWords({ text: formatReport(expected, c.file) }).text);
      seen.push(`${c.name}: ${report.status} ${[...new Set(report.problems.map((p) => p.code))].sort().join(',')}`);
    }
    // Every verdict is reached, and the bundles issue 11 found VALID are INVALID in the browser too.
    expect(seen).toEqual([
      'a consistent bundle, signed off by both: valid ',
      'the same, pinned to the paper: valid ',
      'the same, locked with a password: valid ',
      'pinned to another computer: invalid PIN_MISMATCH',
      'pinned to a reviewer who did not sign it off: invalid PIN_MISMATCH',
      'issue 11: forged from scratch, fresh keys, placeholder incident.json: invalid INCIDENT_MISMATCH,PDF_MARKS',
      'the forged bundle, pinned to the real paper: invalid PIN_MISMATCH',
      'issue 11: never signed off, signed by a stranger: invalid NOT_SIGNED_OFF,SIGNER_NOT_REVIEWER',
      'an addendum signed with a key that is not recorded: invalid ADDENDUM_SIGNATURE',
      'a screenshot changed after export: invalid HASH_MISMATCH,SCREENSHOT_ALTERED',
      'form.pdf left out: invalid FILE_MISSING,OXUM_MISMATCH',
      'urls.csv changed: invalid HASH_MISMATCH,OXUM_MISMATCH,URLS_MISMATCH',
      'case.jsonld changed, re-signed with the real keys: invalid CASE_MISMATCH',
      'a format-1 bundle: valid ',
      'a real export: valid ',
      'a real export, locked: valid ',
      'a locked export, no password: unreadable BAD_PASSWORD',
      'a locked export, wrong password: unreadable BAD_PASSWORD',
      'hostile: a path that climbs out: unreadable UNREADABLE',
      'hostile: an absolute path: unreadable UNREADABLE',
      'hostile: a backslash: unreadable UNREADABLE',
      'hostile: a symbolic link: unreadable UNREADABLE',
      'hostile: the same name twice: unreadable UNREADABLE',
      'hostile: a zip bomb: unreadable UNREADABLE',
      'not a zip at all: unreadable UNREADABLE',
    ]);
    expect(requests).toEqual([]);
  }, 600_000);

  it('makes no network request, even when a script in the page tries every way to', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const tried = await page.evaluate(async (u) => {
      const outcomes: string[] = [];
      await fetch(u).then(
        () => outcomes.push('fetch reached'),
        () => outcomes.push('fetch refused'),
      );
      const img = new Image();
      await new Promise((done) => {
        img.onload = done;
        img.onerror = done;
        img.src = u;
      });
      const sheet = document.createElement('link');
      sheet.rel = 'stylesheet';
      sheet.href = u;
      document.head.append(sheet);
      navigator.sendBeacon?.(u, 'x');
      await new Promise((done) => setTimeout(done, 500));
      return outcomes;
    }, url);
    expect(tried).toEqual(['fetch refused']);
    expect(serverHits).toBe(0);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/);
    expect(csp).not.toMatch(/unsafe|connect-src|\*/);
  });

  it('says plainly that a browser is too old, naming what it lacks, rather than a page that fails', async () => {
    const old = await page.context().newPage();
    await old.addInitScript(() => {
      Reflect.deleteProperty(globalThis, 'DecompressionStream');
    });
    await old.goto(pathToFileURL(join(built, FILE)).href);
    expect(await old.isVisible('#too-old')).toBe(true);
    expect(await old.textContent('#too-old')).toMatch(
      /This browser is too old to check a bundle.*Edge, Google Chrome or Mozilla Firefox.*DecompressionStream/s,
    );
    expect(await old.isDisabled('#check')).toBe(true);
    await old.close();
  });

  it('says what is wrong with a value typed from the form, and is accessible (WCAG 2.2 AA)', async () => {
    await page.reload();
    await page.fill('#pin-device', 'not a fingerprint');
    await page.click('#check');
    expect(await page.textContent('#pin-device-error')).toMatch(/16 to 64 of the characters 0-9 and a-f/);
    expect(await page.getAttribute('#pin-device', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#bundle-error')).toMatch(/Choose the bundle/);
    const violations = await scanScreen(page, 'stand-alone verifier');
    expect(AXE_AVAILABLE).toBe(true);
    expect(violations).toEqual([]);
    // Keyboard: the first Tab reaches the file chooser.
    await page.reload();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('bundle');
  });
});
