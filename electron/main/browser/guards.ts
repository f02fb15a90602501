// Decisions both browser adapters share: which navigations are allowed, how engine reports map to journal facts, PNG
// sizes.
import { performance } from 'node:perf_hooks';
import { ENTRY_DATA, type EntryData } from '@shared/evidence/entries';
import { CodedError } from '@shared/result';
import type { BrowserEvent, BrowserFactKind } from './evidence-browser';

export type FrameKind = 'main' | 'sub';

export type Verdict = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Verdict = { allowed: true };

const schemeOf = (url: string): string | undefined => {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url.trim());
  return m?.[1]?.toLowerCase();
};

/** What the reviewers may ask for: an absolute http(s) URL, nothing else. */
export function requestedNavigationVerdict(url: string): Verdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allowed: false, reason: 'not an absolute URL' };
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return ALLOW;
  return {
    allowed: false,
    reason: `the ${parsed.protocol} scheme is not allowed: only http and https can be reviewed`,
  };
}

/**
 * What a page may navigate itself (or one of its frames) to. Web pages: http(s). Documents the page makes itself
 * (about:blank, about:srcdoc, blob:) stay inside the page and are recorded as they commit. data: is allowed only in a
 * frame, as Chromium itself refuses it at the top level. Anything that can reach outside the page (file:, chrome:,
 * javascript:, custom schemes that launch other programs) is refused.
 */
export function pageNavigationVerdict(url: string, frame: FrameKind): Verdict {
  const scheme = schemeOf(url);
  if (scheme === undefined) return { allowed: false, reason: 'not an absolute URL' };
  if (scheme === 'http' || scheme === 'https' || scheme === 'blob') return ALLOW;
  if (scheme === 'about') {
    const rest = url.trim().slice('about:'.length).toLowerCase();
    return rest.startsWith('blank') || rest.startsWith('srcdoc')
      ? ALLOW
      : { allowed: false, reason: 'only about:blank and about:srcdoc are allowed' };
  }
  if (scheme === 'data') {
    return frame === 'sub' ? ALLOW : { allowed: false, reason: 'a data: URL may not replace the page' };
  }
  if (scheme === 'javascript') return { allowed: false, reason: 'javascript: URLs are not followed' };
  if (scheme === 'file') return { allowed: false, reason: 'local files may not be opened from a page' };
  if (scheme === 'chrome' || scheme === 'chrome-untrusted' || scheme === 'devtools' || scheme === 'view-source') {
    return { allowed: false, reason: `browser-internal ${scheme}: pages are not allowed` };
  }
  return { allowed: false, reason: `the ${scheme}: scheme would hand the link to another program` };
}

/** The fact recorded when the link guard stopped a link or form. */
export function guardBlocked(report: { url: string; frame: FrameKind }): EntryData<'browser.navigation-blocked'> {
  const verdict = pageNavigationVerdict(report.url, report.frame);
  return { url: report.url, reason: verdict.allowed ? 'refused by the link guard' : verdict.reason };
}

/** Chromium's error page stands in for a failed load; the failure is recorded instead. */
export const isEngineErrorPage = (url: string): boolean => url.startsWith('chrome-error:');

/** Maps Chromium's client navigation reasons to the journal's redirect kinds; undefined for ordinary navigations. */
export function clientRedirectHow(reason: string): 'meta' | 'script' | undefined {
  if (reason === 'metaTagRefresh' || reason === 'httpHeaderRefresh') return 'meta';
  if (reason === 'scriptInitiated') return 'script';
  return undefined;
}

/** Normalises 'net::ERR_X' (CDP) and 'ERR_X' (Electron) to 'net::ERR_X'. */
export const netErrorName = (error: string): string => (error.startsWith('net::') ? error : `net::${error}`);

/**
 * How a failed load is recorded. ERR_ABORTED is not a failure of the site: it is a load that was replaced,
 * stopped, turned into a (blocked) download or handed to a blocked scheme, each recorded by its own fact.
 */
export function loadFailureKind(error: string): 'ignore' | 'certificate' | 'failed' {
  const name = netErrorName(error);
  if (name === 'net::ERR_ABORTED') return 'ignore';
  if (name.startsWith('net::ERR_CERT_') || name === 'net::ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN') return 'certificate';
  return 'failed';
}

export const originOf = (url: string): string => {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? url : o;
  } catch {
    return url;
  }
};

/**
 * The web permission names recorded for an Electron permission request. A 'media' request names camera and/or
 * microphone; the rest are Electron's own names, which already match the web's for the common ones.
 */
export function electronPermissionNames(permission: string, mediaTypes?: readonly ('video' | 'audio')[]): string[] {
  if (permission === 'media') {
    const names: string[] = [];
    if (mediaTypes?.includes('video')) names.push('camera');
    if (mediaTypes?.includes('audio')) names.push('microphone');
    return names.length > 0 ? names : ['camera', 'microphone'];
  }
  if (permission === 'deprecated-sync-clipboard-read') return ['clipboard-read'];
  return [permission];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export const hasPngSignature = (bytes: Uint8Array): boolean =>
  bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

/** Width and height from the PNG's IHDR chunk, which the format requires to come first. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!hasPngSignature(bytes) || bytes.length < 24) throw new CodedError('CORRUPT', 'the engine did not return a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0);
  if (type !== 'IHDR') throw new CodedError('CORRUPT', 'the PNG does not start with its IHDR header');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw new CodedError('CORRUPT', 'the PNG has no pixels');
  return { width, height };
}

/**
 * The limits of the journal's schemas, so an absurdly long URL from a hostile page is recorded cut short rather than
 * lost.
 */
const FIELD_LIMITS: Readonly<Record<string, number>> = {
  url: 8192,
  from: 8192,
  to: 8192,
  opener: 8192,
  origin: 8192,
  title: 4000,
  error: 2000,
  filename: 1000,
  permission: 200,
  reason: 500,
};

export function clampText(value: string, limit: number): string {
  if (value.length <= limit) return value;
  const note = `…[${value.length - limit} more characters]`;
  return value.slice(0, Math.max(0, limit - note.length)) + note;
}

function clampFields(data: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const limit = FIELD_LIMITS[key];
        return [key, typeof value === 'string' && limit !== undefined ? clampText(value, limit) : value];
      }),
  );
}

export interface Stamp {
  at: string;
  mono: number;
}

/** The moment the engine's report reached us: UTC to the millisecond, and the monotonic clock. */
export const stampNow = (): Stamp => ({ at: new Date().toISOString(), mono: performance.now() });

/** Builds a fact, checked against the journal's schema for its kind so that what we emit can always be journalled. */
export function browserEvent<K extends BrowserFactKind>(
  kind: K,
  data: EntryData<K>,
  stamp: Stamp = stampNow(),
): BrowserEvent {
  const parsed = ENTRY_DATA[kind].parse(clampFields(data));
  return { kind, data: parsed, at: stamp.at, mono: stamp.mono } as BrowserEvent;
}

/**
 * Reports the first sighting of a key and ignores repeats within a window: one attempt can surface through several
 * engine signals.
 */
export function repeatFilter(windowMs: number): (key: string) => boolean {
  const seen = new Map<string, number>();
  return (key) => {
    const now = performance.now();
    for (const [k, t] of seen) if (now - t > windowMs) seen.delete(k);
    if (seen.has(key)) return false;
    seen.set(key, now);
    return true;
  };
}

/**
 * Script for an isolated world in every frame: it stops activations of links and form submissions whose target the
 * page policy refuses (javascript: links run no navigation hook in Chromium, and custom schemes would reach the OS
 * before one), and reports each as { url, frame }. The page's own scripts cannot see or remove it.
 * `reporter` is a JS expression evaluating to a function taking a JSON string.
 */
export function linkGuardSource(reporter: string): string {
  const rules = JSON.stringify({
    main: ['http:', 'https:', 'blob:'],
    sub: ['http:', 'https:', 'blob:', 'data:'],
    about: ['about:blank', 'about:srcdoc'],
  });
  return (
    `(() => {
  if (globalThis.__countersignGuard) return;
  Object.defineProperty(globalThis, '__countersignGuard', { value: true });
  const report = ${reporter};
  const rules = ${rules};
  const allowed = (url, frame) => {
    let u;
    try { u = new URL(url, document.baseURI); } catch { return false; }
    if (u.protocol === 'about:') return rules.about.some((a) => ` +
    `u.href === a || u.href.startsWith(a + '#') || u.href.startsWith(a + '?'));
    return rules[frame].includes(u.protocol);
  };
  const frameFor = (target) => {
    const t = (target || '').toLowerCase();
    if (window.top === window) return 'main';
    if (t === '' || t === '_self') return 'sub';
    if (t === '_parent') return window.parent === window.top ? 'main' : 'sub';
    return 'main';
  };
  const hrefOf = (el) => {
    const h = el.href;
    if (typeof h === 'string') return h;
    if (h && typeof h.animVal === 'string') return new URL(h.animVal, document.baseURI).href;
    return el.getAttribute('href') || el.getAttribute('xlink:href') || '';
  };
  const baseTarget = () => { const b = ` +
    `document.querySelector('base[target]'); return b ? b.getAttribute('target') : ''; };
  const stop = (event, url, frame) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    try { report(JSON.stringify({ url: String(url), frame })); } catch {}
  };
  const onActivate = (event) => {
    const path = event.composedPath();
    for (const node of path) {
      if (!(node instanceof Element)) continue;
      const name = node.localName;
      if ((name === 'a' || name === 'area') && (node.hasAttribute('href') || node.hasAttribute('xlink:href'))) {
        const url = hrefOf(node);
        const frame = frameFor(node.getAttribute('target') || baseTarget());
        if (!allowed(url, frame)) stop(event, url, frame);
        return;
      }
    }
  };
  const onSubmit = (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const submitter = event.submitter;
    const action = (submitter && submitter.getAttribute('formaction')) || form.getAttribute('action') || document.URL;
    let url = action;
    try { url = new URL(action, document.baseURI).href; } catch {}
    const frame = frameFor((submitter && ` +
    `submitter.getAttribute('formtarget')) || form.getAttribute('target') || baseTarget());
    if (!allowed(url, frame)) stop(event, url, frame);
  };
  window.addEventListener('click', onActivate, true);
  window.addEventListener('auxclick', onActivate, true);
  window.addEventListener('submit', onSubmit, true);
})();`
  );
}
