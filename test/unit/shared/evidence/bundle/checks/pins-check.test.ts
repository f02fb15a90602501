// The values typed from the signed paper form: a consistent bundle built with other keys fails here, and only here.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import { codes, forgeBag, sealedJournal, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const entries = sealedJournal(device, keys);

describe('pins from the printed form', () => {
  it(
    'the paper values, in the order the form ' + 'prints them, and pins that match (16-digit prefixes, spaces)',
    async () => {
      const files = await forgeBag(entries, device, keys, []);
      const unpinned = await verifyFiles(files);
      const paper = unpinned.paper;
      expect(paper?.device).toBe(device.fingerprint);
      expect(paper?.reviewers.map((r) => [r.name, r.signoffKey])).toEqual([
        ['A. Head', keys.ah.fingerprint],
        ['D. Lead', keys.ds.fingerprint],
      ]);
      expect(paper?.sealedHead?.seq).toBe(entries.findLast((e) => e.kind === 'signoff.signed')?.seq);
      const digest = paper?.recordDigest ?? '';
      const r = await verifyFiles(files, undefined, {
        device: device.fingerprint.slice(0, 16),
        reviewers: [keys.ds.fingerprint, keys.ah.fingerprint.slice(0, 20).replace(/(.{4})/g, '$1 ')],
        digest: digest.toUpperCase(),
      });
      expect(r.problems).toEqual([]);
      expect(r.status).toBe('valid');
      expect(r.checks.find((c) => c.id === 'pins')?.result).toBe('passed');
      expect(r.pins.every((p) => p.matched !== null)).toBe(true);
      expect(r.verdict).toMatch(/The values typed from the printed form match/);
    },
  );

  it('a consistent bundle made with other keys: every pin from the real form is a mismatch, each named', async () => {
    const other = generateSigningKey().signer;
    const forgedKeys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
    const forged = await forgeBag(sealedJournal(other, forgedKeys), other, forgedKeys, []);
    const alone = await verifyFiles(forged);
    expect(alone.status).toBe('valid');
    const r = await verifyFiles(forged, undefined, {
      device: device.fingerprint,
      reviewers: [keys.ah.fingerprint],
      digest: 'ab'.repeat(8),
    });
    expect(r.status).toBe('invalid');
    expect(codes(r)).toEqual(['PIN_MISMATCH']);
    expect(r.problems.map((p) => p.message.split(' typed')[0])).toEqual([
      "the computer's key fingerprint",
      "a reviewer's key fingerprint",
      'the record digest',
    ]);
  });

  it('one reviewer key typed twice matches only one reviewer, and the message says it was typed twice', async () => {
    const r = await verifyFiles(await forgeBag(entries, device, keys, []), undefined, {
      reviewers: [keys.ah.fingerprint, keys.ah.fingerprint.slice(0, 16)],
    });
    expect(codes(r)).toEqual(['PIN_MISMATCH']);
    expect(r.problems.map((p) => p.message)).toEqual([
      `the same reviewer's key fingerprint was typed twice (${keys.ah.fingerprint.slice(0, 16)}): ` +
        "type each reviewer's fingerprint from the printed form once, the second reviewer's as well",
    ]);
    expect(r.pins.map((p) => [p.matched !== null, p.repeated ?? false])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});
