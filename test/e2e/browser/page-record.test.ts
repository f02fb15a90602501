// With each capture, the page's source after its scripts ran and the connection that served it: server address,
// status and headers, and the TLS certificate chain as a court would read it.
import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChromium, type ChromiumEngine } from '@main/browser/chromium-evidence-browser';
import { PageConnectionSchema } from '@shared/evidence/page-record';
import { selfSignedCertificate, startFixtureServer, type FixtureServer } from '@test/fixtures/server';

const PAGE =
  '<!DOCTYPE html><html><head><title>Source</title></head><body><p id="p">as served</p>' +
  '<img src="/pixel.png" alt="a pixel">' +
  '<script>document.getElementById("p").textContent = "changed by script";</script></body></html>';
// A 1×1 PNG: its bytes must never appear in the source, only its address.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const routes = {
  '/page.html': (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-served-by': 'fixture-7' });
    res.end(PAGE);
  },
  '/pixel.png': (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(PIXEL);
  },
};

let secure: FixtureServer;
let plain: FixtureServer;
let engine: ChromiumEngine;
let certDer: Buffer;

beforeAll(async () => {
  const tls = await selfSignedCertificate();
  const cert = new X509Certificate(tls.cert);
  certDer = cert.raw;
  // Chromium trusts this one server's key, as a school's computer trusts a real site's: the adapter still refuses
  // every certificate error (the app never passes this switch).
  const spki = createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  [secure, plain] = await Promise.all([startFixtureServer('.', { routes, tls }), startFixtureServer('.', { routes })]);
  engine = await startChromium({ extraArgs: [`--ignore-certificate-errors-spki-list=${spki}`] });
});

afterAll(async () => {
  await engine?.close();
  await Promise.all([secure?.close(), plain?.close()]);
});

describe('page record', () => {
  test('HTTPS: the source after scripts, no media bytes; the server, status, headers and certificate', async () => {
    const browser = await engine.open();
    try {
      await browser.navigate(`${secure.url}/page.html`);
      const shot = await browser.capture('viewport');
      const page = shot.page;
      expect(page).toBeDefined();
      if (!page) return;

      const html = Buffer.from(page.html).toString('utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('changed by script');
      expect(html).not.toContain('as served');
      expect(html).toContain('src="/pixel.png"');
      expect(Buffer.from(page.html).includes(PIXEL)).toBe(false);

      const c = PageConnectionSchema.parse(page.connection);
      expect(c.url).toBe(`${secure.url}/page.html`);
      expect(c.ip).toBe('127.0.0.1');
      expect(c.port).toBe(secure.port);
      expect(c.status).toBe(200);
      expect(c.headers).toContainEqual({ name: 'x-served-by', value: 'fixture-7' });
      expect(c.headers.map((h) => h.name.toLowerCase())).toEqual(
        [...c.headers.map((h) => h.name.toLowerCase())].sort(),
      );
      expect(c.tls?.protocol).toMatch(/^TLS 1\.[23]$/);
      expect(c.tls?.certificates).toEqual([
        {
          subject: 'CN=127.0.0.1',
          issuer: 'CN=127.0.0.1',
          validFrom: new Date(new X509Certificate(certDer).validFrom).toISOString(),
          validTo: new Date(new X509Certificate(certDer).validTo).toISOString(),
          sha256: createHash('sha256').update(certDer).digest('hex'),
        },
      ]);
    } finally {
      await browser.teardown('closed');
    }
  });

  test('over HTTP: the server and headers, and no TLS', async () => {
    const browser = await engine.open();
    try {
      await browser.navigate(`${plain.url}/page.html`);
      const { page } = await browser.capture('fullpage');
      const c = PageConnectionSchema.parse(page?.connection);
      expect([c.ip, c.port, c.status, c.tls]).toEqual(['127.0.0.1', plain.port, 200, undefined]);
    } finally {
      await browser.teardown('closed');
    }
  });

  test('a page that failed to load has a source but no connection', async () => {
    const browser = await engine.open();
    try {
      await browser.navigate(`${plain.url}/page.html`);
      await plain.close();
      await browser.navigate('http://127.0.0.1:9/nothing-listens-here');
      const { page } = await browser.capture('viewport');
      expect(page?.connection).toBeUndefined();
      expect(page?.html.length).toBeGreaterThan(0);
    } finally {
      await browser.teardown('closed');
    }
  });
});
