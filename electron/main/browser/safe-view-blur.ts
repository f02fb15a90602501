// Blurred, greyed stand-ins for the pictures a page loads under safe view, made with sharp and kept in memory only.
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

/** The stand-in carries no more detail than a picture this many pixels across: nothing recognisable survives. */
const DETAIL_PX = 16;
/** Stand-ins keep the picture's size (so the page's layout is unchanged) up to this many pixels a side. */
const MAX_SIDE = 2048;
/** Larger pictures are not decoded at all: they become plain grey. */
const MAX_INPUT_PIXELS = 40_000_000;
/** How many stand-ins one incident's browser keeps, most recent first. */
const CACHE_ENTRIES = 256;

export interface StandIn {
  body: Buffer;
  contentType: string;
}

const GREY = { r: 160, g: 160, b: 160, alpha: 1 };

const plainGrey = async (width: number, height: number): Promise<StandIn> => ({
  body: await sharp({ create: { width, height, channels: 3, background: GREY } })
    .png()
    .toBuffer(),
  contentType: 'image/png',
});

const fit = (w: number, h: number): { width: number; height: number } => {
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
};

/**
 * How the stand-in is made: 'svg' for what the page shows (an SVG of the picture's own size around the tiny copy, which
 * the browser stretches smoothly: nothing large is encoded), 'raster' for what a script reads (a PNG or JPEG it can
 * decode and draw, as it would the original).
 */
export type StandInForm = 'svg' | 'raster';

const svgAround = (tiny: Buffer, width: number, height: number): StandIn => {
  const href = `data:image/png;base64,${tiny.toString('base64')}`;
  const size = `width="${width}" height="${height}"`;
  const body =
    `<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">` +
    `<image ${size} preserveAspectRatio="none" href="${href}"/></svg>`;
  return { body: Buffer.from(body), contentType: 'image/svg+xml' };
};

/**
 * A copy of the picture shrunk to a few pixels, greyed and blown back up to its own size: the shapes of light and dark
 * stay, so the reviewer sees that something is there, but no detail. Anything sharp cannot read becomes plain grey.
 */
export async function blurredStandIn(original: Uint8Array, form: StandInForm = 'raster'): Promise<StandIn> {
  let meta: Metadata;
  try {
    meta = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    return plainGrey(1, 1);
  }
  const w = meta.autoOrient.width;
  const h = meta.autoOrient.height;
  const size = fit(w, h);
  try {
    const tiny = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS })
      .autoOrient()
      .resize(DETAIL_PX, DETAIL_PX, { fit: 'inside' })
      .grayscale()
      .blur(1)
      .linear(0.45, 130)
      .png()
      .toBuffer();
    if (form === 'svg') return svgAround(tiny, w, h);
    const out = sharp(tiny).resize(size.width, size.height, { fit: 'fill', kernel: 'cubic' });
    return meta.hasAlpha
      ? { body: await out.png({ compressionLevel: 3 }).toBuffer(), contentType: 'image/png' }
      : { body: await out.removeAlpha().jpeg({ quality: 60 }).toBuffer(), contentType: 'image/jpeg' };
  } catch {
    return plainGrey(size.width, size.height);
  }
}

/** Stand-ins by the SHA-256 of the original, so a picture repeated on a page is blurred once. */
export class StandInCache {
  private readonly byHash = new Map<string, Promise<StandIn>>();

  get(original: Uint8Array, form: StandInForm): Promise<StandIn> {
    const key = `${form} ${createHash('sha256').update(original).digest('hex')}`;
    let hit = this.byHash.get(key);
    if (hit) {
      this.byHash.delete(key);
    } else {
      hit = blurredStandIn(original, form);
    }
    this.byHash.set(key, hit);
    if (this.byHash.size > CACHE_ENTRIES) {
      const oldest = this.byHash.keys().next().value;
      if (oldest !== undefined) this.byHash.delete(oldest);
    }
    return hit;
  }

  clear(): void {
    this.byHash.clear();
  }
}
