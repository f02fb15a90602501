// Page-side scripts the Chromium harness injects (permission probe, title watch) and the reports they send back.
import { z } from 'zod';

/**
 * Main-world wrapper around the web APIs that ask for a permission. Chromium's DevTools protocol reports no event
 * when a page asks, so each request is reported here before the engine refuses it (see chromium-permissions.ts).
 * The binding is taken and removed from the global before any page script runs, so the page cannot call it.
 */
export const permissionProbeSource = (binding: string): string =>
  `(() => {
  const send = globalThis[${JSON.stringify(binding)}];
  if (typeof send !== 'function') return;
  try { delete globalThis[${JSON.stringify(binding)}]; } catch {}
  const note = (permission) => {
    try { send(JSON.stringify({ permission, origin: ` +
  `location.origin === 'null' ? location.href : location.origin })); } catch {}
  };
  const wrap = (owner, key, names) => {
    if (!owner) return;
    const original = owner[key];
    if (typeof original !== 'function') return;
    const wrapped = { [key](...args) {
      for (const n of typeof names === 'function' ? names(args) : names) note(n);
      return original.apply(this, args);
    } }[key];
    Object.defineProperty(owner, key, { value: wrapped, writable: true, configurable: true, enumerable: false });
  };
  const media = (args) => {
    const c = args[0] || {};
    const names = [];
    if (c.video) names.push('camera');
    if (c.audio) names.push('microphone');
    return names.length ? names : ['camera', 'microphone'];
  };
  const g = globalThis;
  wrap(g.Geolocation && g.Geolocation.prototype, 'getCurrentPosition', ['geolocation']);
  wrap(g.Geolocation && g.Geolocation.prototype, 'watchPosition', ['geolocation']);
  wrap(g.Notification, 'requestPermission', ['notifications']);
  wrap(g.ServiceWorkerRegistration && g.ServiceWorkerRegistration.prototype, 'showNotification', ['notifications']);
  wrap(g.MediaDevices && g.MediaDevices.prototype, 'getUserMedia', media);
  wrap(g.Navigator && g.Navigator.prototype, 'webkitGetUserMedia', media);
  wrap(g.MediaDevices && g.MediaDevices.prototype, 'getDisplayMedia', ['display-capture']);
  wrap(g.Clipboard && g.Clipboard.prototype, 'readText', ['clipboard-read']);
  wrap(g.Clipboard && g.Clipboard.prototype, 'read', ['clipboard-read']);
  wrap(g.Navigator && g.Navigator.prototype, 'requestMIDIAccess', ['midi']);
  wrap(g.StorageManager && g.StorageManager.prototype, 'persist', ['persistent-storage']);
  wrap(g.PushManager && g.PushManager.prototype, 'subscribe', ['push']);
  wrap(g.Document && g.Document.prototype, 'requestStorageAccess', ['storage-access']);
  wrap(g.IdleDetector, 'requestPermission', ['idle-detection']);
  wrap(g.Window && g.Window.prototype, 'getScreenDetails', ['window-management']);
  wrap(g.Window && g.Window.prototype, 'queryLocalFonts', ['local-fonts']);
})();`;

/** Isolated-world watcher of the top document's title: the protocol has no title event for a page target. */
export const titleWatchSource = (binding: string): string => `(() => {
  if (window.top !== window) return;
  const send = globalThis[${JSON.stringify(binding)}];
  if (typeof send !== 'function') return;
  let last = null;
  const check = () => {
    const t = document.title;
    if (t === last) return;
    last = t;
    try { send(JSON.stringify({ title: t })); } catch {}
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('DOMContentLoaded', check);
  check();
})();`;

const TitleReport = z.object({ title: z.string() });
const PermissionReport = z.object({ permission: z.string().min(1), origin: z.string() });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** What the title watch sent, or undefined if the payload is not a title report. */
export const parseTitleReport = (payload: string): z.infer<typeof TitleReport> | undefined => {
  const r = TitleReport.safeParse(parseJson(payload));
  return r.success ? r.data : undefined;
};

/** What the permission probe sent, or undefined if the payload is not a permission report. */
export const parsePermissionReport = (payload: string): z.infer<typeof PermissionReport> | undefined => {
  const r = PermissionReport.safeParse(parseJson(payload));
  return r.success ? r.data : undefined;
};
