// The evidence browser records every navigation a hostile site makes, checked against the site's own request log.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import type { EvidenceBrowser } from '@main/browser/evidence-browser';
import { selfSignedCertificate, startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import {
  documentRequests,
  expectCode,
  expectJournalReady,
  record,
  withoutFragment,
  type Recording,
} from './browser-harness';

let engine: ChromiumEngine;
let site: FixtureServer;
let browser: EvidenceBrowser;
let rec: Recording;
let U: string;

// One evidence browser for the file, as in a review: each test starts from wherever the last one left it.
beforeAll(async () => {
  [engine, site] = await Promise.all([startChromium({ clickTimeoutMs: 1500 }), startFixtureServer()]);
  U = site.url;
  browser = await engine.open();
  rec = record(browser);
});

afterAll(async () => {
  await browser?.teardown('closed');
  await engine?.close();
  await site?.close();
});

beforeEach(() => {
  rec.clear();
  site.log.length = 0;
});

describe('redirects', () => {
  test('an HTTP 301 → 302 → 307 chain is recorded hop by hop, and navigate() returns at the end of it', async () => {
    await browser.navigate(`${U}/chain/301?t=chain`);

    expect(rec.of('browser.redirected')).toEqual([
      { from: `${U}/chain/301?t=chain`, to: `${U}/chain/302?t=chain`, how: 'http', status: 301 },
      { from: `${U}/chain/302?t=chain`, to: `${U}/chain/307?t=chain`, how: 'http', status: 302 },
      { from: `${U}/chain/307?t=chain`, to: `${U}/landing.html?t=chain`, how: 'http', status: 307 },
    ]);
    expect(rec.of('browser.navigated')).toEqual([
      expect.objectContaining({ url: `${U}/landing.html?t=chain`, frame: 'main', status: 200 }),
    ]);
    expect(browser.currentUrl()).toBe(`${U}/landing.html?t=chain`);
    expect(browser.currentTitle()).toBe('Landing');
    expect(site.log.map((r) => `${r.status} ${r.path}`)).toEqual(
      expect.arrayContaining([
        '301 /chain/301?t=chain',
        '302 /chain/302?t=chain',
        '307 /chain/307?t=chain',
        '200 /landing.html?t=chain',
      ]),
    );
  });

  test.each([
    ['/meta-refresh.html', 'meta', `/landing.html?from=meta`],
    ['/refresh-header', 'meta', `/landing.html?from=refresh-header`],
    ['/script-redirect.html', 'script', `/landing.html?from=script`],
    ['/meta-refresh-slow.html', 'meta', `/landing.html?from=slow-meta`],
  ] as const)('%s is a %s redirect, and navigate() waits for it', async (start, how, end) => {
    await browser.navigate(U + start);

    expect(rec.of('browser.redirected')).toEqual([{ from: U + start, to: U + end, how }]);
    expect(rec.of('browser.navigated').map((n) => n.url)).toEqual([U + start, U + end]);
    expect(browser.currentUrl()).toBe(U + end);
  });
});

describe('in-page navigation', () => {
  test('pushState, a hash change and a fragment link are recorded without a request to the server', async () => {
    await browser.navigate(`${U}/history.html`);
    site.log.length = 0;

    await browser.click('#push');
    await browser.click('#hash');
    await browser.click('#anchor');

    expect(rec.of('browser.in-page')).toEqual([
      { url: `${U}/history/step-2`, frame: 'main' },
      { url: `${U}/history/step-2#section-2`, frame: 'main' },
      { url: `${U}/history/step-2#section-3`, frame: 'main' },
    ]);
    expect(browser.currentUrl()).toBe(`${U}/history/step-2#section-3`);
    expect(documentRequests(site.log)).toEqual([]);
  });

  test('back and forward move through history, and reload loads the page again', async () => {
    await browser.navigate(`${U}/landing.html?step=1`);
    await browser.navigate(`${U}/title.html?step=2`);

    await browser.back();
    expect(browser.currentUrl()).toBe(`${U}/landing.html?step=1`);
    await browser.forward();
    expect(browser.currentUrl()).toBe(`${U}/title.html?step=2`);
    const before = documentRequests(site.log).length;
    await browser.reload();

    expect(documentRequests(site.log).length).toBe(before + 1);
    expect(rec.of('browser.navigated').map((n) => n.url)).toEqual([
      `${U}/landing.html?step=1`,
      `${U}/title.html?step=2`,
      `${U}/landing.html?step=1`,
      `${U}/title.html?step=2`,
      `${U}/title.html?step=2`,
    ]);
  });

  test('stop() abandons a load that is still waiting for the server', async () => {
    const started = performance.now();
    const loading = browser.navigate(`${U}/slow`);
    await new Promise((r) => setTimeout(r, 300));
    await browser.stop();
    await loading;

    expect(performance.now() - started).toBeLessThan(3000);
    expect(rec.of('browser.navigated').map((n) => n.url)).not.toContain(`${U}/slow`);
    expect(site.log.map((r) => r.path)).toContain('/slow');
  });
});

describe('frames', () => {
  test('every frame navigation is recorded, nested frames and frame redirects included', async () => {
    await browser.navigate(`${U}/frames.html`);

    const subs = rec
      .of('browser.navigated')
      .filter((n) => n.frame === 'sub')
      .map((n) => n.url);
    expect(subs).toEqual(
      expect.arrayContaining([
        `${U}/frames/inner.html`,
        `${U}/frames/nested.html`,
        `${U}/frames/nested-next.html`,
        `${U}/landing.html?from=frame`,
      ]),
    );
    expect(rec.of('browser.redirected')).toEqual(
      expect.arrayContaining([
        { from: `${U}/chain/301?from=frame`, to: `${U}/chain/302?from=frame`, how: 'http', status: 301 },
        { from: `${U}/frames/nested.html`, to: `${U}/frames/nested-next.html`, how: 'script' },
      ]),
    );
    expect(browser.currentUrl()).toBe(`${U}/frames.html`);
  });

  test('a frame from another site (its own process under site isolation) is recorded too', async () => {
    await browser.navigate(`${U}/frames/cross-site.html`);
    const cross = `http://localhost:${site.port}`;

    expect(
      rec
        .of('browser.navigated')
        .filter((n) => n.frame === 'sub')
        .map((n) => n.url),
    ).toEqual([`${cross}/frames/inner.html`, `${cross}/frames/nested.html`, `${cross}/frames/nested-next.html`]);
  });
});

describe('titles and failures', () => {
  test('each title the page shows is recorded', async () => {
    await browser.navigate(`${U}/title.html`);

    expect(rec.of('browser.title')).toEqual([
      { url: `${U}/title.html`, title: 'First title' },
      { url: `${U}/title.html`, title: 'Second title' },
    ]);
    expect(browser.currentTitle()).toBe('Second title');
  });

  test('a 404 is a page like any other, with its status recorded', async () => {
    await browser.navigate(`${U}/no-such-page`);

    expect(rec.of('browser.navigated')).toEqual([expect.objectContaining({ url: `${U}/no-such-page`, status: 404 })]);
    expect(rec.of('browser.load-failed')).toEqual([]);
  });

  test('a dropped connection and a refused connection are failed loads', async () => {
    const closed = await startFixtureServer();
    const refused = `${closed.url}/`;
    await closed.close();

    await browser.navigate(`${U}/drop`);
    await browser.navigate(refused);

    expect(rec.of('browser.load-failed')).toEqual([
      { url: `${U}/drop`, error: 'net::ERR_EMPTY_RESPONSE' },
      { url: refused, error: 'net::ERR_CONNECTION_REFUSED' },
    ]);
    expect(rec.of('browser.navigated')).toEqual([]);
    expect(rec.of('browser.title')).toEqual([]);
    expect(browser.currentUrl()).toBe(refused);
  });

  test('a certificate the browser does not trust is a certificate error, and the page is never fetched', async () => {
    const secure = await startFixtureServer(undefined, { tls: await selfSignedCertificate() });
    try {
      expect(secure.url).toMatch(/^https:/);
      await browser.navigate(`${secure.url}/landing.html`);

      expect(rec.of('browser.certificate-error')).toEqual([
        { url: `${secure.url}/landing.html`, error: 'net::ERR_CERT_AUTHORITY_INVALID' },
      ]);
      expect(rec.of('browser.navigated')).toEqual([]);
      expect(secure.log).toEqual([]);
    } finally {
      await secure.close();
    }
  });
});

describe('the record against the server', () => {
  test('every document the server served during a tour of the hostile site is in the record', async () => {
    const since = { at: new Date().toISOString(), mono: performance.now() };
    await browser.navigate(`${U}/`);
    await browser.click('#chain');
    await browser.back();
    await browser.click('#meta');
    await browser.navigate(`${U}/script-redirect.html`);
    await browser.navigate(`${U}/frames.html`);
    await browser.navigate(`${U}/frames/cross-site.html`);
    await browser.navigate(`${U}/popups.html`);
    await browser.click('#blank');
    await browser.click('#open');
    await browser.navigate(`${U}/download.html`);
    await browser.click('#dl');
    await browser.navigate(`${U}/schemes.html`);
    await browser.click('#custom');
    await browser.click('#file');
    await browser.navigate(`${U}/no-such-page`);
    await browser.navigate(`${U}/drop`);
    await browser.navigate(`${U}/title.html`);

    const accounted = new Set(
      rec.events
        .flatMap((e) => {
          switch (e.kind) {
            case 'browser.navigated':
            case 'browser.load-failed':
            case 'browser.download-blocked':
              return [e.data.url];
            case 'browser.redirected':
              return [e.data.from, e.data.to];
            default:
              return [];
          }
        })
        .map(withoutFragment),
    );
    const served = documentRequests(site.log);
    expect(served.length).toBeGreaterThan(20);
    const missing = served.filter((r) => !accounted.has(r.url)).map((r) => `${r.dest} ${r.url}`);
    expect(missing).toEqual([]);

    // And the record invents nothing: every page it says arrived from the network, the server served.
    const servedUrls = new Set(served.map((r) => r.url));
    const claimed = rec
      .of('browser.navigated')
      .filter((n) => n.status !== undefined)
      .map((n) => withoutFragment(n.url));
    expect(claimed.filter((u) => !servedUrls.has(u))).toEqual([]);

    // Popups never reached the server.
    expect(site.log.map((r) => r.path)).not.toContain('/landing.html?from=blank');
    expectJournalReady(rec.events, since);
  });
});

test('a URL that is not absolute is refused as invalid input, with nothing loaded', async () => {
  await expectCode(browser.navigate('landing.html'), 'INVALID_INPUT');
  expect(site.log).toEqual([]);
});
