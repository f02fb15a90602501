// Text in a right-to-left script (a page's Arabic title, a Hebrew name) laid out for PDFKit, which has no bidirectional
// layout of its own: lines are broken in reading order, then each line's words are placed in the order the Unicode
// Bidirectional Algorithm (bidi-js) gives, each word shaped by the font in its own direction.
import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import { SHOWN_CODE } from './pdf-fonts';

type Doc = PDFKit.PDFDocument;

const bidi = bidiFactory();

/** A right-to-left letter (Hebrew, Arabic…) or an Arabic number (which follows the letters around it). */
const RIGHT_TO_LEFT = new Set(['R', 'AL', 'AN']);

/** The scripts fontkit (PDFKit's shaper) sets from right to left, as its own list has them. */
const RTL_SCRIPT = new RegExp(
  `[${[
    'Arabic',
    'Hebrew',
    'Syriac',
    'Thaana',
    'Cypriot',
    'Kharoshthi',
    'Phoenician',
    'Nko',
    'Lydian',
    'Avestan',
    'Imperial_Aramaic',
    'Inscriptional_Pahlavi',
    'Inscriptional_Parthian',
    'Old_South_Arabian',
    'Old_Turkic',
    'Samaritan',
    'Mandaic',
    'Meroitic_Cursive',
    'Meroitic_Hieroglyphs',
    'Manichaean',
    'Mende_Kikakui',
    'Nabataean',
    'Old_North_Arabian',
    'Palmyrene',
    'Psalter_Pahlavi',
  ]
    .map((script) => `\\p{Script=${script}}`)
    .join('')}]`,
  'u',
);
/** Characters fontkit passes over when it decides a piece's script from its first letter. */
const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}\p{Cn}]/u;

/** Whether fontkit will reverse a piece: it does when the script of the piece's first letter is right to left. */
const fontkitReverses = (text: string): boolean => {
  const first = Array.from(text).find((c) => !NO_SCRIPT.test(c));
  return first !== undefined && RTL_SCRIPT.test(first);
};

/**
 * Text PDFKit alone would print wrongly: right-to-left words run together in the wrong order, or digits of an Arabic
 * script (Arabic-Indic, Persian) reversed.
 */
export const hasRightToLeft = (text: string): boolean =>
  Array.from(text).some((c) => RIGHT_TO_LEFT.has(bidi.getBidiCharTypeName(c)) || RTL_SCRIPT.test(c));

/**
 * Whether text must be laid out here rather than by PDFKit: it holds a right-to-left script (PDFKit would run its words
 * together in the wrong order), or a shown code (PDFKit cuts a word longer than a line anywhere, inside a code too).
 */
export const laidOutHere = (text: string): boolean => hasRightToLeft(text) || text.search(SHOWN_CODE) !== -1;

/**
 * A piece of a line as it is drawn: its characters in reading order and its width. Most pieces are drawn whole, the
 * font shaping them and setting them in their direction; a piece whose direction fontkit would get wrong (Arabic-Indic
 * digits read left to right; neutral signs in a right-to-left run) is drawn one character at a time, `glyphs` in the
 * order they are seen.
 */
interface Piece {
  text: string;
  width: number;
  glyphs?: { text: string; width: number }[];
}

/** One line: its pieces from left to right, its width, and whether it belongs to a right-to-left paragraph. */
interface Line {
  pieces: Piece[];
  width: number;
  rightToLeft: boolean;
}

/**
 * A piece of one direction as it is drawn: whole, the font shaping it, or one character at a time where fontkit would
 * set it the wrong way (glyphs in the order they are seen).
 */
const shapedPiece = (doc: Doc, text: string, rightToLeft: boolean): Piece => {
  if (rightToLeft === fontkitReverses(text)) return { text, width: doc.widthOfString(text) };
  const chars = Array.from(text);
  const glyphs = (rightToLeft ? chars.reverse() : chars).map((c) => ({ text: c, width: doc.widthOfString(c) }));
  return { text, width: glyphs.reduce((w, g) => w + g.width, 0), glyphs };
};

/**
 * The spaces a line may break at, drawn as nothing: the space, the tab (printed as a space) and the typographic spaces.
 * A no-break space (U+00A0, U+2007, U+202F) holds its words together, as in "£10 000"; the Ogham space mark prints.
 */
const SPACE = '[ \\t\\u2000-\\u2006\\u2008-\\u200a\\u205f\\u3000]';
const IS_SPACE = new RegExp(`^${SPACE}`);
const ALL_SPACE = new RegExp(`^${SPACE}+$`);
/** A paragraph's words and the runs of spaces between them. */
const TOKEN = new RegExp(`${SPACE}+|(?:(?!${SPACE})[\\s\\S])+`, 'g');

/** What a long word may be cut between: a character, or a whole shown code. */
const UNIT = new RegExp(`${SHOWN_CODE.source}|[\\s\\S]`, 'gu');

/**
 * How wide the paragraph's characters from `s` to `e` print, measured as visualPieces draws them: each run of one
 * direction shaped on its own (joined, Arabic letters take other, wider forms than alone; measured with a Latin letter
 * before them, fontkit shapes them as Latin).
 */
const drawnWidth =
  (doc: Doc, paragraph: string, levels: EmbeddingLevels) =>
  (s: number, e: number): number => {
    let width = 0;
    for (let a = s; a < e;) {
      let b = a + 1;
      while (b < e && levels.levels[b] === levels.levels[a]) b++;
      width += shapedPiece(doc, paragraph.slice(a, b), (levels.levels[a] ?? 0) % 2 === 1).width;
      a = b;
    }
    return width;
  };

/**
 * Where a paragraph breaks into lines no wider than `width`, in reading order: between words, or inside a word longer
 * than a line, as PDFKit breaks one. The spaces at a break are left out of both lines.
 */
const breakLines = (doc: Doc, paragraph: string, levels: EmbeddingLevels, width: number): [number, number][] => {
  const drawn = drawnWidth(doc, paragraph, levels);
  const lines: [number, number][] = [];
  let line: { start: number; end: number; width: number } | null = null;
  let spaces = 0;
  /** Starts a line at a word, cutting off as many full lines as a word longer than a line fills. */
  const startAt = (from: number, word: string, w: number): void => {
    if (w <= width) {
      line = { start: from, end: from + word.length, width: w };
      return;
    }
    // Where each piece it may be cut into starts, in the paragraph (a character, or a shown code, which is never cut);
    // the word ends at the last.
    const ends = [from];
    for (const unit of word.match(UNIT) ?? []) ends.push((ends.at(-1) ?? from) + unit.length);
    const widthOf = (i: number, j: number): number => drawn(ends[i] ?? from, ends[j] ?? from);
    const last = ends.length - 1;
    let i = 0;
    for (;;) {
      // The most characters from i that fit (at least one, however wide): the step doubles until a piece is too wide
      // or the word ends, then the last step is halved. Never the whole rest of a long word measured for each line.
      let [fits, over] = [i + 1, last + 1];
      for (let step = 1; over === last + 1 && fits < last; step *= 2) {
        const to = Math.min(last, i + 2 * step);
        if (widthOf(i, to) <= width) fits = to;
        else over = to;
      }
      while (over - fits > 1) {
        const mid = Math.floor((fits + over) / 2);
        if (widthOf(i, mid) <= width) fits = mid;
        else over = mid;
      }
      if (fits === last) {
        line = { start: ends[i] ?? from, end: ends[last] ?? from, width: widthOf(i, last) };
        return;
      }
      lines.push([ends[i] ?? from, ends[fits] ?? from]);
      i = fits;
    }
  };
  let at = 0;
  for (const token of paragraph.match(TOKEN) ?? []) {
    const from = at;
    at += token.length;
    const w = drawn(from, at);
    if (IS_SPACE.test(token)) spaces += w;
    // A paragraph's indent is kept when its first word fits beside it.
    else if (line === null && lines.length === 0 && from > 0 && spaces + w <= width)
      line = { start: 0, end: at, width: spaces + w };
    else if (line === null) startAt(from, token, w);
    else if (line.width + spaces + w <= width) line = { start: line.start, end: at, width: line.width + spaces + w };
    else {
      lines.push([line.start, line.end]);
      startAt(from, token, w);
    }
    if (!IS_SPACE.test(token)) spaces = 0;
  }
  // Typed again: TypeScript cannot see that startAt, a closure, set it.
  const last: { start: number; end: number } | null = line;
  if (last) lines.push([last.start, last.end]);
  return lines.length > 0 ? lines : [[0, 0]];
};

/** A line's characters in the order they are seen, grouped into pieces each of one word or space in one direction. */
const visualPieces = (doc: Doc, paragraph: string, levels: EmbeddingLevels, [s, e]: [number, number]) => {
  const order = bidi.getReorderedIndices(paragraph, levels, s, e - 1).slice(s, e);
  const mirrored = bidi.getMirroredCharactersMap(paragraph, levels.levels, s, e - 1);
  const isSpace = (i: number) => IS_SPACE.test(paragraph.charAt(i));
  const pieces: Piece[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    let [from, to] = [Infinity, -Infinity];
    for (const i of run) [from, to] = [Math.min(from, i), Math.max(to, i)];
    let text = '';
    for (let i = from; i <= to; i++) text += mirrored.get(i) ?? paragraph.charAt(i);
    pieces.push(shapedPiece(doc, text, (levels.levels[from] ?? 0) % 2 === 1));
    run = [];
  };
  for (const i of order) {
    const last = run.at(-1);
    const step = last === undefined ? 0 : i - last;
    const direction = run.length > 1 ? (run[1] as number) - (run[0] as number) : step;
    const apart =
      Math.abs(step) !== 1 ||
      step !== direction ||
      isSpace(i) !== isSpace(last ?? i) ||
      levels.levels[i] !== levels.levels[last ?? i];
    if (last !== undefined && apart) flush();
    run.push(i);
  }
  flush();
  return pieces;
};

/**
 * The paragraph with each shown code's characters made letters, for its levels: a code reads as one left-to-right word
 * wherever it is, its backslash and braces in place.
 */
const codesAsLetters = (paragraph: string): string => paragraph.replace(SHOWN_CODE, (code) => 'a'.repeat(code.length));

/**
 * The lines of `text` (its own line breaks kept) in the document's current font and size, no wider than `width`. Each
 * paragraph reads in the direction of its first letter, unless `direction` says (a name after an English label).
 */
export const bidiLines = (doc: Doc, text: string, width: number, direction?: 'ltr'): Line[] =>
  // A line break at the very end starts no line: it would print as a blank one. The line and paragraph separators
  // break lines, as PDFKit breaks them (the fonts draw them as nothing).
  text
    .replace(/(?:\r\n?|[\n\u2028\u2029])+$/, '')
    .split(/\r\n?|[\n\u2028\u2029]/)
    .flatMap((line) => {
      // A tab prints as a space: the fonts have no glyph for it.
      const paragraph = line.replace(/\t/g, ' ');
      const levels = bidi.getEmbeddingLevels(codesAsLetters(paragraph), direction);
      const rightToLeft = (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
      return breakLines(doc, paragraph, levels, width).map((range) => {
        const pieces = visualPieces(doc, paragraph, levels, range);
        return { pieces, width: pieces.reduce((w, p) => w + p.width, 0), rightToLeft };
      });
    });

/** How tall `text` is when drawn by drawBidi. */
export const bidiHeight = (doc: Doc, text: string, width: number): number =>
  bidiLines(doc, text, width).length * doc.currentLineHeight(true);

/** Draws `text` from (x, y), each line from the left, or the right in a right-to-left paragraph; gives its height. */
export const drawBidi = (doc: Doc, text: string, x: number, y: number, width: number, direction?: 'ltr'): number => {
  const lines = bidiLines(doc, text, width, direction);
  const lineHeight = doc.currentLineHeight(true);
  lines.forEach((line, n) => {
    // Pieces measured apart can be a little wider than the word they break: a line never starts left of its cell.
    let at = line.rightToLeft ? Math.max(x, x + width - line.width) : x;
    for (const p of line.pieces) {
      for (const g of p.glyphs ?? [p]) {
        if (!ALL_SPACE.test(g.text)) doc.text(g.text, at, y + n * lineHeight, { lineBreak: false });
        at += g.width;
      }
    }
  });
  return lines.length * lineHeight;
};
