// Every passage, outcome, police reason, police-route step and isolation item a built-in profile gives is printed in
// its policy at the line it names: the screens quote the school's words, never a paraphrase.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES, QUOTE_KEYS, type PolicyProfile } from '@shared/policy/profile-registry';
import { readPolicy, type PolicyText } from './policy-source';

/** The template's words are those of the SWGfL copy at Forest (its notes say so). */
const FILE_OF: Record<string, string> = { 'swgfl-template': '000_e355d01dfdc378d2.txt' };

const fileOf = (p: PolicyProfile): string => {
  const file = p.source.file ?? FILE_OF[p.id];
  if (!file) throw new Error(`${p.id} names no policy file`);
  return file;
};

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const bulletless = (s: string): string => s.replace(/^\s*(?:·|•|-)\s*(?:o\s+)?/, '');

/** How far a passage may run on from the line it starts on (the flowchart's boxes are a line each). */
const SPAN = 12;

/**
 * Where the words are printed: each part between "…" in order, the first starting on the named line. A fragment
 * may begin with a capital the policy prints in lower case (a label shown at the start of a line), and nothing else
 * may differ but runs of spaces.
 */
const printedAt = (text: PolicyText, words: string, line: number): string | null => {
  const first = squash(bulletless(text.line(line)));
  const window = [first, ...text.lines.slice(line, line - 1 + SPAN).map((l) => squash(bulletless(l)))].join(' ');
  const parts = words
    .split('…')
    .map(squash)
    .filter((f) => f !== '');
  let from = 0;
  for (const [i, part] of parts.entries()) {
    const variants = [part, part.charAt(0).toLowerCase() + part.slice(1), part.charAt(0).toUpperCase() + part.slice(1)];
    const at = Math.min(...variants.map((v) => window.indexOf(v, from)).filter((n) => n >= 0));
    if (!Number.isFinite(at)) return `"${part}" is not printed at line ${line} or the ${SPAN} lines after`;
    if (i === 0 && at >= first.length) return `"${part}" does not start on line ${line}`;
    from = at + part.length;
  }
  return null;
};

interface Cited {
  what: string;
  text: string;
  line: number | undefined;
}

/** Every piece of a profile's procedure that claims to be the policy's words. */
const cited = (p: PolicyProfile): Cited[] => [
  ...QUOTE_KEYS.flatMap((k) => {
    const q = p.quotes?.[k];
    return q ? [{ what: `quotes.${k}`, text: q.text, line: q.line }] : [];
  }),
  ...Object.entries(p.outcomes ?? {}).map(([k, w]) => ({ what: `outcomes.${k}`, text: w.text, line: w.line })),
  ...(p.policeSteps ?? []).map((s, i) => ({ what: `policeSteps[${i}]`, text: s.text, line: s.line })),
  ...(p.isolation ?? []).map((w, i) => ({ what: `isolation[${i}]`, text: w.text, line: w.line })),
  ...p.policeReportable.flatMap((r) =>
    r.line === undefined ? [] : [{ what: `policeReportable ${r.id}`, text: r.label, line: r.line }],
  ),
];

describe.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))('%s', (_id, p) => {
  const text = readPolicy(fileOf(p));

  it('is in format 2 and gives its procedure in its own words, each with the line it is printed on', () => {
    expect(p.profileFormat).toBe(2);
    const all = cited(p);
    expect(all.length).toBeGreaterThan(8);
    for (const c of all) {
      expect(c.line, `${c.what} names its line`).toBeDefined();
      expect(printedAt(text, c.text, c.line ?? 1), c.what).toBeNull();
    }
  });

  it('names the section each passage comes from as the policy prints it', () => {
    for (const k of QUOTE_KEYS) {
      const q = p.quotes?.[k];
      if (!q) continue;
      const heading = q.from.replace(/^the /, '').replace(/[“”]/g, '');
      const printed = text.lines.some((l) =>
        squash(l.replace(/\[bookmark: [^\]]*\]/g, '').replace(/[“”]/g, '')).includes(heading),
      );
      expect(printed, `quotes.${k}: heading "${heading}"`).toBe(true);
    }
  });
});

describe('the checker', () => {
  const forest = readPolicy('000_e355d01dfdc378d2.txt');

  it('finds words at their line, across an elision, and refuses a wrong line or a paraphrase', () => {
    expect(printedAt(forest, 'Secure and preserve evidence.', 447)).toBeNull();
    expect(printedAt(forest, 'Debrief on online safety incident. … Implement changes.', 449)).toBeNull();
    expect(printedAt(forest, 'Secure and preserve evidence.', 446)).toMatch(/does not start on line 446/);
    expect(printedAt(forest, 'Keep the evidence safe.', 447)).toMatch(/is not printed/);
  });
});
