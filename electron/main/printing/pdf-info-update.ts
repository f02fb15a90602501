// The document information of a streamed PDF, written as an incremental update (ISO 32000-1, 7.5.6) after the PDF
// is complete: PDFKit writes each value as an object of its own, and a reader that looks only at the end of the file
// (the bundle verifier) needs the strings in the dictionary itself.

export type InfoValue = string | Date;

/** The last trailer of a PDF that PDFKit wrote: its size, root, identifier and cross-reference offset. */
const TRAILER_RE = new RegExp(
  [
    'trailer\\s*<<\\s*/Size (\\d+)\\s*/Root (\\d+) (\\d+) R\\s*/Info \\d+ \\d+ R\\s*',
    '(/ID \\[<[0-9a-fA-F]*> <[0-9a-fA-F]*>\\])?\\s*>>\\s*startxref\\s*(\\d+)\\s*%%EOF\\s*$',
  ].join(''),
);

/** A PDF text string: printable ASCII as a literal string, anything else as UTF-16BE with its byte-order mark. */
export const pdfTextString = (s: string): string => {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
};

/** A PDF date, "D:YYYYMMDDHHmmSSZ", in UTC. */
export const pdfDate = (d: Date): string => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/**
 * The bytes to append to a complete PDF (`tail` its last bytes, `length` its size) so that its document information
 * is `info`, every value a direct string. Throws if the tail is not a trailer PDFKit writes.
 */
export const infoUpdate = (tail: Uint8Array, length: number, info: Readonly<Record<string, InfoValue>>): Uint8Array => {
  const m = TRAILER_RE.exec(Buffer.from(tail).toString('latin1'));
  if (!m) throw new Error('the PDF does not end with the trailer PDFKit writes');
  const [, size, root, rootGen, id, prev] = m;
  const num = Number(size);
  const entries = Object.entries(info)
    .map(([k, v]) => `/${k} ${v instanceof Date ? pdfDate(v) : pdfTextString(v)}`)
    .join('\n');
  const object = `${num} 0 obj\n<<\n${entries}\n>>\nendobj\n`;
  const xrefAt = length + Buffer.byteLength(object, 'latin1');
  const xref = `xref\n${num} 1\n${String(length).padStart(10, '0')} 00000 n \n`;
  const trailer =
    `trailer\n<<\n/Size ${num + 1}\n/Root ${root} ${rootGen} R\n/Info ${num} 0 R\n${id ? `${id}\n` : ''}` +
    `/Prev ${prev}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(object + xref + trailer, 'latin1');
};
