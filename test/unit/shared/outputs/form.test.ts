// The form and screenshot pages as HTML: user text shown as text, nothing fetched, nothing of a halted or purged
// capture printed.
import { describe, expect, it } from 'vitest';
import { incidentFormHtml } from '@shared/outputs/form';
import { cssString, escapeHtml } from '@shared/outputs/html';
import { buildRecord, type IncidentRecord } from '@shared/outputs/record';
import { screenshotsHtml } from '@shared/outputs/screenshots';
import { nodeCrypto } from '@main/services/crypto';
import { incidentInReview, mustAppend, newVault, storeCapture } from '@test/helpers/vault';
import { haltedIncident, normalIncident, type BuiltIncident } from '@test/helpers/recorded-incidents';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const HOSTILE_ORG = 'Evil "School" </style><script>alert(1)</script> \\ }';

const pngDataUrl = async (built: BuiltIncident, sha: string): Promise<string> =>
  `data:image/png;base64,${Buffer.from(await built.store.getFile(sha)).toString('base64')}`;

const imagesFor = async (built: BuiltIncident, record: IncidentRecord): Promise<Map<string, string>> => {
  const m = new Map<string, string>();
  for (const c of record.captures.filter((x) => !x.purged)) m.set(c.sha256, await pngDataUrl(built, c.sha256));
  return m;
};

/** Every URL the document would fetch: src/href-like attributes of real tags, and CSS url(). */
const fetched = (html: string): string[] => [
  ...[...html.matchAll(/<[a-z][^>]*>/gi)].flatMap((tag) =>
    [...tag[0].matchAll(/\s(?:src|href|srcset|action|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1] ?? ''),
  ),
  ...[...html.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((m) => m[1] ?? ''),
];

describe('incident form HTML', async () => {
  const built = await normalIncident({ concern1: HOSTILE, organisation: HOSTILE_ORG });
  const record = buildRecord(built.entries, { crypto: nodeCrypto });
  const html = incidentFormHtml(record);

  it('shows a reviewer’s <script> as text, never as markup', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('keeps a hostile organisation name inside its CSS string in the page header', () => {
    expect(html.match(/<\/style>/gi)?.length).toBe(1);
    expect(html).toContain(`@bottom-left { content: ${cssString(HOSTILE_ORG)};`);
    expect(cssString(HOSTILE_ORG).slice(1, -1)).not.toMatch(/["<>{}\n]/);
    expect(cssString('a"b')).toBe('"a\\22 b"');
  });

  it('fetches nothing: no scripts, links or remote resources', () => {
    expect(fetched(html)).toEqual([]);
    expect(html).toContain("default-src 'none'");
  });

  it('has every field of the SWGfL form, the two reviewers, the URLs and the digest', () => {
    for (const label of [
      'Group',
      'Date',
      'Reason for investigation',
      'Details of first reviewing person',
      'Details of second reviewing person',
      'Position',
      'Signature',
      'Name and location of computer used for review (for web sites)',
      'Web site(s) address / device',
      'Reason for concern',
      'Conclusion and Action proposed or taken',
    ]) {
      expect(html, label).toContain(escapeHtml(label));
    }
    for (const url of built.urls) expect(html).toContain(escapeHtml(url));
    expect(html).toContain(record.recordDigest);
    expect(html).toContain('Signed off by both reviewers');
    expect(html).not.toContain('PRACTICE INCIDENT');
  });
});

describe('form of an incident still in progress', () => {
  it('is marked as a draft and has no digest yet', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    await storeCapture(store, new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
    await mustAppend(store, { kind: 'note.added', actor: 'ah', data: { text: 'Still looking.' } });
    const html = incidentFormHtml(buildRecord(store.journal.entries));
    expect(html).toContain('Draft: review in progress');
    expect(html).toContain('None yet: the digest is fixed when the conclusion is recorded.');
    expect(html).toContain('PRACTICE INCIDENT');
  });
});

describe('halted incident: form and screenshot pages', async () => {
  const built = await haltedIncident();
  const record = buildRecord(built.entries, { crypto: nodeCrypto });
  const purged = built.captures[1] ?? '';

  it(
    'the form gives the halted address as text, with the ' + 'halt wording, and says the purged capture was destroyed',
    () => {
      const html = incidentFormHtml(record);
      expect(html).toContain(escapeHtml(built.haltUrl));
      expect(html).toContain('Halted: suspected child sexual abuse imagery — no image kept, referred to police');
      expect(html).toContain('Purged after the halt');
    },
  );

  it(
    'the screenshot pages hold one page per kept capture ' + 'and nothing of the purged one or the halted address',
    async () => {
      const html = screenshotsHtml(record, await imagesFor(built, record));
      expect(html.match(/<article class="shot">/g)?.length).toBe(1);
      expect(html).toContain(built.captures[0]);
      expect(html).not.toContain(purged);
      expect(html).not.toContain(built.haltUrl);
      const sources = fetched(html);
      expect(sources.length).toBe(1);
      for (const src of sources) expect(src).toMatch(/^data:image\/png;base64,/);
    },
  );

  it('refuses to print an image for a purged capture even when one is supplied', async () => {
    const images = await imagesFor(built, record);
    images.set(purged, 'data:image/png;base64,AAAA');
    const html = screenshotsHtml(record, images);
    expect(html).not.toContain(purged);
    expect(html.match(/<img /g)?.length).toBe(1);
  });
});

describe('screenshot pages of a normal incident', async () => {
  const built = await normalIncident({ concern1: HOSTILE });
  const record = buildRecord(built.entries);

  it('one page per capture, each with URL, SHA-256, description and two signature lines', async () => {
    const html = screenshotsHtml(record, await imagesFor(built, record));
    const pages = html.split('<article class="shot">').slice(1);
    expect(pages.length).toBe(2);
    for (const [i, page] of pages.entries()) {
      const c = record.captures[i];
      expect(page).toContain(escapeHtml(c?.url ?? '?'));
      expect(page).toContain(c?.sha256);
      expect(page).toContain(escapeHtml(c?.concern ?? '?'));
      expect(page.match(/Signature:/g)?.length).toBe(2);
      expect(page.match(/Date:/g)?.length).toBe(2);
    }
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses a missing image, and anything but a PNG data: URL', async () => {
    const images = await imagesFor(built, record);
    const first = built.captures[0] ?? '';
    const missing = new Map(images);
    missing.delete(first);
    expect(() => screenshotsHtml(record, missing)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    for (const bad of [
      'http://127.0.0.1/x.png',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/png;base64,AA" onerror="x',
    ]) {
      const wrong = new Map(images).set(first, bad);
      expect(() => screenshotsHtml(record, wrong), bad).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});
