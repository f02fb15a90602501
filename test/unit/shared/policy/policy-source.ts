// Reads the tables of the flattened policy texts in test/fixtures/policies, so tests compare profiles with what is
// printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from '@test/helpers/repo';

export const POLICIES_DIR = repoPath('test/fixtures/policies/');

/** A policy's text as lines; `line(n)` is 1-based like an editor's line numbers. */
export interface PolicyText {
  file: string;
  lines: readonly string[];
  line(n: number): string;
}

export const readPolicy = (file: string): PolicyText => {
  const lines = readFileSync(path.join(POLICIES_DIR, file), 'utf8').split(/\r?\n/);
  return {
    file,
    lines,
    line: (n) => {
      const l = lines[n - 1];
      if (l === undefined) throw new Error(`${file} has no line ${n}`);
      return l;
    },
  };
};

/** One table row as printed: the 1-based line it starts on and its cells, trimmed. */
export interface SourceRow {
  line: number;
  fields: string[];
}

/**
 * Tables flattened one row per line with tab-separated cells (policies 002 and 004).
 * Lines that are blank after trimming are page or paragraph breaks, not rows.
 */
export const tabRows = (text: PolicyText, from: number, to: number): SourceRow[] => {
  const rows: SourceRow[] = [];
  for (let n = from; n <= to; n++) {
    const l = text.line(n);
    if (l.trim() === '') continue;
    rows.push({ line: n, fields: l.split('\t').map((f) => f.trim()) });
  }
  return rows;
};

/**
 * Tables flattened one cell per line (policy 000): a line starting with a tab opens a cell, a line without
 * one continues the cell above (a second paragraph, as in the staff table's "X" marks), and an empty line
 * ends the row once it has at least `minCells` cells. Before that an empty line is an empty paragraph:
 * the text alone cannot tell the two apart, so the table's width decides, as a reader counting columns would.
 */
export const cellRows = (text: PolicyText, from: number, to: number, minCells: number): SourceRow[] => {
  const rows: SourceRow[] = [];
  let cur: { line: number; cells: string[][] } | null = null;
  const close = () => {
    if (cur && cur.cells.length > 0) rows.push({ line: cur.line, fields: cur.cells.map((c) => c.join('\n').trim()) });
    cur = null;
  };
  for (let n = from; n <= to; n++) {
    const l = text.line(n);
    if (l.startsWith('\t')) {
      cur ??= { line: n, cells: [] };
      cur.cells.push([l.slice(1)]);
    } else if (l.trim() === '') {
      if (!cur || cur.cells.length >= minCells) close();
      else cur.cells.at(-1)?.push('');
    } else {
      const last = cur?.cells.at(-1);
      if (!last) throw new Error(`${text.file}:${n}: text outside a cell`);
      last.push(l);
    }
  }
  close();
  return rows;
};

/** A printed tick: the policies mark with "X" or "x"; anything else in a cell is a transcription surprise. */
export const isTick = (cell: string): boolean => {
  if (cell === '') return false;
  if (/^x$/i.test(cell)) return true;
  throw new Error(`unexpected cell content ${JSON.stringify(cell)}`);
};
