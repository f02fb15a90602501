// What safe view does with one response: tells images and audio/video apart by content type and by their first bytes.
export type MediaKind = 'image' | 'video';

/** One response header, as the DevTools protocol's Fetch domain gives it. */
export interface HeaderEntry {
  name: string;
  value: string;
}

/** A Fetch.enable pattern. */
export interface RequestPattern {
  urlPattern: string;
  resourceType: 'Document' | 'Image' | 'Media' | 'Fetch' | 'XHR' | 'Other';
  requestStage: 'Request' | 'Response';
}

/** The requests safe view pauses: images and their look-alikes at the response, audio and video before they leave. */
export const SAFE_VIEW_PATTERNS: readonly RequestPattern[] = [
  // An address opened directly (or in a frame) may itself be a picture; safe view reads only those that may be.
  { urlPattern: '*', resourceType: 'Document', requestStage: 'Response' },
  { urlPattern: '*', resourceType: 'Image', requestStage: 'Response' },
  { urlPattern: '*', resourceType: 'Media', requestStage: 'Request' },
  // A page's own fetch()/XHR of an image would let it rebuild the picture on a canvas or from a blob: URL.
  { urlPattern: '*', resourceType: 'Fetch', requestStage: 'Response' },
  { urlPattern: '*', resourceType: 'XHR', requestStage: 'Response' },
  { urlPattern: '*', resourceType: 'Other', requestStage: 'Response' },
];

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** The kind of picture or recording these bytes are, whatever the server called them; undefined if neither. */
export function sniffMedia(b: Uint8Array): MediaKind | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'image';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image';
  if (ascii(b, 0, 4) === 'GIF8') return 'image';
  if (ascii(b, 0, 2) === 'BM') return 'image';
  if (startsWith(b, [0x00, 0x00, 0x01, 0x00])) return 'image';
  if (ascii(b, 0, 4) === 'RIFF') return ascii(b, 8, 12) === 'WEBP' ? 'image' : 'video';
  if (ascii(b, 4, 8) === 'ftyp') return /^(avi[fs]|hei[cfmsx]|mif1|msf1)$/.test(ascii(b, 8, 12)) ? 'image' : 'video';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'video';
  if (ascii(b, 0, 4) === 'OggS' || ascii(b, 0, 3) === 'ID3' || ascii(b, 0, 4) === 'fLaC') return 'video';
  const head = ascii(b, 0, Math.min(b.length, 512)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image';
  return undefined;
}

/** The kind a content type names, if it is a picture or a recording. */
export function mediaOfType(contentType: string | undefined): MediaKind | undefined {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (t.startsWith('image/')) return 'image';
  if (t.startsWith('video/') || t.startsWith('audio/') || t === 'application/vnd.apple.mpegurl') return 'video';
  return undefined;
}

export const headerValue = (headers: readonly HeaderEntry[] | undefined, name: string) =>
  headers?.find((h) => h.name.toLowerCase() === name)?.value;
