// Every word of a PDF where it is printed, read with pdftotext -bbox: what a reader of the page sees, and where.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

export interface Word {
  text: string;
  x: number;
  right: number;
  y: number;
  bottom: number;
  page: number;
}

/** Every word pdftotext finds, where it is: a right-to-left word comes out in the order its letters are seen. */
export const wordsOf = (file: string): Word[] => {
  const out = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  const words: Word[] = [];
  let page = 0;
  for (const line of out.stdout.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (m)
      words.push({
        x: Number(m[1]),
        y: Number(m[2]),
        right: Number(m[3]),
        bottom: Number(m[4]),
        text: m[5] ?? '',
        page,
      });
  }
  return words;
};

/** The printed word that is `word`, seen in either order of its letters, on the given page. */
export const find = (words: readonly Word[], word: string, page: number): Word => {
  const seen = [word, Array.from(word).reverse().join('')];
  const found = words.find((w) => w.page === page && seen.includes(w.text));
  if (!found) throw new Error(`"${word}" is not on page ${page}: ${words.map((w) => w.text).join(' ')}`);
  return found;
};

/** How many pages the PDF has, as pdfinfo reads it. */
export const pagesOf = (file: string): number => {
  const out = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return Number(/^Pages:\s+(\d+)/m.exec(out.stdout)?.[1]);
};
