// The pure verifier over a bag's bytes: what VALID requires, what a bag it cannot read says, and the bundles issue 11
// found reported VALID (a forged bundle, one never signed off) now INVALID with the reason.
import { describe, expect, it } from 'vitest';
import { exitCode } from '@shared/evidence/bundle/bundle-report';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { generateSigningKey } from '@main/services/crypto';
import {
  bagText,
  capture,
  codes,
  fakePng,
  forgeBag,
  forgeJournal,
  opened,
  REF,
  sealedJournal,
  toConclusion,
  toReview,
  verifyFiles,
} from '@test/helpers/forge-bundle';
import { minimalPdf } from '@test/helpers/sample-incident';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

describe('verifyBag (pure, over bytes)', () => {
  const entries = sealedJournal(device, keys, [capture(fakePng(1))]);

  it(
    'a consistent bag, signed off by both reviewers ' + 'with their recorded keys, is VALID: every check passed',
    async () => {
      const r = await verifyFiles(await forgeBag(entries, device, keys, [fakePng(1)]), REF);
      expect(r.problems).toEqual([]);
      expect(r.status).toBe('valid');
      expect(exitCode(r)).toBe(0);
      expect(r.formatVersion).toBe(2);
      expect(r.checks.map((c) => [c.id, c.result])).toEqual(
        [
          'bag',
          'completeness',
          'oxum',
          'payload',
          'tagmanifest',
          'signatures',
          'signers',
          'journal',
          'device-key',
          'procedure',
          'signoff',
          'addenda',
          'screenshots',
          'pages',
          'urls',
          'incident',
          'policy',
          'pdfs',
          'case',
        ].map((id) => [id, 'passed']),
      );
      expect(r.signers.map((s) => [s.name, s.valid])).toEqual([
        ['ah', true],
        ['device', true],
      ]);
      expect(r.verdict).toMatch(/^VALID: /);
      expect(r.verdict).toMatch(/Compare the values under "Compare with the printed form"/);
    },
  );

  it(
    'issue 11: a bundle built from scratch with fresh keys and incident.json {"placeholder":true} is INVALID, ' +
      'naming incident.json and the PDFs',
    async () => {
      // Fresh keys for everything, a made-up journal, and the outputs of the forged bundle.
      const d = generateSigningKey().signer;
      const k = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
      const made = sealedJournal(d, k, [capture(fakePng(9))]);
      const files = await forgeBag(made, d, k, [fakePng(9)], {
        replace: {
          'data/incident.json': utf8Encode('{"placeholder":true}'),
          'data/form.pdf': minimalPdf('form'),
          'data/screenshots.pdf': minimalPdf('shots'),
        },
      });
      const r = await verifyFiles(files);
      expect(r.status).toBe('invalid');
      expect(exitCode(r)).toBe(1);
      expect(codes(r)).toEqual(['INCIDENT_MISMATCH', 'PDF_MARKS']);
      expect(r.checks.find((c) => c.id === 'incident')?.result).toBe('failed');
      expect(r.checks.find((c) => c.id === 'pdfs')?.result).toBe('failed');
      expect(r.verdict).toMatch(/^INVALID: incident.json is not the record rebuilt from the journal/);
      // What remains: only the paper form exposes a consistent forgery, through the values it prints.
      expect(r.paper?.device).toBe(d.fingerprint);
    },
  );

  it(
    'issue 11: a record never signed off, signed by the device and by a third person who is not a reviewer, is ' +
      'INVALID (not a note)',
    async () => {
      const stranger = generateSigningKey().signer;
      const e = forgeJournal(device, [
        opened(device.fingerprint, ['ah', 'ds'], keys),
        ...toReview,
        capture(fakePng(1)),
        ...toConclusion,
      ]);
      const r = await verifyFiles(await forgeBag(e, device, keys, [fakePng(1)], { signers: [['mallory', stranger]] }));
      expect(r.status).toBe('invalid');
      expect(codes(r)).toEqual(['NOT_SIGNED_OFF', 'SIGNER_NOT_REVIEWER']);
      expect(r.problems.find((p) => p.code === 'NOT_SIGNED_OFF')?.message).toBe(
        'the record was never signed off by A. Head (ah) or D. Lead (ds): both reviewers must sign it off with ' +
          'their own keys before it is a sealed record',
      );
      expect(r.problems.find((p) => p.code === 'SIGNER_NOT_REVIEWER')?.where).toBe('signatures/mallory.pub.pem');
      expect(r.checks.find((c) => c.id === 'signoff')?.result).toBe('failed');
      expect(r.checks.find((c) => c.id === 'signers')?.result).toBe('failed');
      expect(r.checks.some((c) => c.result === 'passed' && (c.id === 'signoff' || c.id === 'signers'))).toBe(false);
    },
  );

  it('a bundle in a newer format is unreadable (exit 2), saying which formats this verifier knows', async () => {
    const files = await forgeBag(entries, device, keys, [fakePng(1)]);
    files.set(
      'bag-info.txt',
      utf8Encode(
        bagText(files.get('bag-info.txt')).replace('Countersign-Bundle-Format: 2', 'Countersign-Bundle-Format: 3'),
      ),
    );
    const r = await verifyFiles(files);
    expect(r.status).toBe('unreadable');
    expect(exitCode(r)).toBe(2);
    expect(r.formatVersion).toBe(3);
    expect(r.knownFormats).toEqual([1, 2]);
    expect(r.problems[0]?.code).toBe('FORMAT_UNKNOWN');
    expect(r.problems[0]?.message).toMatch(/format 3, made by a newer Countersign; this verifier knows format 1, 2/);
  });

  it('something that is not a bag at all is unreadable', async () => {
    const r = await verifyFiles(new Map([['notes.txt', utf8Encode('hello')]]));
    expect(r.status).toBe('unreadable');
    expect(r.problems[0]?.code).toBe('NOT_A_BUNDLE');
  });

  it(
    'without the device key nothing vouches for the ' + 'signed heads: the journal is "not checked", never passed',
    async () => {
      const files = await forgeBag(entries, device, keys, [fakePng(1)]);
      files.delete('signatures/device.sig');
      files.delete('signatures/device.pub.pem');
      const r = await verifyFiles(files);
      expect(codes(r)).toEqual(['SIGNATURE_MISSING']);
      expect(r.problems[0]?.message).toMatch(/device signature is missing/);
      const results = Object.fromEntries(r.checks.map((c) => [c.id, c.result]));
      expect(results).toMatchObject({ journal: 'not checked', 'device-key': 'not checked', signoff: 'not checked' });
      expect(r.checks.find((c) => c.id === 'journal')?.note).toMatch(/no readable device key/);
      expect(r.status).toBe('invalid');
    },
  );

  it('a missing output is INVALID: form.pdf left out of a bag that is otherwise consistent and signed', async () => {
    const files = await forgeBag(entries, device, keys, [fakePng(1)]);
    const without = new Map([...files].filter(([p]) => p !== 'data/form.pdf'));
    const r = await verifyFiles(without);
    expect(codes(r)).toContain('FILE_MISSING');
    expect(r.problems.find((p) => p.code === 'FILE_MISSING')?.where).toBe('data/form.pdf');
    expect(r.checks.find((c) => c.id === 'pdfs')?.result).not.toBe('passed');
    expect(r.status).toBe('invalid');
  });
});

describe('format 1 (bundles from before format 2)', () => {
  const entries = sealedJournal(device, keys, [capture(fakePng(1))]);

  it(
    'a format-1 bundle that meets every rule that applies ' + 'is VALID; the rules it cannot meet are "not available"',
    async () => {
      const r = await verifyFiles(await forgeBag(entries, device, keys, [fakePng(1)], { format: 1 }));
      expect(r.problems).toEqual([]);
      expect(r.status).toBe('valid');
      expect(r.formatVersion).toBe(1);
      const unavailable = r.checks.filter((c) => c.result === 'not available');
      expect(unavailable.map((c) => c.id)).toEqual(['incident', 'policy', 'pdfs', 'case']);
      expect(unavailable.every((c) => c.note?.startsWith('format'))).toBe(true);
      expect(r.checks.filter((c) => c.result !== 'not available').every((c) => c.result === 'passed')).toBe(true);
      expect(r.verdict).toMatch(/^VALID \(bundle format 1, made by an older Countersign\).*4 rules are not available/);
    },
  );

  it('a format-1 bundle never signed off is INVALID: the sign-off rules apply to every format', async () => {
    const e = forgeJournal(device, [opened(device.fingerprint, ['ah', 'ds'], keys), ...toReview, ...toConclusion]);
    const r = await verifyFiles(await forgeBag(e, device, keys, [], { format: 1 }));
    expect(codes(r)).toEqual(['NOT_SIGNED_OFF']);
    expect(r.status).toBe('invalid');
  });

  it("a format-1 bundle whose incident.json is not the journal's record (the placeholder) is INVALID", async () => {
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], {
        format: 1,
        replace: { 'data/incident.json': utf8Encode('{"placeholder":true}') },
      }),
    );
    expect(codes(r)).toEqual(['INCIDENT_MISMATCH']);
    expect(r.checks.find((c) => c.id === 'incident')?.result).toBe('failed');
  });

  it('a format-1 bundle whose PDF is not a PDF is INVALID', async () => {
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], {
        format: 1,
        replace: { 'data/form.pdf': utf8Encode('not a pdf') },
      }),
    );
    expect(codes(r)).toEqual(['OUTPUT_INVALID']);
  });
});

describe('hostile journal text', () => {
  it('a journal line holding a lone surrogate (escaped) is INVALID, named, not a crash', async () => {
    const entries = sealedJournal(device, keys);
    const files = await forgeBag(entries, device, keys, []);
    const journal = bagText(files.get('data/journal.jsonl')).replace('"Report of bullying messages"', '"\\ud800"');
    files.set('data/journal.jsonl', utf8Encode(journal));
    const r = await verifyFiles(files);
    expect(r.status).toBe('invalid');
    expect(r.problems.find((p) => p.code === 'BAD_DATA')?.message).toMatch(/not well-formed Unicode/);
  });
});
