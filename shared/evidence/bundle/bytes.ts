// Bytes and text for shared/, whose library types have no TextEncoder: strict UTF-8 both ways, hex, and comparison.

export const utf8Encode = (s: string): Uint8Array => {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
};

interface StrictDecoder {
  decode(b: Uint8Array): string;
}

/**
 * The engine's own strict decoder, where there is one (Node and every browser have it, though shared/'s library types
 * do not say so): it refuses the same sequences as utf8DecodeInScript, and keeps a byte-order mark as it does.
 */
const engineDecoder = ((): StrictDecoder | null => {
  const Decoder = (
    globalThis as { TextDecoder?: new (label: string, o: { fatal: boolean; ignoreBOM: boolean }) => StrictDecoder }
  ).TextDecoder;
  return Decoder ? new Decoder('utf-8', { fatal: true, ignoreBOM: true }) : null;
})();

/** Strict UTF-8 decoding: null for any byte sequence that is not well-formed UTF-8. */
export const utf8Decode = (b: Uint8Array): string | null => {
  if (!engineDecoder) return utf8DecodeInScript(b);
  try {
    return engineDecoder.decode(b);
  } catch {
    return null;
  }
};

/** utf8Decode written out, for an engine without TextDecoder: as fast in a loop, but slow the first time through. */
export const utf8DecodeInScript = (b: Uint8Array): string | null => {
  const units: number[] = [];
  let text = '';
  const flush = () => {
    text += String.fromCharCode(...units);
    units.length = 0;
  };
  for (let i = 0; i < b.length;) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      // A run of ASCII, most of a journal: taken a slice at a time.
      let j = i + 1;
      while (j < b.length && j - i < 8192 && (b[j] ?? 0x80) < 0x80) j++;
      flush();
      text += String.fromCharCode(...b.subarray(i, j));
      i = j;
      continue;
    }
    let cp: number;
    let n: number;
    if (c < 0x80) [cp, n] = [c, 0];
    else if (c >= 0xc2 && c <= 0xdf) [cp, n] = [c & 31, 1];
    else if (c >= 0xe0 && c <= 0xef) [cp, n] = [c & 15, 2];
    else if (c >= 0xf0 && c <= 0xf4) [cp, n] = [c & 7, 3];
    else return null;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (d & 63);
    }
    if ((n === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)))
      return null;
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 1023));
    else units.push(cp);
    if (units.length >= 8192) flush();
    i += n + 1;
  }
  flush();
  return text;
};

export const bytesToHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export const hexToBytes = (hex: string): Uint8Array => {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
};

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
