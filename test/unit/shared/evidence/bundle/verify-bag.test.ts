// The pure verifier over a bag's bytes: a sound bag passes every check; a bag it cannot read says why.
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
  toReview,
  verifyFiles,
} from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const ah = generateSigningKey().signer;

describe('verifyBag (pure, over bytes)', () => {
  const entries = forgeJournal(device, [opened(device.fingerprint), ...toReview, capture(fakePng(1))]);

  it('an untouched bag is valid, every check passed', async () => {
    const r = await verifyFiles(forgeBag(entries, device, ah, [fakePng(1)]), REF);
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('valid');
    expect(exitCode(r)).toBe(0);
    expect(r.checks.every((c) => c.result === 'passed')).toBe(true);
    expect(r.signers.map((s) => [s.name, s.valid])).toEqual([
      ['ah', true],
      ['device', true],
    ]);
  });

  it('a bundle in a newer format is unreadable (exit 2), saying which formats this verifier knows', async () => {
    const files = forgeBag(entries, device, ah, [fakePng(1)]);
    files.set(
      'bag-info.txt',
      utf8Encode(
        bagText(files.get('bag-info.txt')).replace('Countersign-Bundle-Format: 1', 'Countersign-Bundle-Format: 2'),
      ),
    );
    const r = await verifyFiles(files);
    expect(r.status).toBe('unreadable');
    expect(exitCode(r)).toBe(2);
    expect(r.formatVersion).toBe(2);
    expect(r.knownFormats).toEqual([1]);
    expect(r.problems[0]?.code).toBe('FORMAT_UNKNOWN');
    expect(r.problems[0]?.message).toMatch(/format 2, made by a newer Countersign; this verifier knows format 1/);
  });

  it('something that is not a bag at all is unreadable', async () => {
    const r = await verifyFiles(new Map([['notes.txt', utf8Encode('hello')]]));
    expect(r.status).toBe('unreadable');
    expect(r.problems[0]?.code).toBe('NOT_A_BUNDLE');
  });

  it('a missing device signature is reported even when the rest is sound', async () => {
    const files = forgeBag(entries, device, ah, [fakePng(1)]);
    files.delete('signatures/device.sig');
    files.delete('signatures/device.pub.pem');
    const r = await verifyFiles(files);
    expect(codes(r)).toEqual(['SIGNATURE_MISSING']);
    expect(r.problems[0]?.message).toMatch(/device signature is missing/);
  });
});
