// Text drawn at the largest size that fits its place on a PDFKit page: a long name stays inside its signature box and
// a long school name inside its part of the footer, instead of running over the words beside them.
import { bidiHeight, drawBidi, hasRightToLeft } from './bidi-text';

type Doc = PDFKit.PDFDocument;

/** The smallest size text is shrunk to: the longest name the app accepts (120 characters) fits two lines of a box. */
export const MIN_FITTED_SIZE = 5;

export interface Place {
  x: number;
  y: number;
  width: number;
  /** How many lines it has room for. */
  lines: number;
  /** The size the text is set at when it fits. */
  size: number;
  /** A paragraph that reads from the left whatever its first letter (a name after its label). */
  direction?: 'ltr';
}

const heightOf = (doc: Doc, text: string, width: number): number =>
  hasRightToLeft(text) ? bidiHeight(doc, text, width) : doc.heightOfString(text, { width });

/** The largest size, by half points from the place's size down to MIN_FITTED_SIZE, at which the text fits it. */
export const fittedSize = (doc: Doc, text: string, place: Place): number => {
  for (let size = place.size; size > MIN_FITTED_SIZE; size -= 0.5) {
    doc.fontSize(size);
    if (heightOf(doc, text, place.width) <= place.lines * doc.currentLineHeight(true) + 0.01) return size;
  }
  return MIN_FITTED_SIZE;
};

/**
 * Draws the text in the current font at its fitted size, wrapped to the place's width (right-to-left text laid out
 * by bidi-text), its first line's baseline where the place's size would put it; leaves the font at the place's size.
 */
export const drawFitted = (doc: Doc, text: string, place: Place): void => {
  const size = fittedSize(doc, text, place);
  // A smaller size sits on the same baseline as its label: it moves down by the ascent it lost.
  const baseline = doc.fontSize(place.size).currentLineHeight() - doc.fontSize(size).currentLineHeight();
  const y = place.y + baseline * 0.8;
  if (hasRightToLeft(text)) drawBidi(doc, text, place.x, y, place.width, place.direction);
  else doc.text(text, place.x, y, { width: place.width });
  doc.fontSize(place.size);
};
