// Strict UTF-8 without TextEncoder, byte for byte as Node encodes it.
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8DecodeInScript, utf8Encode } from '@shared/evidence/bundle/bytes';

describe('UTF-8 without TextEncoder', () => {
  it('round-trips text in every plane, byte for byte as Node encodes it', () => {
    const s = 'Ascii, café, 中文, emoji 🙂, € and \u2028';
    expect(Buffer.from(utf8Encode(s))).toEqual(Buffer.from(s, 'utf8'));
    expect(utf8Decode(Buffer.from(s, 'utf8'))).toBe(s);
    expect(utf8DecodeInScript(Buffer.from(s, 'utf8'))).toBe(s);
  });

  it("keeps a byte-order mark as the character it is, with the engine's decoder as without it", () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(utf8Decode(bom)).toBe('\ufeff{}');
    expect(utf8DecodeInScript(bom)).toBe('\ufeff{}');
  });

  it('refuses malformed UTF-8: overlong, surrogate, truncated, stray bytes', () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff], [0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(utf8Decode(Uint8Array.from(bad))).toBeNull();
      expect(utf8DecodeInScript(Uint8Array.from(bad))).toBeNull();
    }
  });
});
