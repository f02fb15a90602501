// The screenshot pages' words and their preview: every kept capture with its address, SHA-256, description and two
// signature lines; nothing of a purged capture or the halted address; and no image anywhere in the HTML.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '@shared/outputs/html';
import { buildRecord } from '@shared/outputs/record';
import { screenshotsDocument, screenshotsPreviewHtml } from '@shared/outputs/screenshots';
import { nodeCrypto } from '@main/services/crypto';
import { haltedIncident, normalIncident } from '@test/helpers/recorded-incidents';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('screenshot pages of a normal incident', async () => {
  const built = await normalIncident({ concern1: HOSTILE });
  const record = buildRecord(built.entries, { crypto: nodeCrypto });

  it('one sheet per capture, each with URL, SHA-256, description and both reviewers', () => {
    const doc = screenshotsDocument(record);
    expect(doc.sheets.map((s) => s.capture.sha256)).toEqual(built.captures);
    for (const sheet of doc.sheets) {
      const text = sheet.rows.map((r) => `${r.label}: ${r.text}`).join('\n');
      expect(text).toContain(sheet.capture.url);
      expect(text).toContain(`SHA-256: ${sheet.capture.sha256}`);
      expect(text).toContain(sheet.capture.concern ?? '?');
      expect(text).toContain(`Record: digest ${record.recordDigest}`);
      expect(text).toContain(`sealed at entry ${record.sealedHead?.seq}, ${record.sealedHead?.hash}`);
      expect(sheet.signers.map((p) => p.name)).toEqual(['A. Head', 'D. Lead']);
    }
  });

  it('the preview shows each page’s words as text, and holds no image and fetches nothing', () => {
    const html = screenshotsPreviewHtml(record);
    const pages = html.split('<article class="shot">').slice(1);
    expect(pages.length).toBe(2);
    for (const [i, page] of pages.entries()) {
      const c = record.captures[i];
      expect(page).toContain(escapeHtml(c?.url ?? '?'));
      expect(page).toContain(c?.sha256);
      expect(page).toContain(escapeHtml(c?.concern ?? '?'));
      expect(page).toContain('captures stay blurred until you choose to look');
      expect(page).toContain(
        `digest ${record.recordDigest}<br>sealed at entry ${record.sealedHead?.seq}, ${record.sealedHead?.hash}`,
      );
    }
    expect(html).not.toMatch(/<script|<img|data:image|url\(/i);
  });

  it('shortens a very long address or description on the page, and says where the full text is', () => {
    const long = { ...record, captures: record.captures.map((c) => ({ ...c, concern: 'x'.repeat(2000) })) };
    const row = screenshotsDocument(long).sheets[0]?.rows.find((r) => r.label === 'Description');
    expect(row?.text.length).toBeLessThan(1000);
    expect(row?.aside).toMatch(/full text is on the incident form, capture 1/);
  });
});

describe('screenshot pages of a halted incident', async () => {
  const built = await haltedIncident();
  const record = buildRecord(built.entries, { crypto: nodeCrypto });
  const purged = built.captures[1] ?? '';

  it('hold the kept capture only, and nothing of the purged one or the halted address', () => {
    const doc = screenshotsDocument(record);
    expect(doc.sheets.map((s) => s.capture.sha256)).toEqual([built.captures[0]]);
    const html = screenshotsPreviewHtml(record);
    expect(html.match(/<article class="shot">/g)?.length).toBe(1);
    expect(html).not.toContain(purged);
    expect(html).not.toContain(built.haltUrl);
  });
});
