// screenshots.pdf with the longest names the app accepts: a reviewer's name of 120 characters, in Latin or Arabic
// letters, prints whole inside its signature box above "Signature:", and a school's name of 200 characters whole in
// its part of the footer, above the page's edge. Before, a long name ran over the other reviewer's box and off the
// page, or onto the signature line, and a long school name below the paper's edge. Names a hostile or careless hand
// could enter within those limits (wide letters, emoji, letters the fonts lack, control characters, line breaks) are
// set smaller, then shortened with "…", and never push a page's furniture onto a page of its own.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotsDocument } from '@shared/outputs/screenshots';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { pageRecordsOf, recordOf } from '@main/export/incident-bundle';
import { incidentPdfMarks } from '@main/export/pdf-stamp';
import { screenshotsPdf } from '@main/printing/screenshots-pdf';
import { chunksOf } from '@main/services/durable';
import { find, pagesOf, wordsOf, type Word } from '@test/helpers/pdf-words';
import { buildIncident } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

const MM = 72 / 25.4;
const PAGE_HEIGHT = 841.89;
/** The two signature boxes across the A4 page, left and right edges in points (14 mm margins, 4 mm apart). */
const BOXES = [
  { left: 14 * MM, right: 103 * MM },
  { left: 107 * MM, right: 196 * MM },
] as const;
/** The footer's left third, where the school's name goes. */
const FOOTER_RIGHT = (14 + 182 / 3) * MM;

/** The longest a staff name may be (the staff form's limit), in Latin and in Arabic letters. */
const LONG = {
  latin:
    'Dr Alexandra Catherine Montgomery Fitzwilliam Smythe OBE, Designated Safeguarding Lead and Deputy Head of Sixth'
      .padEnd(120, 'x')
      .slice(0, 120),
  arabic:
    'الدكتورة ألكسندرا كاثرين مونتغمري فيتزويليام سميث، مسؤولة الحماية المعينة ونائبة مدير المدرسة الثانوية العليا'
      .padEnd(120, 'ب')
      .slice(0, 120),
  /** The longest school name Settings take. */
  school:
    'The Very Long Name Of A Multi-Academy Trust Primary And Secondary School With Sixth Form College And Nursery '
      .repeat(2)
      .slice(0, 200),
};

/** Within the limits too, from a careless or hostile hand: a reviewer's name, and a school's name, of each kind. */
const HOSTILE = {
  names: [
    ['W'.repeat(120), '😴'.repeat(120)],
    ['中'.repeat(120), 'Ｗ'.repeat(120)],
    ['\u0001'.repeat(120), `${'A\n'.repeat(59)}A`],
    ['ᙱ'.repeat(120), 'ب'.repeat(120)],
  ],
  school: '\u202e'.repeat(200),
  /** A page's title in Chinese, with a unicorn and an ideographic space: DejaVu has none of them. */
  title: '中文标题 Chinese\u3000title 🦄',
  /** The longest description the page prints, in Bengali, which DejaVu lacks: each letter prints as a code. */
  description: 'আমি একজন ছাত্র '.repeat(60).slice(0, 900),
} as const;

const letters = (s: string): string => s.replace(/\s+/g, '');

interface Printed {
  words: Word[];
  pages: number;
  ref: string;
}

/** screenshots.pdf of the sample incident in practice, its first capture's page once for each pair of names. */
const print = async (
  names: readonly (readonly [string, string])[],
  school: string,
  values: { title?: string; description?: string } = {},
): Promise<Printed> => {
  const built = await buildIncident();
  const record = recordOf(built.store, SWGFL_TEMPLATE);
  const document = screenshotsDocument(record, { pages: pageRecordsOf(built.store) });
  const [first] = document.sheets;
  if (!first) throw new Error('the sample incident has no capture');
  const sheets = names.map(([a, b]) => ({
    ...first,
    rows: first.rows.map((r) =>
      r.label === 'Page title' && values.title
        ? { label: r.label, text: values.title }
        : r.label === 'Description' && values.description
          ? { label: r.label, text: values.description }
          : r,
    ),
    signers: [
      { ...first.signers[0], name: a },
      { ...first.signers[1], name: b },
    ] as const,
  }));
  const stream = screenshotsPdf({
    document: { ...document, sheets, footerLeft: school, practice: true, marking: 'OFFICIAL-SENSITIVE · PRACTICE' },
    image: (sha256) => built.store.getFile(sha256),
    marks: incidentPdfMarks(built.store.ref, built.store.journal.entries, 'screenshots'),
    createdAt: new Date('2026-11-24T10:00:00.000Z'),
  });
  const chunks: Uint8Array[] = [];
  for await (const c of chunksOf(stream)) chunks.push(c);
  const file = join(await tempDir(), 'screenshots.pdf');
  await writeFile(file, Buffer.concat(chunks));
  return { words: wordsOf(file), pages: pagesOf(file), ref: built.store.ref };
};

let long: Printed;
let hostile: Printed;

beforeAll(async () => {
  expect(LONG.latin).toHaveLength(120);
  expect(LONG.arabic).toHaveLength(120);
  expect(LONG.school).toHaveLength(200);
  long = await print(
    [
      [LONG.latin, LONG.arabic],
      ['A. Head', 'D. Lead'],
    ],
    LONG.school,
  );
  hostile = await print(HOSTILE.names, HOSTILE.school, HOSTILE);
});

/** The words printed in a signature box between its "Name:" and its "Signature:". */
const nameWords = ({ words }: Printed, page: number, box: 0 | 1): { label: Word; signature: Word; name: Word[] } => {
  const inBox = (w: Word) => w.page === page && w.x >= BOXES[box].left && w.x < BOXES[box].right;
  const label = words.find((w) => inBox(w) && w.text === 'Name:');
  const signature = words.find((w) => inBox(w) && w.text === 'Signature:');
  if (!label || !signature) throw new Error(`signature box ${box} on page ${page} is missing its labels`);
  const name = words.filter((w) => inBox(w) && w !== label && w.y >= label.y - 1 && w.y < signature.y);
  return { label, signature, name };
};

/** Every word of a name is inside its box and above its "Signature:", and nothing else of its page is below it. */
const expectInBox = (printed: Printed, page: number, box: 0 | 1): Word[] => {
  const { signature, name } = nameWords(printed, page, box);
  expect(name.length).toBeGreaterThan(0);
  for (const w of name) {
    expect(w.x).toBeGreaterThanOrEqual(BOXES[box].left);
    expect(w.right).toBeLessThanOrEqual(BOXES[box].right);
    expect(w.bottom).toBeLessThanOrEqual(signature.y + 0.5);
  }
  return name;
};

/** The school's name in a page's footer: the words in its left third, below the footer's marking's top. */
const footerWords = ({ words }: Printed, page: number): Word[] => {
  const marking = words.find((w) => w.page === page && w.text === 'OFFICIAL-SENSITIVE' && w.y > PAGE_HEIGHT / 2);
  return words.filter((w) => w.page === page && w.y > (marking?.y ?? PAGE_HEIGHT) - 2 && w.x < FOOTER_RIGHT);
};

const expectInFooter = (footer: readonly Word[]): void => {
  expect(footer.length).toBeGreaterThan(0);
  for (const w of footer) {
    expect(w.right).toBeLessThanOrEqual(FOOTER_RIGHT + 0.5);
    expect(w.bottom).toBeLessThanOrEqual(PAGE_HEIGHT - 5 * MM);
  }
};

describe('screenshots.pdf with the longest names the app accepts', () => {
  it("a 120-character reviewer's name prints whole inside its box, above the signature line", () => {
    const name = expectInBox(long, 1, 0);
    expect(letters(name.map((w) => w.text).join(''))).toBe(letters(LONG.latin));
  });

  it('a 120-character name in Arabic prints whole inside its box, above the signature line', () => {
    const name = expectInBox(long, 1, 1);
    for (const given of LONG.arabic.split(' ')) expect(() => find(name, given, 1)).not.toThrow();
  });

  it('a short name keeps the size of its label', () => {
    const { label, name } = nameWords(long, 2, 0);
    expect(name.map((w) => w.text)).toEqual(['A.', 'Head']);
    for (const w of name) {
      expect(w.bottom - w.y).toBeCloseTo(label.bottom - label.y, 1);
      expect(w.bottom).toBeCloseTo(label.bottom, 1);
    }
  });

  it("a 200-character school name prints whole in the footer's left third, above the paper's edge", () => {
    expect(long.pages).toBe(2);
    for (const page of [1, 2]) {
      const footer = footerWords(long, page);
      expect(letters(footer.map((w) => w.text).join(''))).toBe(letters(LONG.school));
      expectInFooter(footer);
    }
  });

  it("the header's words end before the practice marking centred beside them", () => {
    const { words, ref } = long;
    const marking = words.find((w) => w.page === 1 && w.text === 'OFFICIAL-SENSITIVE' && w.y < PAGE_HEIGHT / 2);
    const top = words.filter((w) => w.page === 1 && w.bottom <= (marking?.bottom ?? 0) + 2);
    const header = ['Screenshots', 'Incident', ref].map((t) => top.find((w) => w.text === t));
    for (const w of header) expect(w?.right).toBeLessThan(marking?.x ?? 0);
  });
});

describe('screenshots.pdf with names no school would choose, within the limits', () => {
  it('prints one page per capture: no name or school name pushes the page furniture onto a page of its own', () => {
    expect(hostile.pages).toBe(HOSTILE.names.length);
  });

  it('keeps every name inside its box and above its signature line, shortened with "…" when it must be', () => {
    for (const [i] of HOSTILE.names.entries()) for (const box of [0, 1] as const) expectInBox(hostile, i + 1, box);
    const wide = nameWords(hostile, 1, 0)
      .name.map((w) => w.text)
      .join('');
    expect(wide).toMatch(/^W{20,119}…$/);
  });

  it('prints letters the fonts cannot draw as their codes, never as empty boxes', () => {
    const chinese = nameWords(hostile, 2, 0)
      .name.map((w) => w.text)
      .join('');
    expect(chinese).toMatch(/^(\\u4e2d){10,}…$/);
    const fullWidth = nameWords(hostile, 2, 1)
      .name.map((w) => w.text)
      .join('');
    expect(fullWidth.startsWith('\\uff37\\uff37')).toBe(true);
    const page = hostile.words.filter((w) => w.page === 1).map((w) => w.text);
    expect(page.join(' ')).not.toContain('\u3000');
    for (const given of ['\\u4e2d\\u6587\\u6807\\u9898', 'Chinese', 'title', '\\u{1f984}'])
      expect(page).toContain(given);
  });

  it('keeps a school name of 200 direction marks in its part of the footer, each shown as its code', () => {
    for (const page of [1, 2, 3, 4]) {
      const footer = footerWords(hostile, page);
      expectInFooter(footer);
      expect(footer.map((w) => w.text).join('')).toMatch(/^(\\u202e)+/);
    }
  });

  it('cuts a value its codes make longer than it was stored, and says so, so the page keeps every row', () => {
    for (const page of [1, 2, 3, 4]) {
      const text = hostile.words.filter((w) => w.page === page).map((w) => w.text);
      for (const row of ['Address', 'Page', 'title', 'Time', 'SHA-256', 'Description', 'Record', 'Signature:'])
        expect(text).toContain(row);
      expect(text.join(' ')).toContain('(shortened here; the full text is on the incident form, capture 1)');
      const heading = hostile.words.find((w) => w.page === page && w.text === 'Screenshot');
      expect(heading?.y).toBeGreaterThan(40);
    }
    const bengali = hostile.words.filter((w) => w.page === 1 && w.text.startsWith('\\u09'));
    expect(bengali.length).toBeGreaterThan(5);
    expect(bengali.reduce((n, w) => n + w.text.length, 0)).toBeLessThanOrEqual(900);
  });

  it('prints a code inside Arabic text whole, its backslash and braces where they belong', async () => {
    const mixed = await print([['A. Head', 'D. Lead']], 'مدرسة 中 الابتدائية', { title: 'مرحبا 中文 بالعالم 🦄' });
    const page = mixed.words.filter((w) => w.page === 1).map((w) => w.text);
    for (const given of ['\\u4e2d\\u6587', '\\u{1f984}', '\\u4e2d']) expect(page).toContain(given);
    for (const w of page) expect(w).not.toMatch(/^u[0-9a-f]{4}|\\$|^\}|\{$/);
  });
});
