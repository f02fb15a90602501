// A vault copied to another computer is refused for further work, with a message that says why, and nothing in it
// changes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { osMachineId } from '@main/services/machine-id';
import { Vault } from '@main/services/vault';
import { filesUnder } from '@test/unit/electron/main/services/keyring/keyring-fixtures';
import { incidentInReview, tempDir } from '@test/helpers/vault';

const fingerprintTree = async (dir: string) => {
  const out: Record<string, string> = {};
  for (const f of await filesUnder(dir))
    out[f] = createHash('sha256')
      .update(await readFile(join(dir, f)))
      .digest('hex');
  return out;
};

describe('the vault stays on its computer', () => {
  it('refuses a vault copied to another machine, changes nothing, and still lets it be checked', async () => {
    const dataDir = join(await tempDir(), 'data');
    const here = { codec: plainCodec, clock: systemClock, machineId: async () => 'machine-A' };
    const vault = await Vault.create(dataDir, here);
    await incidentInReview(vault);
    const before = await fingerprintTree(dataDir);
    await expect(Vault.open(dataDir, { ...here, machineId: async () => 'machine-B' })).rejects.toMatchObject({
      code: 'WRONG_COMPUTER',
      message: expect.stringMatching(/set up on another computer.*same computer for the duration/s),
    });
    expect(await fingerprintTree(dataDir)).toEqual(before);
    expect((await checkVault(dataDir, plainCodec)).ok).toBe(true);
    await expect(Vault.open(dataDir, here)).resolves.toBeInstanceOf(Vault);
  });

  it("reads this computer's own identifier", async () => {
    expect((await osMachineId()).length).toBeGreaterThan(8);
  });
});
