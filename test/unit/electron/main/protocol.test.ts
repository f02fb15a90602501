// The app scheme: URLs map to files inside the renderer build only, every response carries the CSP, and index.html
// agrees with it.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '@test/helpers/repo';
import { APP_SCHEME_PRIVILEGES, resolveAppPath, serveAppFile } from '@main/protocol';
import { APP_CSP, APP_CSP_META, HEADER_ONLY_CSP_DIRECTIVES } from '@shared/ipc/origin';

const REQUIRED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'countersign-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Countersign</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1);');
  await writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'outside the build');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveAppPath', () => {
  it('maps app URLs to files under the root, "/" to index.html', () => {
    expect(resolveAppPath(root, 'countersign://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'countersign://app/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'countersign://app/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'countersign://app/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('resolves dot segments as a browser does, so they stay inside the root', () => {
    expect(resolveAppPath(root, 'countersign://app/../secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'countersign://app/assets/%2e%2e/%2E%2E/secret.txt')).toBe(
      path.join(root, 'secret.txt'),
    );
  });

  it.each([
    'countersign://app/assets/..%2f..%2fsecret.txt',
    'countersign://app/..%5csecret.txt',
    'countersign://app/index.html%00.js',
    'countersign://app/%E0%A4%A',
    'countersign://other/index.html',
    'countersign://app:8080/index.html',
    'countersign://user@app/index.html',
    'https://app/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('serveAppFile', () => {
  it('serves a file with its content type and the CSP header', async () => {
    const res = await serveAppFile(root, { method: 'GET', url: 'countersign://app/assets/index-abc.js' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(REQUIRED_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1);');
  });

  it('serves index.html for the app root', async () => {
    const res = await serveAppFile(root, { method: 'GET', url: 'countersign://app/' });
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Countersign</title>');
  });

  it('answers 404, with the CSP, for a missing file, a folder, and an escape attempt', async () => {
    for (const url of [
      'countersign://app/missing.js',
      'countersign://app/assets',
      'countersign://app/%2e%2e/secret.txt',
    ]) {
      const res = await serveAppFile(root, { method: 'GET', url });
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(REQUIRED_CSP);
      expect(await res.text()).not.toContain('outside the build');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await serveAppFile(root, { method: 'POST', url: 'countersign://app/index.html' });
    expect(res.status).toBe(405);
  });
});

describe('content security policy', () => {
  it('is the policy the team set', () => {
    expect(APP_CSP).toBe(REQUIRED_CSP);
  });

  it('index.html carries the same policy, less only what a <meta> tag cannot carry', async () => {
    const html = await readFile(repoPath('renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(APP_CSP_META);
    const inMeta = new Set(APP_CSP_META.split('; '));
    for (const directive of APP_CSP.split('; ')) {
      const name = directive.split(' ')[0] ?? '';
      expect(inMeta.has(directive) || HEADER_ONLY_CSP_DIRECTIVES.includes(name), directive).toBe(true);
    }
  });

  it('the scheme is standard and secure but never bypasses the CSP or opens CORS', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('countersign');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });
});
