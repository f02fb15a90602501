// The incident form as HTML: user text shown as text, nothing fetched, the halted address as text only.
import { describe, expect, it } from 'vitest';
import { incidentFormHtml } from '@shared/outputs/form';
import { cssString, escapeHtml } from '@shared/outputs/html';
import { buildRecord } from '@shared/outputs/record';
import { nodeCrypto } from '@main/services/crypto';
import { incidentInReview, mustAppend, newVault, storeCapture } from '@test/helpers/vault';
import { haltedIncident, normalIncident } from '@test/helpers/recorded-incidents';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const HOSTILE_ORG = 'Evil "School" </style><script>alert(1)</script> \\ }';

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

describe('halted incident: the form', async () => {
  const built = await haltedIncident();
  const record = buildRecord(built.entries, { crypto: nodeCrypto });

  it(
    'the form gives the halted address as text, with the ' + 'halt wording, and says the purged capture was destroyed',
    () => {
      const html = incidentFormHtml(record);
      expect(html).toContain(escapeHtml(built.haltUrl));
      expect(html).toContain('Halted: suspected child sexual abuse imagery — no image kept, referred to police');
      expect(html).toContain('Purged after the halt');
    },
  );
});
