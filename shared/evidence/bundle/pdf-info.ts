// Reads a PDF's document information dictionary (Title, Subject, Countersign's keys) from its end, without loading the
// PDF: the last trailer, its cross-reference table and the one object they point to, each read within a fixed bound.
import { utf8Decode } from './bytes';

/** Bytes `start` to `start + length` of the PDF (fewer at its end). */
export type RangeReader = (start: number, length: number) => Promise<Uint8Array>;

export type PdfInfo = { ok: true; info: Map<string, string> } | { ok: false; why: string };

/** The most read for one cross-reference section (20 bytes an object: 400,000 objects) and for the Info object. */
const XREF_LIMIT = 8 * 1024 * 1024;
const OBJECT_LIMIT = 64 * 1024;
/** Incremental updates followed back through /Prev. */
const MAX_SECTIONS = 16;
const MAX_DEPTH = 32;

type PdfValue =
  | { t: 'string'; bytes: number[] }
  | { t: 'name'; v: string }
  | { t: 'number'; v: number }
  | { t: 'ref'; num: number; gen: number }
  | { t: 'dict'; v: Map<string, PdfValue> }
  | { t: 'array'; v: PdfValue[] }
  | { t: 'other' };

/** One character per byte, so that offsets in the text are offsets in the bytes. */
const latin1 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
};

const WHITE = '\0\t\n\f\r ';
const DELIMITERS = `${WHITE}()<>[]{}/%`;

class ParseError extends Error {}

/** The PDF object syntax (ISO 32000-1, 7.3), as much of it as a trailer and an Info dictionary use. */
class ObjectParser {
  constructor(
    private readonly s: string,
    public pos = 0,
  ) {}

  skipWhite(): void {
    for (;;) {
      const c = this.s[this.pos];
      if (c === undefined) return;
      if (WHITE.includes(c)) this.pos++;
      else if (c === '%') while (this.pos < this.s.length && !'\r\n'.includes(this.s[this.pos] ?? '')) this.pos++;
      else return;
    }
  }

  keyword(word: string): boolean {
    this.skipWhite();
    if (!this.s.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  integer(): number {
    this.skipWhite();
    const m = /^\d{1,12}/.exec(this.s.slice(this.pos, this.pos + 12));
    if (!m) throw new ParseError(`expected a number at byte ${this.pos}`);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new ParseError('objects nested too deeply');
    this.skipWhite();
    const c = this.s[this.pos];
    if (c === undefined) throw new ParseError('the object is cut short');
    if (this.s.startsWith('<<', this.pos)) return this.dict(depth);
    if (c === '<') return this.hexString();
    if (c === '(') return this.literalString();
    if (c === '/') return { t: 'name', v: this.name() };
    if (c === '[') {
      this.pos++;
      const v: PdfValue[] = [];
      while (!this.keyword(']')) v.push(this.value(depth + 1));
      return { t: 'array', v };
    }
    const num = /^[+-]?(?:\d+\.?\d*|\.\d+)/.exec(this.s.slice(this.pos, this.pos + 40));
    if (num) {
      this.pos += num[0].length;
      const ref = /^\s+(\d{1,10})\s+R(?=[\s()<>[\]{}/%]|$)/.exec(this.s.slice(this.pos, this.pos + 24));
      if (ref && /^\d+$/.test(num[0])) {
        this.pos += ref[0].length;
        return { t: 'ref', num: Number(num[0]), gen: Number(ref[1]) };
      }
      return { t: 'number', v: Number(num[0]) };
    }
    for (const word of ['true', 'false', 'null']) if (this.keyword(word)) return { t: 'other' };
    throw new ParseError(`unexpected "${c}" at byte ${this.pos}`);
  }

  private dict(depth: number): PdfValue {
    this.pos += 2;
    const v = new Map<string, PdfValue>();
    while (!this.keyword('>>')) {
      this.skipWhite();
      if (this.s[this.pos] !== '/') throw new ParseError(`expected a key at byte ${this.pos}`);
      const key = this.name();
      v.set(key, this.value(depth + 1));
    }
    return { t: 'dict', v };
  }

  private name(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.s[this.pos];
      if (c === undefined || DELIMITERS.includes(c)) return out;
      if (c === '#' && /^[0-9A-Fa-f]{2}$/.test(this.s.slice(this.pos + 1, this.pos + 3))) {
        out += String.fromCharCode(parseInt(this.s.slice(this.pos + 1, this.pos + 3), 16));
        this.pos += 3;
      } else {
        out += c;
        this.pos++;
      }
    }
  }

  private hexString(): PdfValue {
    const end = this.s.indexOf('>', this.pos);
    if (end < 0) throw new ParseError('a hex string is not closed');
    const hex = this.s.slice(this.pos + 1, end).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new ParseError('a hex string holds other characters');
    this.pos = end + 1;
    const even = hex.length % 2 === 0 ? hex : `${hex}0`;
    const bytes: number[] = [];
    for (let i = 0; i < even.length; i += 2) bytes.push(parseInt(even.slice(i, i + 2), 16));
    return { t: 'string', bytes };
  }

  private literalString(): PdfValue {
    const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    this.pos++;
    const bytes: number[] = [];
    let open = 1;
    for (;;) {
      const c = this.s[this.pos++];
      if (c === undefined) throw new ParseError('a string is not closed');
      if (c === '\\') {
        const e = this.s[this.pos++] ?? '';
        const octal = /^[0-7]{1,3}/.exec(this.s.slice(this.pos - 1, this.pos + 2));
        if (octal) {
          bytes.push(parseInt(octal[0], 8) & 255);
          this.pos += octal[0].length - 1;
        } else if (e === '\r') {
          if (this.s[this.pos] === '\n') this.pos++;
        } else if (e !== '\n') bytes.push(ESCAPES[e] ?? e.charCodeAt(0));
        continue;
      }
      if (c === '(') open++;
      if (c === ')' && --open === 0) return { t: 'string', bytes };
      bytes.push(c.charCodeAt(0));
    }
  }
}

/** A PDF text string: UTF-16BE after its byte-order mark, UTF-8 after its BOM, otherwise one byte a character. */
const textOf = (bytes: readonly number[]): string => {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      s += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return s;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return utf8Decode(Uint8Array.from(bytes.slice(3))) ?? String.fromCharCode(...bytes);
  return String.fromCharCode(...bytes);
};

interface XrefSection {
  offsets: Map<number, { offset: number; gen: number; free: boolean }>;
  trailer: Map<string, PdfValue>;
}

/** A cross-reference table ("xref", subsections of 20-byte entries) and the trailer dictionary after it. */
const parseXrefSection = (text: string): XrefSection => {
  const p = new ObjectParser(text);
  if (!p.keyword('xref')) {
    throw new ParseError(
      'its cross-reference data is not a table (a cross-reference stream?); Countersign writes a table',
    );
  }
  const offsets = new Map<number, { offset: number; gen: number; free: boolean }>();
  while (!p.keyword('trailer')) {
    const first = p.integer();
    const count = p.integer();
    p.skipWhite();
    for (let i = 0; i < count; i++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(text.slice(p.pos, p.pos + 18));
      if (!entry) throw new ParseError(`cross-reference entry ${first + i} is not "nnnnnnnnnn ggggg n"`);
      offsets.set(first + i, { offset: Number(entry[1]), gen: Number(entry[2]), free: entry[3] === 'f' });
      p.pos += 20;
    }
  }
  const trailer = p.value();
  if (trailer.t !== 'dict') throw new ParseError('the trailer is not a dictionary');
  return { offsets, trailer: trailer.v };
};

/**
 * The string entries of the PDF's document information dictionary. `tail` is the end of the file (its last bytes,
 * `size` in all); anything before it is fetched with `read`, within fixed bounds.
 */
export const readPdfInfo = async (tail: Uint8Array, size: number, read: RangeReader): Promise<PdfInfo> => {
  const tailStart = size - tail.length;
  const bytesAt = async (start: number, limit: number): Promise<Uint8Array> => {
    const length = Math.min(limit, size - start);
    return start >= tailStart ? tail.subarray(start - tailStart, start - tailStart + length) : read(start, length);
  };
  try {
    const end = latin1(tail.subarray(Math.max(0, tail.length - 1024)));
    const sx = /startxref\s+(\d{1,12})\s+%%EOF\s*$/.exec(end);
    if (!sx) return { ok: false, why: 'it does not end with "startxref" and "%%EOF": it is not a complete PDF' };
    let at: number | null = Number(sx[1]);
    let info: { num: number; gen: number } | null = null;
    const seen = new Set<number>();
    for (let n = 0; at !== null && n < MAX_SECTIONS; n++) {
      if (at >= size || seen.has(at)) return { ok: false, why: 'its cross-reference offsets point nowhere' };
      seen.add(at);
      if (size - at > XREF_LIMIT && at < tailStart)
        return { ok: false, why: 'its cross-reference table is larger than this verifier reads' };
      const section = parseXrefSection(latin1(await bytesAt(at, XREF_LIMIT)));
      const ref = section.trailer.get('Info');
      if (!info && ref?.t === 'ref') info = { num: ref.num, gen: ref.gen };
      if (!info && ref) return { ok: false, why: 'its trailer names no information dictionary' };
      const entry = info ? section.offsets.get(info.num) : undefined;
      if (info && entry) {
        if (entry.free || entry.gen !== info.gen) return { ok: false, why: 'its information dictionary was deleted' };
        const obj = new ObjectParser(latin1(await bytesAt(entry.offset, OBJECT_LIMIT)));
        if (obj.integer() !== info.num || obj.integer() !== info.gen || !obj.keyword('obj'))
          return { ok: false, why: 'its cross-reference table does not point at its information dictionary' };
        const dict = obj.value();
        if (dict.t !== 'dict') return { ok: false, why: 'its information dictionary is not a dictionary' };
        const out = new Map<string, string>();
        for (const [k, v] of dict.v) if (v.t === 'string') out.set(k, textOf(v.bytes));
        return { ok: true, info: out };
      }
      const prev = section.trailer.get('Prev');
      at = prev?.t === 'number' ? prev.v : null;
    }
    return { ok: false, why: 'it has no document information dictionary (no /Info in its trailer)' };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, why: `it cannot be read as a PDF: ${e.message}` };
    throw e;
  }
};
