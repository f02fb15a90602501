// From a passphrase recovery through verify: the recovered reviewer's new key is refused at sign-off before anything is
// written, the other reviewer confirms it, and the incident is signed off, checked, exported and verified VALID.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { openKeyring } from '@main/services/keyring/keyring';
import { refusalCode } from '@test/helpers/refusals';
import { DSL, HEAD, incidentInReview, makeCore, setUp } from '../app/core-fixture';

const NEW_DSL = 'a lantern left burning in the boathouse';

const toSignoff = async () => {
  const f = await makeCore();
  const { recoveryCode } = await setUp(f);
  const { ref, a } = await incidentInReview(f);
  await f.core.act(ref, a, {
    kind: 'judgement.made',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  });
  await f.core.act(ref, a, {
    kind: 'conclusion.recorded',
    data: { text: 'Upheld; handled under the behaviour policy.' },
  });
  // Dana forgets her passphrase: the recovery code gives her a new one, and with it a new signing key.
  await f.core.lock();
  const dana = (await f.core.recoveryStaff(recoveryCode)).find((s) => s.name === DSL.name);
  await f.core.recoveryReset(recoveryCode, dana?.id ?? '', NEW_DSL);
  return { f, ref, journal: join(f.dataDir, 'incidents', ref, 'journal.jsonl') };
};

describe('a reviewer with a new key after a passphrase recovery', () => {
  it('is refused at sign-off before anything is written, with what to do', async () => {
    const { f, ref, journal } = await toSignoff();
    const before = await readFile(journal);
    const e = await f.core.signOff(ref, [HEAD.passphrase, NEW_DSL]).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'PROCEDURE_FORBIDS',
      message: expect.stringMatching(
        new RegExp(`^${DSL.name}'s signing key is not the one recorded .*First, ${HEAD.name} \\(the other reviewer\\)`),
      ),
    });
    expect(await readFile(journal)).toEqual(before);
    expect((await f.core.detail(ref)).keyChanges).toEqual([
      { reviewer: expect.objectContaining({ name: DSL.name }), witness: expect.objectContaining({ name: HEAD.name }) },
    ]);
  });

  it('is confirmed by the other reviewer only, then signs off; the vault checks and the bundle verifies', async () => {
    const { f, ref } = await toSignoff();
    expect(await refusalCode(f.core.confirmKeyChange(ref, NEW_DSL))).toBe('PROCEDURE_FORBIDS');
    const confirmed = await f.core.confirmKeyChange(ref, HEAD.passphrase);
    expect(confirmed.keyChanges).toEqual([]);
    expect(await refusalCode(f.core.confirmKeyChange(ref, HEAD.passphrase))).toBe('PROCEDURE_FORBIDS');
    expect((await f.core.signOff(ref, [HEAD.passphrase, NEW_DSL])).phase).toBe('sealed');

    const keyring = await openKeyring(f.dataDir, { clock: systemClock, sleep: async () => undefined });
    const report = await checkVault(f.dataDir, (await keyring.unlock(NEW_DSL)).codec);
    expect(report.incidents.flatMap((i) => i.problems)).toEqual([]);

    const { job } = await f.core.startExport({
      ref,
      recipient: 'Police',
      folder: join(f.dataDir, '..'),
      passphrase: NEW_DSL,
    });
    const done = await f.core.exports.finished(job);
    expect(done).toMatchObject({ state: 'done', error: null });
    const verified = await f.core.verify(done.path ?? '');
    expect(verified.problems).toEqual([]);
    expect(verified.valid).toBe(true);
  });
});
