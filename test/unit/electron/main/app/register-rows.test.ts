// The register reads, never writes: listings at once on an incident whose last head.signed line was lost (a power cut)
// leave its journal byte for byte as it was, every open for writing goes through the incident's one store, and an
// incident rolled back is listed with the reason and refused.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { openKeyring } from '@main/services/keyring/keyring';
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
