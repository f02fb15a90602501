// Text drawn at the largest size that fits its place on a PDFKit page, and shortened with "…" when even the smallest
// size does not: a long name stays inside its signature box and a long school name inside its part of the footer,
// never over the words beside or below them, never onto a page of its own.
import { bidiHeight, drawBidi, laidOutHere } from './bidi-text';
import { cutShown, type FontName } from './pdf-fonts';

type Doc = PDFKit.PDFDocument;

/** The smallest size text is shrunk to before it is shortened. */
export const MIN_FITTED_SIZE = 5;

/** Sizes are tried in half points. */
const STEP = 0.5;

export interface Place {
  x: number;
  y: number;
  width: number;
  /** How tall it is: as many lines as fit, at the size chosen. */
  height: number;
  /** The size the text is set at when it fits. */
  size: number;
  font: FontName;
  /** A paragraph that reads from the left whatever its first letter (a name after its label). */
  direction?: 'ltr';
}

interface Fit {
  size: number;
  text: string;
}

/** What each text was fitted to, per document: the same names and school name print on every page. */
const fitted = new WeakMap<Doc, Map<string, Fit>>();

/** How far below the place's top a size's first line starts, so that it sits on the baseline of the place's size. */
const drop = (doc: Doc, place: Place, size: number): number => {
  // A smaller size moves down by the ascent it lost (DejaVu's ascent is 0.8 of its line).
  const lost = doc.fontSize(place.size).currentLineHeight() - doc.fontSize(size).currentLineHeight();
  return lost * 0.8;
};

const fits = (doc: Doc, text: string, place: Place, size: number): boolean => {
  const top = drop(doc, place, size);
  doc.fontSize(size);
  const height = laidOutHere(text)
    ? bidiHeight(doc, text, place.width)
    : doc.heightOfString(text, { width: place.width });
  return top + height <= place.height + 0.01;
};

/** The largest n in [lo, hi] for which ok(n) holds, given ok(lo) holds and ok only turns false as n grows. */
const largest = (lo: number, hi: number, ok: (n: number) => boolean): number => {
  let [yes, no] = [lo, hi + 1];
  while (no - yes > 1) {
    const mid = Math.floor((yes + no) / 2);
    if (ok(mid)) yes = mid;
    else no = mid;
  }
  return yes;
};

const fit = (doc: Doc, text: string, place: Place): Fit => {
  if (fits(doc, text, place, place.size)) return { size: place.size, text };
  const steps = Math.round((place.size - MIN_FITTED_SIZE) / STEP);
  if (fits(doc, text, place, MIN_FITTED_SIZE)) {
    const step = largest(0, steps - 1, (n) => fits(doc, text, place, MIN_FITTED_SIZE + n * STEP));
    return { size: MIN_FITTED_SIZE + step * STEP, text };
  }
  // At most as many characters as the narrowest letter lets the place hold are tried: a pasted essay costs no more.
  const lines = place.height / doc.fontSize(MIN_FITTED_SIZE).currentLineHeight(true);
  const most = Math.min(Array.from(text).length - 1, Math.ceil((lines * place.width) / (MIN_FITTED_SIZE * 0.25)));
  const kept = largest(0, most, (n) => fits(doc, cutShown(text, n), place, MIN_FITTED_SIZE));
  return { size: MIN_FITTED_SIZE, text: cutShown(text, kept) };
};

/**
 * Draws the text in the place's font, at the largest size that fits the place (by half points, down to
 * MIN_FITTED_SIZE), shortened with "…" if none does; its first baseline where the place's size would put it.
 */
export const drawFitted = (doc: Doc, text: string, place: Place): void => {
  doc.font(place.font);
  let known = fitted.get(doc);
  if (!known) fitted.set(doc, (known = new Map()));
  const key = JSON.stringify([text, place.font, place.size, place.width, place.height]);
  const f = known.get(key) ?? fit(doc, text, place);
  known.set(key, f);
  const y = place.y + drop(doc, place, f.size);
  doc.fontSize(f.size);
  if (laidOutHere(f.text)) drawBidi(doc, f.text, place.x, y, place.width, place.direction);
  else doc.text(f.text, place.x, y, { width: place.width });
  doc.fontSize(place.size);
};
