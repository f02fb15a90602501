// The part of safe view that cannot be done below the page: pictures a script draws itself (canvas, WebGL, a video fed
// from a stream) and pictures carried inside the page as data: or blob: addresses never pass the network, so an
// isolated-world script covers those elements with a blur the page's own scripts cannot see or call.
import type { CdpSend } from './cdp';

/** The isolated world the cover lives in, apart from the link guard's. */
export const SAFE_VIEW_WORLD = 'countersign-safe-view';

/** The blur and grey laid on a covered element: as strong as the network stand-ins. */
export const COVER_FILTER = 'blur(24px) grayscale(1) opacity(0.6)';

/**
 * The cover script. It runs in an isolated world: the page shares the DOM but not this script's objects, so it can
 * neither stop the observer nor change what it applies. The page can still rewrite an element's style, but the observer
 * puts the cover back in the same microtask checkpoint, before anything is painted. An inline `!important` declaration
 * outranks every style sheet rule, layered or not. What it cannot reach: elements inside a closed shadow root.
 */
export const coverSource = (): string => `(() => {
  if (globalThis.__countersignCover) return;
  Object.defineProperty(globalThis, '__countersignCover', { value: true });
  const FILTER = ${JSON.stringify(COVER_FILTER)};
  const local = (s) => /^\\s*(data|blob):/i.test(s || '');
  const inlineBackground = (el) => {
    const v = getComputedStyle(el).backgroundImage || '';
    return /url\\(\\s*["']?\\s*(data|blob):/i.test(v) || /(^|,)\\s*(-webkit-)?(element|paint)\\(/i.test(v);
  };
  const needsCover = (el) => {
    const tag = el.localName;
    if (tag === 'canvas') return true;
    if (tag === 'video') return el.srcObject != null || local(el.currentSrc || el.getAttribute('src'));
    if (tag === 'img') return local(el.currentSrc || el.getAttribute('src'));
    if (tag === 'input') return (el.getAttribute('type') || '').toLowerCase() === 'image' && local(el.src);
    if (tag === 'image') return local(el.getAttribute('href') || el.getAttribute('xlink:href'));
    if (tag === 'iframe' || tag === 'embed') return local(el.getAttribute('src'));
    if (tag === 'object') return local(el.getAttribute('data'));
    return el instanceof Element && inlineBackground(el);
  };
  const cover = (el) => {
    if (!(el instanceof Element) || !el.style || !needsCover(el)) return;
    const style = el.style;
    if (style.getPropertyValue('filter') === FILTER && style.getPropertyPriority('filter') === 'important') return;
    el.style.setProperty('filter', FILTER, 'important');
  };
  const coverTree = (root) => {
    cover(root);
    if (root.querySelectorAll) for (const el of root.querySelectorAll('*')) {
      cover(el);
      if (el.shadowRoot) coverTree(el.shadowRoot);
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') cover(r.target);
      else for (const n of r.addedNodes) coverTree(n);
    }
  });
  const watch = (root) => observer.observe(root, { subtree: true, childList: true, attributes: true });
  watch(document);
  const start = () => coverTree(document.documentElement || document);
  if (document.documentElement) start();
  document.addEventListener('DOMContentLoaded', start, { once: true });
  // A video given a stream, or a picture whose source changes without an attribute: looked at as they start to play.
  addEventListener('loadeddata', (e) => cover(e.target), true);
  addEventListener('load', (e) => cover(e.target), true);
})();`;

/** Installs the cover in every frame of the page, now and on every new document. */
export async function installSafeViewCover(send: CdpSend): Promise<void> {
  await send('Page.addScriptToEvaluateOnNewDocument', {
    source: coverSource(),
    worldName: SAFE_VIEW_WORLD,
    runImmediately: true,
  });
}
