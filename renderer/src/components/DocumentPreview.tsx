// Shows a printable document (the form, the screenshots) inside the app, in a shadow root with its own styles, under
// the strict CSP.
import { useLayoutEffect, useRef } from 'react';

/** The document's own stylesheet, moved from html and body onto the preview's wrapper. */
const scopedCss = (css: string): string => css.replace(/(^|[\s,}])(html|body)(?=[\s{.,:])/g, '$1.doc');

/**
 * No iframe: the app's CSP allows no frames and no inline styles. The HTML is parsed without running anything
 * (DOMParser) and its stylesheet is adopted as a constructed sheet, which the CSP does not govern.
 */
export const DocumentPreview = ({ html, label, onClose }: { html: string; label: string; onClose?: () => void }) => {
  const host = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const node = host.current;
    if (!node) return;
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    const css = [...parsed.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    const root = node.shadowRoot ?? node.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(scopedCss(css));
    root.adoptedStyleSheets = [sheet];
    const wrapper = document.createElement('div');
    wrapper.className = 'doc';
    for (const child of [...parsed.body.childNodes]) wrapper.appendChild(document.importNode(child, true));
    root.replaceChildren(wrapper);
    // The preview opens below the buttons: bring it into view, and the keyboard with it.
    frame.current?.scrollIntoView({ block: 'start' });
    node.focus({ preventScroll: true });
  }, [html]);
  return (
    <div ref={frame}>
      {onClose && (
        <div className="actions">
          <button type="button" onClick={onClose}>
            Close the preview
          </button>
        </div>
      )}
      <div className="preview-frame" role="document" aria-label={label} tabIndex={0} ref={host} />
    </div>
  );
};
