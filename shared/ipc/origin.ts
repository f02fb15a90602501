// The app's own origin and content security policy, defined once for the protocol handler, the window guards, the IPC
// sender check and index.html.

export const APP_SCHEME = 'countersign';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when the URL is on the app's own origin. Chromium serialises URLs of a standard scheme in
 * canonical form, and the trailing slash pins the authority to exactly "app" (no port, no userinfo).
 */
export const isAppUrl = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);

/** The policy sent as a response header with every file the app serves. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Directives a <meta> policy cannot carry: browsers ignore them there and warn in the console. */
export const HEADER_ONLY_CSP_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The same policy for the <meta> tag in index.html, which also covers the page outside Electron (the test harness). */
export const APP_CSP_META = APP_CSP.split('; ')
  .filter((directive) => !HEADER_ONLY_CSP_DIRECTIVES.includes(directive.split(' ')[0] ?? ''))
  .join('; ');
