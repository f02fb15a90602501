// case.jsonld rebuilt from the journal and bag-info.txt, compared byte for byte, even by someone holding the keys; a
// bundle made before it existed is "not available", never passed.
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { caseJsonldText } from '@shared/outputs/case-uco';
import { generateSigningKey } from '@main/services/crypto';
import { capture, codes, fakePng, forgeBag, sealedJournal, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const entries = sealedJournal(device, keys, [capture(fakePng(1))]);
const made = caseJsonldText(entries, { version: '0.1.0', baggingDate: '2026-11-24' });
const caseResult = (r: Awaited<ReturnType<typeof verifyFiles>>) => r.checks.find((c) => c.id === 'case');

describe('case.jsonld', () => {
  it('as the exporter writes it: the check passes', async () => {
    const r = await verifyFiles(await forgeBag(entries, device, keys, [fakePng(1)]));
    expect(r.problems).toEqual([]);
    expect(caseResult(r)?.result).toBe('passed');
  });

  it('a capture hash changed (and the bag re-signed with the real keys) is INVALID, with the line named', async () => {
    const sha = (entries.find((e) => e.kind === 'capture.taken')?.data as { sha256: string }).sha256;
    expect(made).toContain(sha);
    const text = made.replace(`"@value": "${sha}"`, `"@value": "${'0'.repeat(64)}"`);
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/case.jsonld': utf8Encode(text) } }),
    );
    expect(codes(r)).toEqual(['CASE_MISMATCH']);
    expect(r.problems[0]?.message).toMatch(/differ from line \d+/);
    expect(r.status).toBe('invalid');
  });

  it('made for another version of Countersign than bag-info.txt names is INVALID', async () => {
    const other = caseJsonldText(entries, { version: '9.9.9', baggingDate: '2026-11-24' });
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/case.jsonld': utf8Encode(other) } }),
    );
    expect(codes(r)).toEqual(['CASE_MISMATCH']);
  });

  it('a format-1 bundle has none: "not available", and the bundle stays VALID', async () => {
    const r = await verifyFiles(await forgeBag(entries, device, keys, [fakePng(1)], { format: 1 }));
    expect(caseResult(r)?.result).toBe('not available');
    expect(caseResult(r)?.note).toMatch(/^format 1, made before Countersign wrote case\.jsonld/);
    expect(r.status).toBe('valid');
  });
});
