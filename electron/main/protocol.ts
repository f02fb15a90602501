// The app's own scheme: countersign://app/ serves the built renderer from disk, with the strict CSP on every response.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_CSP, APP_HOST, APP_SCHEME } from '@shared/ipc/origin';

/**
 * Standard and secure so the renderer gets a real origin (storage, ES modules, a secure context);
 * no bypassCSP, no corsEnabled (which would let other origins read the app's files), no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (file: string): string =>
  CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * The file under `root` that an app URL names, or null when the URL is not on the app's origin or
 * would leave `root` (dot segments, encoded separators, NUL bytes). "/" is index.html.
 */
export const resolveAppPath = (root: string, url: string): string | null => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password)
    return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows; no file the app serves has one or a NUL in its name.
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const refusal = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Answers one request to the app scheme from the files under `root`. */
export const serveAppFile = async (
  root: string,
  request: { readonly method: string; readonly url: string },
): Promise<Response> => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
  const file = resolveAppPath(root, request.url);
  if (!file) return refusal(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? e.code : undefined;
    return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
      ? refusal(404, 'Not found')
      : refusal(500, 'Could not read the file');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file), 'Content-Length': String(body.byteLength) },
  });
};

/** The part of Electron's protocol module used here. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Must run before the app's "ready" event. */
export const registerAppScheme = (protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void =>
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

/** Serves the renderer build in `root` on the app scheme; runs once the app is ready. */
export const handleAppScheme = (protocol: Pick<ProtocolLike, 'handle'>, root: string): void =>
  protocol.handle(APP_SCHEME, (request) => serveAppFile(root, request));
