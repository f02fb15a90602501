// The register's rows kept in the vault between starts: a restart reads no journal that has not changed, reads again
// the one that has, keeps the rows encrypted, and rebuilds from the journals when the kept rows cannot be read.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REGISTER_CACHE_FILE } from '@main/app/register-rows';
import { Vault } from '@main/services/vault';
import { HEAD, incidentInReview, makeCore, setUp, type Fixture } from './core-fixture';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Two incidents, listed once (which keeps the rows), then Countersign closed. */
const twoIncidents = async (): Promise<{ f: Fixture; refs: string[] }> => {
  const f = await makeCore();
  await setUp(f);
  const one = await incidentInReview(f);
  const two = await incidentInReview(f);
  await f.core.register.list();
  await f.core.close();
  return { f, refs: [one.ref, two.ref] };
};

/** Countersign started again over the same data folder and unlocked. */
const restart = async (f: Fixture): Promise<Fixture> => {
  const again = await makeCore({ dataDir: f.dataDir });
  await again.core.unlock(HEAD.passphrase);
  return again;
};

describe('the register after a restart', () => {
  it('lists every incident without reading a journal that has not changed', async () => {
    const { f, refs } = await twoIncidents();
    const before = await (await restart(f)).core.register.list();
    const g = await restart(f);
    const reads = vi.spyOn(Vault.prototype, 'openIncident');
    const rows = await g.core.register.list();
    expect(reads).not.toHaveBeenCalled();
    expect(rows).toEqual(before);
    expect(rows.map((r) => r.ref).sort()).toEqual([...refs].sort());
    await g.core.close();
  });

  it('reads again the journal of an incident that changed since', async () => {
    const { f, refs } = await twoIncidents();
    const g = await restart(f);
    // Kept with both rows (the one open for work when first listed is read from memory, not kept).
    await g.core.register.list();
    const [ref] = refs as [string];
    const { record } = await g.core.detail(ref);
    await g.core.act(ref, record.reviewers[0].id, { kind: 'note.added', data: { text: 'A note.' } });
    await g.core.close();
    const h = await restart(f);
    const reads = vi.spyOn(Vault.prototype, 'openIncident');
    await h.core.register.list();
    expect(reads.mock.calls.map(([r]) => r)).toEqual([ref]);
    await h.core.close();
  });

  it('keeps the rows encrypted, and rebuilds them from the journals when they cannot be read', async () => {
    const { f, refs } = await twoIncidents();
    const path = join(f.dataDir, REGISTER_CACHE_FILE);
    const kept = await readFile(path);
    for (const ref of refs) expect(kept.includes(Buffer.from(ref))).toBe(false);
    expect(kept.includes(Buffer.from('Cyberbullying'))).toBe(false);
    await writeFile(path, Buffer.from('damaged'));
    const g = await restart(f);
    const reads = vi.spyOn(Vault.prototype, 'openIncident');
    const rows = await g.core.register.list();
    expect(reads).toHaveBeenCalledTimes(2);
    expect(rows.map((r) => [r.ref, r.phase, r.problem])).toEqual(
      expect.arrayContaining(refs.map((ref) => [ref, 'review', null])),
    );
    expect(await readFile(path)).not.toEqual(Buffer.from('damaged'));
    await g.core.close();
  });
});
