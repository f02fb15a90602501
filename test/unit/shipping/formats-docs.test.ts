// docs/formats/ keeps up with the code: every entry kind and its fields, every scenario step, every command and
// option, every problem and error code, and every version number there is read from the code it describes.
import { readdir, readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BAGIT_TXT, BUNDLE_FORMAT, KNOWN_FORMATS, PAYLOAD, TAG_FILES } from '@shared/evidence/bundle/bag-layout';
import { CHECKS, PROBLEM_CHECK } from '@shared/evidence/bundle/bundle-report';
import { bagInfoText } from '@shared/evidence/bundle/tag-files';
import { URL_COLUMNS } from '@shared/evidence/bundle/urls-csv';
import { headMessage, signoffMessage } from '@shared/evidence/chain';
import { ENTRY_DATA, ENTRY_KINDS } from '@shared/evidence/entries';
import { deletionMessage, TombstoneSchema } from '@shared/evidence/tombstone';
import { RECORD_FORMAT, RECORD_VERSION } from '@shared/outputs/record';
import { IncidentRecordSchema } from '@shared/outputs/record-schema';
import {
  BUILT_IN_PROFILES,
  CONTACT_KEYS,
  PolicyProfileSchema,
  PROFILE_FORMAT,
  QUOTE_KEYS,
} from '@shared/policy/profile-registry';
import { ERROR_CODES } from '@shared/result';
import { ScenarioSchema, StepSchema } from '@shared/scenario/scenario-schema';
import { USAGE } from '@main/cli/countersign-cli';
import { BACKUP_INFO, BACKUP_MANIFEST, BACKUP_VAULT_DIR } from '@main/services/backup';
import { repoPath } from '@test/helpers/repo';

const DIR = 'docs/formats/';
const doc = (name: string): Promise<string> => readFile(repoPath(`${DIR}${name}`), 'utf8');

/** The text under each heading of the given level, by the heading's text (backticks removed). */
const sections = (markdown: string, level: number): Map<string, string> => {
  const out = new Map<string, string>();
  const marker = `${'#'.repeat(level)} `;
  let current: string | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith(marker)) {
      current = line.slice(marker.length).replace(/`/g, '').trim();
      out.set(current, '');
    } else if (/^#{1,6} /.test(line) && line.indexOf(' ') <= level) {
      current = null;
    } else if (current !== null) {
      out.set(current, `${out.get(current) ?? ''}${line}\n`);
    }
  }
  return out;
};

/** The first cells of a markdown table's rows, backticks removed. */
const firstCells = (markdown: string): string[] => [...markdown.matchAll(/^\| `([^`|]+)` \|/gm)].map((m) => m[1] ?? '');

const keysOf = (schema: unknown): string[] => {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (!shape) throw new Error('not an object schema');
  return Object.keys(shape);
};

describe('docs/formats/journal.md', async () => {
  const text = await doc('journal.md');
  const kinds = sections(text, 3);

  it('documents every entry kind, and no kind the code does not have', () => {
    expect(ENTRY_KINDS.length).toBeGreaterThan(30);
    expect([...kinds.keys()].filter((k) => k.includes('.')).sort()).toEqual([...ENTRY_KINDS].sort());
  });

  it("lists every data field of every kind in that kind's section, and only those", () => {
    for (const kind of ENTRY_KINDS) {
      const fields = keysOf(ENTRY_DATA[kind]);
      expect(firstCells(kinds.get(kind) ?? '').sort(), kind).toEqual([...fields].sort());
    }
  });

  it('gives the signed messages and the genesis as the code makes them', () => {
    const head = headMessage(7, 'h').split('\n')[0] ?? '';
    const signoff = signoffMessage('REF', 'd').split('\n')[0] ?? '';
    expect(head).toBe('countersign head v1');
    expect(text).toContain(head);
    expect(text).toContain(signoff);
    expect(text).toContain('64 zeros');
  });
});

describe('docs/formats/scenario.md', async () => {
  const text = await doc('scenario.md');
  const steps = sections(text, 3);

  it('documents every step, and no step the code does not have', () => {
    const dos = StepSchema.options.map((o) => o.shape.do.value);
    expect(dos.length).toBeGreaterThan(15);
    expect([...steps.keys()].sort()).toEqual([...dos].sort());
  });

  it("names every field of every step in that step's section", () => {
    for (const option of StepSchema.options) {
      const name = option.shape.do.value;
      for (const field of Object.keys(option.shape).filter((f) => f !== 'do'))
        expect(steps.get(name), `${name}.${field}`).toContain(`\`${field}\``);
    }
  });

  it('lists every field of the file and of its incident', () => {
    const top = sections(text, 2).get('The file') ?? '';
    const cells = firstCells(top);
    expect(cells).toEqual(expect.arrayContaining(keysOf(ScenarioSchema)));
    expect(cells).toEqual(expect.arrayContaining(keysOf(ScenarioSchema.shape.incident)));
    expect(ScenarioSchema.shape.version.value).toBe(1);
    expect(text).toContain('# The scenario format (version 1)');
  });

  it('has an example that is a valid scenario, every step of it valid', () => {
    const json = /```json\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    const parsed = ScenarioSchema.parse(JSON.parse(json));
    expect(parsed.incident.steps.length).toBeGreaterThan(5);
    for (const step of parsed.incident.steps)
      expect(StepSchema.safeParse(step).success, JSON.stringify(step)).toBe(true);
  });
});

describe('docs/formats/command-line.md', async () => {
  const text = await doc('command-line.md');
  const commands = sections(text, 2);

  it('documents every command and option in the usage text', () => {
    const named = [...new Set([...USAGE.matchAll(/^\s+countersign ((?:--)?[\w-]+)/gm)].map((m) => m[1] ?? ''))];
    expect(named.length).toBeGreaterThan(3);
    for (const c of named) expect(commands.has(`countersign ${c}`), c).toBe(true);
    for (const option of new Set(USAGE.match(/--[a-z-]+/g))) expect(text, option).toContain(option);
  });

  it('gives the three exit codes and every error code', () => {
    expect(firstCells(commands.get('Exit codes') ?? '')).toEqual(['0', '1', '2']);
    expect(firstCells(commands.get('Error codes') ?? '')).toEqual([...ERROR_CODES]);
  });
});

describe('docs/formats/bundle.md', async () => {
  const text = await doc('bundle.md');

  it('lists every check and every problem code, each under its check', () => {
    const checks = firstCells(sections(text, 2).get('What countersign verify checks') ?? '');
    expect(checks.slice(0, Object.keys(CHECKS).length)).toEqual(Object.keys(CHECKS));
    const rows = [...text.matchAll(/^\| `([A-Z_]+)` \| ([a-z-]+) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(PROBLEM_CHECK));
  });

  it('gives bagit.txt as written, and every bag-info.txt label in the order written', () => {
    expect(text).toContain(BAGIT_TXT);
    const written = bagInfoText(
      {
        ref: 'CS-1',
        organisation: 'School',
        version: '1',
        baggingDate: '2026-11-24',
        description: 'd',
        journal: { entries: 1, head: 'h' },
      },
      [],
    )
      .trim()
      .split('\n')
      .map((l) => l.split(':')[0]);
    const bagInfo = sections(text, 3).get('bag-info.txt') ?? '';
    expect(firstCells(bagInfo)).toEqual(written);
    expect(bagInfo).toContain(`| \`Countersign-Bundle-Format\` | \`${BUNDLE_FORMAT}\`.`);
  });

  it('names every tag and payload file and every urls.csv column', () => {
    for (const p of [...Object.values(TAG_FILES), ...Object.values(PAYLOAD)]) expect(text, p).toContain(p.slice(5));
    expect(firstCells(sections(text, 3).get('data/urls.csv') ?? '')).toEqual([...URL_COLUMNS]);
  });
});

describe('docs/formats/incident-json.md', async () => {
  const text = await doc('incident-json.md');

  it('describes every field of the record, in order, and its format and version', () => {
    const fields = firstCells(text).map((f) => f.split('.')[0]);
    expect([...new Set(fields)]).toEqual(keysOf(IncidentRecordSchema));
    expect(text).toContain(`Always \`"${RECORD_FORMAT}"\``);
    expect(text).toContain(`Format version, \`${RECORD_VERSION}\``);
  });
});

describe('docs/formats/policy-profile.md', async () => {
  const text = await doc('policy-profile.md');

  it('describes every field of a profile, in order, every contact and every quoted passage', () => {
    const file = (sections(text, 2).get('The file') ?? '').split('\n### ')[0] ?? '';
    expect(firstCells(file)).toEqual(keysOf(PolicyProfileSchema));
    for (const key of CONTACT_KEYS) expect(sections(text, 3).get('contacts'), key).toContain(`\`${key}\``);
    expect(firstCells(sections(text, 3).get('quotes') ?? '')).toEqual([...QUOTE_KEYS]);
  });

  it('gives the format this version writes and lists every built-in profile with its text', () => {
    expect(text).toContain(`# The policy profile (format ${PROFILE_FORMAT})`);
    const rows = firstCells(sections(text, 2).get('The built-in profiles') ?? '');
    expect(rows).toEqual(BUILT_IN_PROFILES.map((p) => p.id));
    for (const p of BUILT_IN_PROFILES) if (p.source.file) expect(text).toContain(`\`${p.source.file}\``);
  });
});

describe('docs/formats/versions.md', async () => {
  const text = await doc('versions.md');
  const row = (start: string): string[] =>
    (text.split('\n').find((l) => l.startsWith(`| ${start}`)) ?? '').split('|').map((c) => c.trim());

  it('gives the versions the code writes and reads', () => {
    expect(row('Evidence bundle').slice(3, 5)).toEqual([
      `\`${BUNDLE_FORMAT}\``,
      KNOWN_FORMATS.map((f) => `\`${f}\``).join(', '),
    ]);
    expect(row('`incident.json`')[3]).toBe(`\`${RECORD_VERSION}\``);
    expect(row('Scenario')[4]).toBe(`\`${ScenarioSchema.shape.version.value}\``);
    expect(row('Policy profile files')[3]).toBe(`\`${PROFILE_FORMAT}\``);
  });
});

describe('docs/formats/README.md', async () => {
  const text = await doc('README.md');

  it('links every page of the folder, and every link of every page leads to a file that exists', async () => {
    const pages = (await readdir(repoPath(DIR))).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const p of pages) expect(text, p).toContain(`](${p})`);
    for (const page of [...pages, 'README.md']) {
      for (const m of (await doc(page)).matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g))
        await expect(stat(repoPath(`${DIR}${m[1] ?? ''}`)), `${page} links to ${m[1]}`).resolves.toBeTruthy();
    }
  });
});

describe('docs/formats/deletions.md and backup.md', async () => {
  it('lists every tombstone field, in order, and the deletion message as the code makes it', async () => {
    const text = await doc('deletions.md');
    expect(firstCells(text)).toEqual(keysOf(TombstoneSchema));
    const crypto = { sha256Hex: () => 'r', verify: () => false, fingerprint: () => '' };
    expect(text).toContain(deletionMessage(crypto, '<ref>', '<journal head>', '').split('\n')[0] ?? '-');
  });

  it('names every file of a backup folder', async () => {
    const text = await doc('backup.md');
    for (const name of [BACKUP_INFO, BACKUP_MANIFEST, `${BACKUP_VAULT_DIR}/`]) expect(text).toContain(name);
  });
});
