// BagIt tag files (RFC 8493): writing the manifests and bag-info.txt, and reading them back without guessing.
import type { CryptoPort } from '../chain';
import { BUNDLE_FORMAT, INFO, type BagFile, type BagHeader, type PayloadDigest } from './bag-layout';

/** Each file's path, SHA-256 and size: what the manifest and Payload-Oxum say of it. */
export const digestsOf = (crypto: Pick<CryptoPort, 'sha256Hex'>, files: readonly BagFile[]): PayloadDigest[] =>
  files.map((f) => ({ path: f.path, sha256: crypto.sha256Hex(f.bytes), size: f.bytes.length }));

/** BagIt manifest lines: "<sha256>  <path>", LF; CR, LF and % in a path are percent-encoded (RFC 8493 2.1.3). */
export const manifestText = (files: readonly Pick<PayloadDigest, 'path' | 'sha256'>[]): string =>
  [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`)
    .join('');

/** One line per value: a tag value must not break its line. */
const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').trim();

export const bagInfoText = (spec: BagHeader, payload: readonly PayloadDigest[]): string => {
  const bytes = payload.reduce((n, f) => n + f.size, 0);
  const fields: [string, string][] = [
    ['Source-Organization', oneLine(spec.organisation)],
    ['External-Identifier', spec.ref],
    ['Internal-Sender-Description', oneLine(spec.description)],
    ['Bagging-Date', spec.baggingDate],
    ['Bag-Software-Agent', `Countersign ${oneLine(spec.version)}`],
    ['Payload-Oxum', `${bytes}.${payload.length}`],
    [INFO.format, String(BUNDLE_FORMAT)],
    [INFO.journalEntries, String(spec.journal.entries)],
    [INFO.journalHead, spec.journal.head],
  ];
  return fields.map(([k, v]) => `${k}: ${v}\n`).join('');
};

/** Tag-file lines, either LF or CRLF (RFC 8493 allows both); no final empty line. */
export const textLines = (s: string): string[] => {
  const lines = s.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

export interface ParsedBagInfo {
  /** Every value of each label, in order; a continuation line is joined to its value. */
  fields: Map<string, string[]>;
  /** Line numbers that are not "Label: value". */
  bad: number[];
}

export const parseBagInfo = (text: string): ParsedBagInfo => {
  const fields = new Map<string, string[]>();
  const bad: number[] = [];
  let last: { label: string; index: number } | null = null;
  textLines(text).forEach((line, i) => {
    if (/^[ \t]/.test(line) && last) {
      const values = fields.get(last.label) ?? [];
      values[last.index] = `${values[last.index] ?? ''} ${line.trim()}`;
      return;
    }
    const m = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(line);
    if (!m?.[1]) {
      bad.push(i + 1);
      return;
    }
    const values = fields.get(m[1]) ?? [];
    values.push((m[2] ?? '').trim());
    fields.set(m[1], values);
    last = { label: m[1], index: values.length - 1 };
  });
  return { fields, bad };
};

export interface ManifestLine {
  line: number;
  sha256: string;
  path: string;
}

export interface ParsedManifest {
  entries: ManifestLine[];
  bad: { line: number; why: string }[];
}

/** Parses a SHA-256 manifest; bad lines are named, never guessed at. */
export const parseManifest = (text: string): ParsedManifest => {
  const entries: ManifestLine[] = [];
  const bad: { line: number; why: string }[] = [];
  textLines(text).forEach((raw, i) => {
    const line = i + 1;
    const m = /^([0-9a-fA-F]{64})[ \t]+(.+)$/.exec(raw);
    if (!m?.[1] || !m[2]) {
      bad.push({ line, why: 'is not "<sha256>  <path>"' });
      return;
    }
    const path = m[2].replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
    if (
      path.startsWith('/') ||
      path.includes('\\') ||
      path.split('/').some((s) => s === '..' || s === '.' || s === '')
    ) {
      bad.push({ line, why: `names an unsafe path "${path}"` });
      return;
    }
    if (entries.some((e) => e.path === path)) {
      bad.push({ line, why: `lists ${path} a second time` });
      return;
    }
    entries.push({ line, sha256: m[1].toLowerCase(), path });
  });
  return { entries, bad };
};
