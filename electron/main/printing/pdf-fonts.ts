// The fonts screenshots.pdf is set in (DejaVu, bundled), and what they can draw: a character none of their glyphs
// draws is printed as its code, as a control character is, since PDFKit would print an empty box for it (a Chinese
// name lost from the page) and measure it at half the width it is drawn at (the line running out of its cell).
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { CodedError } from '@shared/result';

// Not named `require`: electron-vite's shim declares that name at the top of the bundled main process.
const load = createRequire(import.meta.url);

export const FONT_FILES = {
  sans: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  monoBold: 'DejaVuSansMono-Bold.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

export const fontFile = (name: FontName): string => load.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[name]}`);

/** Each font read once, when first asked what it can draw. */
const opened = new Map<FontName, Font>();

/** fontkit as PDFKit imports it (its ES module): one copy in memory, not a second from require. */
let fontkit: Promise<typeof import('fontkit')> | undefined;

/** Loads what `drawable` needs; called before making a document (PDFKit is loaded the same way, when first needed). */
export const loadFontCoverage = async (): Promise<void> => {
  const { openSync } = await (fontkit ??= import('fontkit'));
  for (const name of Object.keys(FONT_FILES) as FontName[])
    if (!opened.has(name)) opened.set(name, openSync(fontFile(name)));
};

const fontOf = (name: FontName): Font => {
  const font = opened.get(name);
  if (!font) throw new CodedError('INTERNAL', 'The fonts were not loaded before the screenshots PDF was laid out.');
  return font;
};

/** A character's code (\u4e2d, \u{1f9c4}, or a control's \u202e) cut short at the end of shortened text. */
const PART_OF_A_CODE = /\\(u(\{[0-9a-f]*|[0-9a-f]{0,3}))?$/;

/** The first `n` characters of shown text (never half of a pair, never part of a code), then "…". */
export const cutShown = (text: string, n: number): string =>
  `${Array.from(text).slice(0, n).join('').replace(PART_OF_A_CODE, '').trimEnd()}…`;

/** Text that every DejaVu font draws: printable ASCII, and the line breaks and tabs the layout handles itself. */
const ASCII = /^[\x20-\x7e\t\n\r]*$/;

/** A code as a value shows a character (\u4e2d, \u{1f984}, or a control's \u202e, see printable). */
export const SHOWN_CODE = /\\u(\{[0-9a-f]+\}|[0-9a-f]{4})/g;

/** The code a reader can look up: \u4e2d, or \u{1f9c4} beyond the first 65,536. */
const codeOf = (cp: number): string =>
  cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;

/** The text with every character the font has no glyph for replaced by its code. */
export const drawable = (text: string, name: FontName): string => {
  if (ASCII.test(text)) return text;
  const font = fontOf(name);
  let out = '';
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '\n' || c === '\t' || font.hasGlyphForCodePoint(cp)) out += c;
    // A space the font lacks (the ideographic space) prints as a space: its code would say no more.
    else out += /\s/.test(c) ? ' ' : codeOf(cp);
  }
  return out;
};
