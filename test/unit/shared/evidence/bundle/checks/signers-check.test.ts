// Who may sign the bundle: the investigation computer and the reviewers, with their recorded keys.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import { codes, forgeBag, sealedJournal, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const entries = sealedJournal(device, keys);

describe('signers of the bundle', () => {
  it('both reviewers may sign beside the device', async () => {
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [], {
        signers: [
          ['ah', keys.ah],
          ['ds', keys.ds],
        ],
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.checks.find((c) => c.id === 'signers')?.result).toBe('passed');
  });

  it("a reviewer's name with another key (a valid signature, so openssl alone is satisfied) is INVALID", async () => {
    const other = generateSigningKey().signer;
    const r = await verifyFiles(await forgeBag(entries, device, keys, [], { signers: [['ah', other]] }));
    expect(codes(r)).toEqual(['SIGNER_KEY_MISMATCH']);
    expect(r.signers.find((s) => s.name === 'ah')?.valid).toBe(true);
  });

  it('a signer who is not a reviewer is INVALID, even beside a reviewer', async () => {
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [], {
        signers: [
          ['ah', keys.ah],
          ['helper', generateSigningKey().signer],
        ],
      }),
    );
    expect(codes(r)).toEqual(['SIGNER_NOT_REVIEWER']);
  });
});
