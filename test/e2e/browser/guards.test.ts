// The decisions both adapters share: navigation policy, failure classes, permission names, PNG sizes and fact building.
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { ENTRY_DATA } from '@shared/evidence/entries';
import {
  browserEvent,
  clampText,
  clientRedirectHow,
  electronPermissionNames,
  linkGuardSource,
  loadFailureKind,
  pageNavigationVerdict,
  readPngSize,
  requestedNavigationVerdict,
} from '@main/browser/guards';
import { expectCode } from './browser-harness';

describe('what the reviewers may open', () => {
  test.each(['http://example.org/', 'https://127.0.0.1:8080/post/1?x=1#y'])('%s is allowed', (url) => {
    expect(requestedNavigationVerdict(url)).toEqual({ allowed: true });
  });

  test.each([
    'file:///etc/passwd',
    'data:text/html,x',
    'javascript:alert(1)',
    'ms-settings:privacy',
    'chrome://settings',
    'about:blank',
    'ftp://x/',
  ])('%s is refused, with a reason', (url) => {
    const v = requestedNavigationVerdict(url);
    expect(v.allowed).toBe(false);
    expect(v.allowed ? '' : v.reason).toMatch(/scheme is not allowed/);
  });

  test('a relative address is not a URL at all', () => {
    expect(requestedNavigationVerdict('landing.html')).toEqual({ allowed: false, reason: 'not an absolute URL' });
  });
});

describe('where a page may take itself', () => {
  test.each([
    ['https://a.example/', 'main', true],
    ['blob:https://a.example/1234', 'main', true],
    ['about:blank', 'main', true],
    ['about:srcdoc', 'sub', true],
    ['data:text/html,<b>x</b>', 'sub', true],
    ['data:text/html,<b>x</b>', 'main', false],
    ['about:settings', 'main', false],
    ['file:///etc/passwd', 'sub', false],
    ['javascript:void(0)', 'main', false],
    ['chrome://settings/', 'main', false],
    ['view-source:https://a.example/', 'main', false],
    ['ms-settings:privacy', 'main', false],
    ['mailto:someone@example.org', 'sub', false],
  ] as const)('%s in the %s frame: allowed %s', (url, frame, allowed) => {
    expect(pageNavigationVerdict(url, frame).allowed).toBe(allowed);
  });
});

test('client navigation reasons map to the journal’s redirect kinds', () => {
  expect(clientRedirectHow('metaTagRefresh')).toBe('meta');
  expect(clientRedirectHow('httpHeaderRefresh')).toBe('meta');
  expect(clientRedirectHow('scriptInitiated')).toBe('script');
  expect(clientRedirectHow('anchorClick')).toBeUndefined();
  expect(clientRedirectHow('formSubmissionGet')).toBeUndefined();
});

test(
  'failed loads: aborted ones are not failures, certificate ' +
    'errors are their own kind, in either engine’s spelling',
  () => {
    expect(loadFailureKind('net::ERR_ABORTED')).toBe('ignore');
    expect(loadFailureKind('ERR_ABORTED')).toBe('ignore');
    expect(loadFailureKind('net::ERR_CERT_AUTHORITY_INVALID')).toBe('certificate');
    expect(loadFailureKind('ERR_CERT_DATE_INVALID')).toBe('certificate');
    expect(loadFailureKind('net::ERR_CONNECTION_REFUSED')).toBe('failed');
    expect(loadFailureKind('ERR_NAME_NOT_RESOLVED')).toBe('failed');
  },
);

test('Electron permission names become the web’s', () => {
  expect(electronPermissionNames('media', ['video'])).toEqual(['camera']);
  expect(electronPermissionNames('media', ['audio', 'video'])).toEqual(['camera', 'microphone']);
  expect(electronPermissionNames('media', [])).toEqual(['camera', 'microphone']);
  expect(electronPermissionNames('geolocation')).toEqual(['geolocation']);
  expect(electronPermissionNames('deprecated-sync-clipboard-read')).toEqual(['clipboard-read']);
});

describe('PNG size', () => {
  test('is read from the IHDR header', async () => {
    const png = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
  });

  test('anything else is refused as corrupt', async () => {
    const jpeg = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    await expectCode(() => readPngSize(jpeg), 'CORRUPT');
    await expectCode(() => readPngSize(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'CORRUPT');
  });
});

describe('facts', () => {
  test('carry UTC millisecond time and a monotonic reading', () => {
    const e = browserEvent('browser.in-page', { url: 'https://a.example/#x', frame: 'main' });
    expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(e.mono).toBeGreaterThan(0);
  });

  test('a hostile, absurdly long URL is recorded cut short, never lost to the schema', () => {
    const url = 'https://a.example/?' + 'x'.repeat(20_000);
    const e = browserEvent('browser.navigated', { url, frame: 'main' });
    expect(e.kind).toBe('browser.navigated');
    const data = ENTRY_DATA['browser.navigated'].parse(e.data);
    expect(data.url.length).toBeLessThanOrEqual(8192);
    expect(data.url.startsWith('https://a.example/?xxx')).toBe(true);
    expect(data.url).toMatch(/more characters\]$/);
  });

  test('clampText leaves short text alone', () => {
    expect(clampText('short', 10)).toBe('short');
  });
});

test('the link guard is a well-formed script', () => {
  expect(() => new Function(linkGuardSource('(s) => s'))).not.toThrow();
});
