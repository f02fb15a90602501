// The register reads, never writes: listings at once on an incident whose last head.signed line was lost (a power cut)
// leave its journal byte for byte as it was, every open for writing goes through the incident's one store, and an
// incident rolled back is listed with the reason and refused. Its rows are kept in the vault between starts: a
// restart reads no journal that has not changed, reads again the one that has, keeps the rows encrypted, and rebuilds
// from the journals when the kept rows cannot be read.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REGISTER_CACHE_FILE } from '@main/app/register-rows';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { openKeyring } from '@main/services/keyring/keyring';
import { Vault } from '@main/services/vault';
import { refusalCode } from '@test/helpers/refusals';
import { DSL, HEAD, incidentInReview, makeCore, setUp, type Fixture } from './core-fixture';

const journalOf = (f: Fixture, ref: string) => join(f.dataDir, 'incidents', ref, 'journal.jsonl');

/** Two incidents; the first (no longer open for work) loses its last line, a head.signed, as a power cut would. */
const powerCut = async () => {
  const f = await makeCore();
  await setUp(f);
  const first = await incidentInReview(f);
  await incidentInReview(f);
  const path = journalOf(f, first.ref);
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  await writeFile(path, `${lines.slice(0, -1).join('\n')}\n`);
  // The app starting again after the power cut.
  await f.core.lock();
  await f.core.unlock(HEAD.passphrase);
  return { f, ref: first.ref, path, cut: await readFile(path) };
};

/** `countersign check` as a third party runs it, with a passphrase of its own. */
const check = async (f: Fixture) => {
  const keyring = await openKeyring(f.dataDir, { clock: systemClock, sleep: async () => undefined });
  return checkVault(f.dataDir, (await keyring.unlock(HEAD.passphrase)).codec);
};

describe('listing the register', () => {
  it('two listings at once write nothing: the journal stays as the power cut left it, and opens after', async () => {
    const { f, ref, path, cut } = await powerCut();
    const [a, b] = await Promise.all([f.core.register.list(), f.core.register.list()]);
    expect(a).toEqual(b);
    expect(a.find((r) => r.ref === ref)).toMatchObject({ phase: 'review', problem: null });
    expect(await readFile(path)).toEqual(cut);
    const detail = await f.core.detail(ref);
    expect(detail.phase).toBe('review');
    expect((await check(f)).ok).toBe(true);
  });

  it('listings, opens and a step at once on that incident: one writer, one head signed, the chain whole', async () => {
    const { f, ref, path } = await powerCut();
    const actor = (await f.core.stateOf(ref))?.reviewers[0] ?? '';
    await Promise.all([
      f.core.register.list(),
      f.core.detail(ref),
      f.core.register.list(),
      f.core.act(ref, actor, { kind: 'note.added', data: { text: 'Both of us were present.' } }),
      f.core.detail(ref),
      f.core.register.list(),
    ]);
    const report = await check(f);
    expect(report.incidents.flatMap((i) => i.problems)).toEqual([]);
    const entries = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    const detail = await f.core.detail(ref);
    expect(entries).toHaveLength(detail.record.chainHead.seq + 1);
    await f.core.lock();
    await f.core.unlock(DSL.passphrase);
    expect((await f.core.detail(ref)).phase).toBe('review');
  });
});

describe('an incident rolled back while the app was closed', () => {
  it('the halt cut off: listed with the reason, refused on opening (no byte changed), nothing captured', async () => {
    const f = await makeCore();
    await setUp(f);
    const { ref, a } = await incidentInReview(f);
    const path = journalOf(f, ref);
    const beforeHalt = await readFile(path);
    await f.core.halt(ref, a, 'http://127.0.0.1/halt/');
    await f.core.lock();
    await writeFile(path, beforeHalt);
    await rm(join(f.dataDir, 'incidents', ref, 'head.json'));
    await f.core.unlock(HEAD.passphrase);
    const before = await readFile(path);
    expect((await f.core.register.list()).find((r) => r.ref === ref)?.problem).toMatchObject({
      code: 'ROLLED_BACK',
      message: expect.stringMatching(/has been cut back/),
    });
    expect(await refusalCode(f.core.detail(ref))).toBe('ROLLED_BACK');
    expect(await refusalCode(f.core.capture(ref, a, 'viewport'))).toBe('ROLLED_BACK');
    expect(await readFile(path)).toEqual(before);
    expect(f.browsers).toHaveLength(0);
  });

  it('a sealed incident cut back: export refuses it', async () => {
    const f = await makeCore();
    await setUp(f);
    const { ref, a } = await incidentInReview(f);
    await f.core.act(ref, a, { kind: 'judgement.made', data: { substance: false, actions: [], policeReasons: [] } });
    const path = journalOf(f, ref);
    const beforeConclusion = await readFile(path);
    await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'No substance.' } });
    await f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
    await f.core.lock();
    await writeFile(path, beforeConclusion);
    await f.core.unlock(HEAD.passphrase);
    const start = f.core.startExport({ ref, recipient: 'Police', folder: f.dataDir, passphrase: HEAD.passphrase });
    expect(await refusalCode(start)).toBe('ROLLED_BACK');
  });
});

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
    const reads = vi.spyOn(Vault.prototype, 'readIncident');
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
    const reads = vi.spyOn(Vault.prototype, 'readIncident');
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
    const reads = vi.spyOn(Vault.prototype, 'readIncident');
    const rows = await g.core.register.list();
    expect(reads).toHaveBeenCalledTimes(2);
    expect(rows.map((r) => [r.ref, r.phase, r.problem])).toEqual(
      expect.arrayContaining(refs.map((ref) => [ref, 'review', null])),
    );
    expect(await readFile(path)).not.toEqual(Buffer.from('damaged'));
    await g.core.close();
  });
});
