// One reviewer's account from the journal: every screenshot they captured with its SHA-256, the halt, who was told,
// marked as a draft from the signed record, and never an image.
import { describe, expect, it } from 'vitest';
import { buildRecord } from '@shared/outputs/record';
import { reviewerStatementHtml } from '@shared/outputs/statement';
import { nodeCrypto } from '@main/services/crypto';
import {
  followedUpIncident,
  HALT_REASON,
  haltedIncident,
  LADO_REFERENCE,
  NOTE,
  normalIncident,
  POLICE_REFERENCE,
  REFERRAL_REFERENCE,
} from '@test/helpers/recorded-incidents';

const AT = '2026-12-01T10:00:00.000Z';
const text = (html: string): string =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('a reviewer’s account', async () => {
  const halted = await haltedIncident();
  const record = buildRecord(halted.entries, { crypto: nodeCrypto });
  const head = reviewerStatementHtml(record, halted.entries, 'ah', { generatedAt: AT });
  const lead = reviewerStatementHtml(record, halted.entries, 'ds', { generatedAt: AT });

  it('lists every screenshot the reviewer captured with its SHA-256, in the first person', () => {
    // Both captures of the halted incident are A. Head's; the second was purged, and its hash is all that is left.
    for (const sha of halted.captures) {
      expect(head).toContain(sha);
      expect(text(head)).toMatch(new RegExp(`I captured screenshot \\d: .* SHA-256 ${sha}`));
    }
    expect(text(head)).toContain(
      `The file of screenshot 2 was destroyed; only its SHA-256 ( ${halted.captures[1]} ) is kept.`,
    );
    expect(text(lead)).toContain('I captured no screenshots in this incident.');
    expect(text(lead)).toContain('A. Head captured screenshot 1');
  });

  it('says who halted and why, and who was told with their reference', () => {
    expect(text(lead)).toContain(`I pressed Halt: child sexual abuse imagery was suspected at ${halted.haltUrl}`);
    expect(text(lead)).toContain(HALT_REASON);
    expect(text(head)).toContain('D. Lead pressed Halt');
    for (const html of [head, lead]) {
      expect(text(html)).toMatch(/Police \(101\) was told at \d+ \w+ 2\d{3}, \d\d:\d\d:\d\d (GMT|BST), reference /);
      expect(html).toContain(REFERRAL_REFERENCE);
    }
    expect(text(lead)).toContain('I recorded that screenshot 2 showed the suspected imagery.');
  });

  it('says what they opened, decided and signed, and when, in UK time', () => {
    expect(text(head)).toContain(`I asked the evidence browser to open ${halted.urls[0]}`);
    expect(text(head)).toContain('I recorded our judgement: the concern has substance.');
    expect(text(head)).toContain(
      `I signed the record off with my own signing key (key fingerprint ${halted.signers.ah.fingerprint} )`,
    );
    expect(text(lead)).toContain(
      `I signed the record off with my own signing key (key fingerprint ${halted.signers.ds.fingerprint} )`,
    );
    expect(head).toContain(record.recordDigest);
    expect(text(head)).toMatch(/\d\d:\d\d:\d\d (GMT|BST)/);
    expect(head).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('is marked as generated from the signed record, for the reviewer to correct and sign, not as the MG11', () => {
    expect(text(head)).toContain('Generated from the signed record, for you to check.');
    expect(text(head)).toContain('It is not a witness statement and not the police’s form (MG11).');
    expect(text(head)).toContain('Corrections and additions, in my own words');
    expect(head).toContain('Draft for A. Head to check and sign');
    expect(head).toContain('counter(page) " of " counter(pages)');
    expect(head).toContain('OFFICIAL-SENSITIVE');
  });

  it('holds no image: no <img>, no data: URL, nothing fetched', () => {
    for (const html of [head, lead]) {
      expect(html).not.toMatch(/<img|<svg|<picture|<video|<canvas/i);
      expect(html).not.toMatch(/data:/i);
      expect(html).not.toMatch(/url\(/i);
      expect(html).toContain("default-src 'none'");
    }
  });

  it('refuses anyone who is not one of the two reviewers', () => {
    expect(() => reviewerStatementHtml(record, halted.entries, 'zz', { generatedAt: AT })).toThrow(
      /Only the two reviewers of incident .* \(A\. Head and D\. Lead\)/,
    );
  });
});

describe('the accounts of other incidents', () => {
  it('shows notes, descriptions and captures of each reviewer, and a hostile note as text', async () => {
    const built = await normalIncident({ concern1: '<img src=x onerror=alert(1)>' });
    const record = buildRecord(built.entries, { crypto: nodeCrypto });
    const lead = reviewerStatementHtml(record, built.entries, 'ds', { generatedAt: AT });
    expect(text(lead)).toContain(`I noted: “${NOTE}”`);
    expect(lead).toContain(built.captures[1]);
    expect(lead).not.toMatch(/<img/i);
    expect(lead).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text(lead)).toContain('The page tried to open a popup');
  });

  it('names everyone told on any route, with their references', async () => {
    const built = await followedUpIncident({ rules: 2 });
    const record = buildRecord(built.entries, { crypto: nodeCrypto });
    const html = reviewerStatementHtml(record, built.entries, 'ah', { generatedAt: AT });
    for (const ref of [LADO_REFERENCE, POLICE_REFERENCE]) expect(html).toContain(ref);
    expect(text(html)).toMatch(/LADO was told at .* \(by phone\), reference /);
    expect(text(html)).toContain('Who was told');
    expect(text(html)).toMatch(/recorded a follow-up \(debrief on the incident\)/);
  });
});
