// A PNG's compressed pixel data as a PDF image can carry it unchanged (FlateDecode, PNG predictors), and the copy for
// printing that sharp makes when it cannot: a slice, narrower, or without an alpha channel.
import { CodedError } from '@shared/result';

/** What a PDF image XObject needs: the PNG's IDAT stream is already Flate with PNG row filters (Predictor 15). */
export interface PdfRaster {
  width: number;
  height: number;
  colors: 1 | 3;
  /** The IDAT chunks' data in order, as views into the PNG: written one after the other, never copied together. */
  data: readonly Uint8Array[];
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The pixel data of an 8-bit grey or RGB, non-interlaced PNG without palette or transparency; null for any other. */
export const passThroughRaster = (png: Uint8Array): PdfRaster | null => {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE)) return null;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const [depth, colorType, , , interlace] = b.subarray(24, 29);
  if (depth !== 8 || interlace !== 0 || (colorType !== 0 && colorType !== 2)) return null;
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= b.length;) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > b.length) return null;
    if (type === 'tRNS' || type === 'PLTE') return null;
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (idat.length === 0) return null;
  return { width, height, colors: colorType === 0 ? 1 : 3, data: idat };
};

export interface PrintCopy {
  /** Rows of the capture, from `top`, `rows` high. */
  top: number;
  rows: number;
  /** Narrowed to this many pixels, keeping the proportions, when the capture is wider. */
  maxWidth: number;
}

/** A copy of part of the capture for printing: opaque RGB on white, sliced and narrowed as asked. */
export const printCopy = async (png: Uint8Array, width: number, part: PrintCopy): Promise<PdfRaster> => {
  // Loaded when a capture first needs a copy (about 28 MB of memory): most captures go into the PDF as they are.
  const { default: sharp } = await import('sharp');
  let image = sharp(png, { limitInputPixels: false }).extract({ left: 0, top: part.top, width, height: part.rows });
  if (width > part.maxWidth) image = image.resize({ width: part.maxWidth });
  const out = await image.flatten({ background: '#ffffff' }).toColourspace('srgb').png().toBuffer();
  const raster = passThroughRaster(out);
  if (!raster) throw new CodedError('INTERNAL', 'The copy of a capture made for printing is not a plain RGB PNG.');
  return raster;
};
