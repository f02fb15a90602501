// The text report of `countersign verify`: what it shows for the paper form, and that a hostile bundle's text cannot
// rewrite the terminal it is printed on.
import { describe, expect, it } from 'vitest';
import { unreadableReport, type BundleReport } from '@shared/evidence/bundle/bundle-report';
import { formatReport } from '@shared/evidence/bundle/report-text';
import { verifyBundleAt } from '@main/verify/verify-report';
import { repoPath } from '@test/helpers/repo';

const report = (name: string): BundleReport => ({
  ...unreadableReport('x'),
  status: 'invalid',
  problems: [{ code: 'NOT_SIGNED_OFF', where: 'data/journal.jsonl', message: `never signed off by ${name}` }],
  paper: {
    device: 'a'.repeat(64),
    recordDigest: null,
    reviewers: [{ id: 'x', name, role: 'Head', signoffKey: null }],
    sealedHead: null,
  },
  verdict: `INVALID: never signed off by ${name}.`,
});

describe('formatReport', () => {
  it('escapes control and direction characters from the bundle (an escape sequence, a right-to-left override)', () => {
    const text = formatReport(report('A. Head\u001b[2J\u001b[31m\u202eevil\u0007'), 'b.zip');
    // eslint-disable-next-line no-control-regex -- the characters that must not reach the terminal
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('A. Head\\u001b[2J\\u001b[31m\\u202eevil\\u0007');
  });

  it('says what is missing in the paper section instead of leaving it blank', () => {
    const text = formatReport(report('A. Head'), 'b.zip');
    expect(text).toMatch(/Record digest: +none \(no conclusion was recorded\)/);
    expect(text).toMatch(/Signed off by A. Head \(Head\): +NOT SIGNED OFF/);
    expect(text).toMatch(/Record sealed at journal entry: +not sealed/);
  });
});

describe('a format-1 bundle exported by Countersign before format 2 (test/fixtures/bundles)', () => {
  const FIXTURE = repoPath('test/fixtures/bundles/format-1-sealed.zip');

  it('stays VALID: it meets every rule that applies to format 1, and says which it could not meet', async () => {
    const r = await verifyBundleAt({ path: FIXTURE, password: 'format one fixture' });
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('valid');
    expect(r.formatVersion).toBe(1);
    expect(r.checks.filter((c) => c.result === 'not available').map((c) => c.id)).toEqual([
      'incident',
      'policy',
      'pdfs',
      'case',
    ]);
    const text = formatReport(r, 'format-1-sealed.zip');
    expect(text).toMatch(/not available +incident.json is the record rebuilt/);
    expect(text.split('\n').at(-1)).toMatch(/^VALID \(bundle format 1, made by an older Countersign\)/);
  });

  it("its paper values pin it; another computer's key does not", async () => {
    const plain = await verifyBundleAt({ path: FIXTURE, password: 'format one fixture' });
    const device = plain.paper?.device ?? '';
    const ok = await verifyBundleAt({ path: FIXTURE, password: 'format one fixture', pins: { device } });
    expect(ok.status).toBe('valid');
    const bad = await verifyBundleAt({
      path: FIXTURE,
      password: 'format one fixture',
      pins: { device: 'f'.repeat(16) },
    });
    expect(bad.problems.map((p) => p.code)).toEqual(['PIN_MISMATCH']);
  });
});
