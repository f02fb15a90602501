// The device key against the one the incident was opened with, on journals the app would never write.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '@main/services/crypto';
import { codes, forgeBag, forgeJournal, opened, toReview, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

describe('the device key, on journals the app would never write (signed with the real device key)', () => {
  it('a device key that is not the one the incident was opened with', async () => {
    const other = generateSigningKey().signer;
    const e = forgeJournal(device, [opened(other.fingerprint, ['ah', 'ds'], keys), ...toReview]);
    const r = await verifyFiles(await forgeBag(e, device, keys, []));
    expect(codes(r)).toContain('DEVICE_KEY_MISMATCH');
    expect(r.checks.find((c) => c.id === 'device-key')?.result).toBe('failed');
  });
});
