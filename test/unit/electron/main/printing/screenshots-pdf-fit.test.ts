// screenshots.pdf with the longest names the app accepts: a reviewer's name of 120 characters, in Latin or Arabic
// letters, prints whole inside its signature box above "Signature:", and a school's name of 200 characters whole in
// its part of the footer, above the page's edge. Before, a long name ran over the other reviewer's box and off the
// page, or onto the signature line, and a long school name below the paper's edge.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotsDocument } from '@shared/outputs/screenshots';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { pageRecordsOf, recordOf } from '@main/export/incident-bundle';
import { incidentPdfMarks } from '@main/export/pdf-stamp';
import { screenshotsPdf } from '@main/printing/screenshots-pdf';
import { chunksOf } from '@main/services/durable';
import { find, wordsOf, type Word } from '@test/helpers/pdf-words';
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

const letters = (s: string): string => s.replace(/\s+/g, '');

let words: Word[];
let ref: string;

beforeAll(async () => {
  const built = await buildIncident();
  ref = built.store.ref;
  const record = recordOf(built.store, SWGFL_TEMPLATE);
  const document = screenshotsDocument(record, { pages: pageRecordsOf(built.store) });
  expect(LONG.latin).toHaveLength(120);
  expect(LONG.arabic).toHaveLength(120);
  expect(LONG.school).toHaveLength(200);
  const sheets = document.sheets.map((s, i) =>
    i === 0
      ? {
          ...s,
          signers: [
            { ...s.signers[0], name: LONG.latin },
            { ...s.signers[1], name: LONG.arabic },
          ],
        }
      : s,
  ) as typeof document.sheets;
  const stream = screenshotsPdf({
    document: {
      ...document,
      sheets,
      footerLeft: LONG.school,
      practice: true,
      marking: 'OFFICIAL-SENSITIVE · PRACTICE',
    },
    image: (sha256) => built.store.getFile(sha256),
    marks: incidentPdfMarks(built.store.ref, built.store.journal.entries, 'screenshots'),
    createdAt: new Date('2026-11-24T10:00:00.000Z'),
  });
  const chunks: Uint8Array[] = [];
  for await (const c of chunksOf(stream)) chunks.push(c);
  const file = join(await tempDir(), 'screenshots.pdf');
  await writeFile(file, Buffer.concat(chunks));
  words = wordsOf(file);
});

/** The words printed in a signature box between its "Name:" and its "Signature:". */
const nameWords = (page: number, box: 0 | 1): { label: Word; signature: Word; name: Word[] } => {
  const inBox = (w: Word) => w.page === page && w.x >= BOXES[box].left && w.x < BOXES[box].right;
  const label = words.find((w) => inBox(w) && w.text === 'Name:');
  const signature = words.find((w) => inBox(w) && w.text === 'Signature:');
  if (!label || !signature) throw new Error(`signature box ${box} on page ${page} is missing its labels`);
  const name = words.filter((w) => inBox(w) && w !== label && w.y >= label.y - 1 && w.y < signature.y);
  return { label, signature, name };
};

describe('screenshots.pdf with the longest names the app accepts', () => {
  it("a 120-character reviewer's name prints whole inside its box, above the signature line", () => {
    const { signature, name } = nameWords(1, 0);
    expect(letters(name.map((w) => w.text).join(''))).toBe(letters(LONG.latin));
    for (const w of name) {
      expect(w.right).toBeLessThanOrEqual(BOXES[0].right);
      expect(w.bottom).toBeLessThanOrEqual(signature.y + 0.5);
    }
  });

  it('a 120-character name in Arabic prints whole inside its box, above the signature line', () => {
    const { signature, name } = nameWords(1, 1);
    for (const given of LONG.arabic.split(' ')) expect(name).toContainEqual(find(name, given, 1));
    for (const w of name) {
      expect(w.right).toBeLessThanOrEqual(BOXES[1].right);
      expect(w.bottom).toBeLessThanOrEqual(signature.y + 0.5);
    }
  });

  it('a short name keeps the size of its label', () => {
    const { label, name } = nameWords(2, 0);
    expect(name.length).toBeGreaterThan(0);
    for (const w of name) expect(w.bottom - w.y).toBeCloseTo(label.bottom - label.y, 0);
  });

  it("a 200-character school name prints whole in the footer's left third, above the paper's edge", () => {
    for (const page of [1, 2]) {
      const marking = words.find((w) => w.page === page && w.text === 'OFFICIAL-SENSITIVE' && w.y > PAGE_HEIGHT / 2);
      const footer = words.filter(
        (w) => w.page === page && w.y > (marking?.y ?? PAGE_HEIGHT) - 2 && w.x < FOOTER_RIGHT,
      );
      expect(letters(footer.map((w) => w.text).join(''))).toBe(letters(LONG.school));
      for (const w of footer) {
        expect(w.right).toBeLessThanOrEqual(FOOTER_RIGHT + 0.5);
        expect(w.bottom).toBeLessThanOrEqual(PAGE_HEIGHT - 5 * MM);
      }
    }
  });

  it("the header's words end before the practice marking centred beside them", () => {
    const marking = words.find((w) => w.page === 1 && w.text === 'OFFICIAL-SENSITIVE' && w.y < PAGE_HEIGHT / 2);
    const top = words.filter((w) => w.page === 1 && w.bottom <= (marking?.bottom ?? 0) + 2);
    const header = ['Screenshots', 'Incident', ref].map((t) => top.find((w) => w.text === t));
    for (const w of header) expect(w?.right).toBeLessThan(marking?.x ?? 0);
  });
});
