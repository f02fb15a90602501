// After sign-off: follow-ups of named kinds and free addenda, each signed by the reviewer who adds it, refused for
// anyone else; the police route's return to internal procedures with a new judgement.
import { describe, expect, it } from 'vitest';
import { DSL, HEAD, incidentInReview, makeCore, setUp, THIRD, type Fixture } from './core-fixture';
import { tempDir } from '@test/helpers/vault';

const ready = async (): Promise<Fixture> => {
  const f = await makeCore();
  await setUp(f);
  return f;
};

/** An incident taken to the police at triage, the police told with a reference, then signed off. */
const sealedOnPoliceRoute = async (f: Fixture): Promise<string> => {
  const started = await f.core.startIncident({
    passphrases: [HEAD.passphrase, DSL.passphrase],
    reason: 'A pupil showed an adult’s messages to the form tutor.',
    subject: { kind: 'pupil', ref: 'P-204' },
    category: 'Grooming or exploitation concern',
    reportedBy: 'Form tutor, Year 7',
  });
  const { ref } = started;
  const [a, b] = started.record.reviewers.map((r) => r.id) as [string, string];
  await f.core.act(ref, a, { kind: 'clock.confirmed', data: { shownAt: new Date().toISOString(), offsetMs: 0 } });
  await f.core.act(ref, b, { kind: 'triage.answered', data: { illegalSuspected: true } });
  const toldAt = new Date().toISOString();
  await f.core.act(ref, a, {
    kind: 'told.recorded',
    data: { who: 'Police (non-emergency)', contact: 'police101', police: true, toldAt, reference: 'CAD-77' },
  });
  await f.core.act(ref, b, { kind: 'isolation.recorded', data: { checks: ['The phone is in the safe'] } });
  await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'Referred to the police at once.' } });
  await f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
  return ref;
};

describe('follow-ups after sign-off', () => {
  it('records who reported the incident when it was started', async () => {
    const f = await ready();
    const ref = await sealedOnPoliceRoute(f);
    expect((await f.core.detail(ref)).record.reportedBy).toBe('Form tutor, Year 7');
  });

  it('returns to internal procedures after the police response, each signed by the reviewer who adds it', async () => {
    const f = await ready();
    const ref = await sealedOnPoliceRoute(f);
    const early = f.core.followUp(ref, HEAD.passphrase, {
      kind: 'internal-procedures',
      text: 'Back to the behaviour policy.',
      judgement: { substance: true, actions: ['internal'], policeReasons: [] },
    });
    await expect(early).rejects.toMatchObject({ code: 'PROCEDURE_FORBIDS' });
    await f.core.followUp(ref, DSL.passphrase, { kind: 'police-response', text: 'No offence disclosed.' });
    const d = await f.core.followUp(ref, HEAD.passphrase, {
      kind: 'internal-procedures',
      text: 'Back to the behaviour policy.',
      judgement: { substance: true, actions: ['internal'], policeReasons: [], sanctions: ['Warning'] },
    });
    expect(d.record.followUps.map((x) => [x.kind, x.signedBy])).toEqual([
      ['police-response', [DSL.name]],
      ['internal-procedures', [HEAD.name]],
    ]);
    expect(d.offered).toContain('followup.added');
  });

  it('refuses anyone but the two reviewers, and writes nothing', async () => {
    const f = await ready();
    const ref = await sealedOnPoliceRoute(f);
    const before = (await f.core.detail(ref)).record.chainHead.seq;
    await expect(
      f.core.followUp(ref, THIRD.passphrase, { kind: 'debrief', text: 'Debrief held.' }),
    ).rejects.toMatchObject({ code: 'PROCEDURE_FORBIDS', message: expect.stringContaining('not a reviewer') });
    await expect(f.core.addendum(ref, THIRD.passphrase, 'A note.')).rejects.toMatchObject({
      code: 'PROCEDURE_FORBIDS',
    });
    expect((await f.core.detail(ref)).record.chainHead.seq).toBe(before);
  });

  it('refuses a follow-up before sign-off', async () => {
    const f = await ready();
    const { ref } = await incidentInReview(f);
    await expect(f.core.followUp(ref, HEAD.passphrase, { kind: 'debrief', text: 'Too soon.' })).rejects.toMatchObject({
      code: 'PROCEDURE_FORBIDS',
    });
  });
});

describe('after a passphrase reset', () => {
  it('refuses a follow-up or addendum signed with a key the signed-off incident does not hold', async () => {
    const f = await makeCore();
    const { recoveryCode } = await setUp(f);
    const { ref, a } = await incidentInReview(f);
    await f.core.act(ref, a, {
      kind: 'judgement.made',
      data: { substance: true, actions: ['internal'], policeReasons: [] },
    });
    await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'Upheld.' } });
    await f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
    await f.core.lock();
    const dana = (await f.core.recoveryStaff(recoveryCode)).find((s) => s.name === DSL.name);
    const renewed = 'a lantern left burning in the boathouse';
    await f.core.recoveryReset(recoveryCode, dana?.id ?? '', renewed);
    const before = (await f.core.detail(ref)).record.chainHead;
    await expect(f.core.followUp(ref, renewed, { kind: 'debrief', text: 'Debrief held.' })).rejects.toThrow(
      /signing key was replaced .* The other reviewer adds it instead/,
    );
    await expect(f.core.addendum(ref, renewed, 'Addendum after recovery.')).rejects.toThrow(/Nothing has been written/);
    expect((await f.core.detail(ref)).record.chainHead).toEqual(before);
    await f.core.followUp(ref, HEAD.passphrase, { kind: 'debrief', text: 'Debrief held.' });
    const { job } = await f.core.startExport({
      ref,
      recipient: 'Police',
      folder: await tempDir(),
      passphrase: HEAD.passphrase,
    });
    const done = await f.core.exports.finished(job);
    expect((await f.core.verify(done.path ?? '')).problems).toEqual([]);
  });
});
