// Every channel's handler wired over a real AppCore through registerHandlers: what the window gets back, and what it
// cannot send.
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '@shared/ipc/contract';
import { appHandlers } from '@main/ipc/handlers/all-handlers';
import { registerHandlers } from '@main/ipc/register-handlers';
import { DSL, HEAD, makeCore, setUp, type Fixture } from '@test/unit/electron/main/app/core-fixture';
import { appDeps, eventFrom, FakeIpcMain } from '@test/unit/electron/main/ipc/ipc-fakes';

const FACTS = {
  version: '0.1.0',
  platform: 'darwin',
  canPrint: true,
  defaultFolder: '/Users/head/Documents',
  canChooseFiles: true,
};

let f: Fixture;
let ipc: FakeIpcMain;
const call = (channel: string, request: unknown) => ipc.invoke(channel, eventFrom(), request);

beforeEach(async () => {
  f = await makeCore();
  ipc = new FakeIpcMain();
  registerHandlers(ipc, appHandlers(f.core, { ...FACTS, verifierFolder: '/nowhere/verifier' }), appDeps);
});

describe('the app handlers', () => {
  it('answer every channel of the contract', () => {
    expect([...ipc.listeners.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('report the facts of the running app, with practice mode as it is now', async () => {
    await expect(call('app.info', {})).resolves.toEqual({ ok: true, value: { ...FACTS, practice: false } });
    await call('app.practice', { on: true });
    await expect(call('app.info', {})).resolves.toMatchObject({ ok: true, value: { practice: true } });
  });

  it('say that Countersign is not set up, then locked, in words a person can act on', async () => {
    await expect(call('app.status', {})).resolves.toMatchObject({ ok: true, value: { setUp: false, unlocked: false } });
    await setUp(f);
    await call('vault.lock', {});
    await expect(call('incidents.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'PROCEDURE_FORBIDS', message: 'Countersign is locked. Unlock it with your passphrase first.' },
    });
    await expect(call('vault.unlock', { passphrase: DSL.passphrase })).resolves.toMatchObject({
      ok: true,
      value: { unlocked: true },
    });
  });

  it('start an incident and carry a procedure step, refusing kinds that have their own channel', async () => {
    await setUp(f);
    const started = (await call('incident.start', {
      passphrases: [HEAD.passphrase, DSL.passphrase],
      reason: 'Reported by a parent.',
      subject: { kind: 'pupil', ref: 'P-1' },
      category: 'Cyberbullying',
    })) as { ok: true; value: { ref: string; record: { reviewers: { id: string }[] } } };
    expect(started.ok).toBe(true);
    const { ref } = started.value;
    const actor = started.value.record.reviewers[0]?.id;
    await expect(call('procedure.offered', { ref })).resolves.toEqual({
      ok: true,
      value: { ref, phase: 'clock', kinds: ['clock.confirmed', 'note.added', 'told.recorded'] },
    });
    const sha = 'a'.repeat(64);
    const sneaky = {
      kind: 'capture.taken',
      data: { sha256: sha, bytes: 1, width: 1, height: 1, url: 'x', title: 'x', mode: 'viewport' },
    };
    await expect(call('incident.act', { ref, actor, command: sneaky })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const clock = { kind: 'clock.confirmed', data: { shownAt: new Date().toISOString(), offsetMs: 0 } };
    await expect(call('incident.act', { ref, actor, command: clock })).resolves.toMatchObject({
      ok: true,
      value: { phase: 'triage' },
    });
  });

  it('refuse a category, draft key or capture hash outside the contract before any service sees it', async () => {
    await setUp(f);
    const start = {
      passphrases: [HEAD.passphrase, DSL.passphrase],
      reason: 'r',
      subject: { kind: 'pupil', ref: 'P' },
      category: 'Made up',
    };
    await expect(call('incident.start', start)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(call('drafts.put', { key: '../../keys', value: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(call('review.reveal', { ref: 'CS-20260101-ABCDEF', sha256: '../x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(call('review.view-bounds', { bounds: { x: -5, y: 0, width: 10, height: 10 } })).resolves.toMatchObject(
      { ok: false },
    );
    expect(f.bounds).toEqual([]);
  });

  it('pass the placeholder bounds through to the evidence view, and null to hide it', async () => {
    await call('review.view-bounds', { bounds: { x: 10, y: 200, width: 800, height: 400 } });
    await call('review.view-bounds', { bounds: null });
    expect(f.bounds).toEqual([{ x: 10, y: 200, width: 800, height: 400 }, null]);
  });

  it('keep and return a draft, and say NOT_FOUND for an incident this computer does not hold', async () => {
    await setUp(f);
    await expect(
      call('drafts.put', { key: 'new-incident:start', value: { reason: 'typed so far', subjectKind: 'pupil' } }),
    ).resolves.toEqual({ ok: true, value: {} });
    await expect(call('drafts.get', { key: 'new-incident:start' })).resolves.toEqual({
      ok: true,
      value: { value: { reason: 'typed so far', subjectKind: 'pupil' } },
    });
    await expect(call('procedure.offered', { ref: 'CS-20260101-ABCDEF' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(call('incident.get', { ref: 'CS-20260101-ABCDEF' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('say there is no print dialog when the printer has none', async () => {
    await setUp(f);
    await expect(call('export.status', { job: '00000000-0000-4000-8000-000000000000' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(call('files.choose-folder', {})).resolves.toEqual({ ok: true, value: { folder: null } });
  });
});
