// The first channels end to end through registerHandler: app.info, and procedure.offered over an incident's state.
import { describe, expect, it } from 'vitest';
import { appInfo } from '../../../electron/main/ipc/handlers/app';
import { procedureOffered } from '../../../electron/main/ipc/handlers/procedure';
import { registerHandlers } from '../../../electron/main/ipc/register';
import { INITIAL_STATE, type IncidentState } from '@shared/procedure/machine';
import { appDeps, eventFrom, FakeIpcMain } from './fakes';

const incidents = new Map<string, IncidentState>([
  ['INC-0001', { ...INITIAL_STATE, phase: 'triage', ref: 'INC-0001', reviewers: ['ah', 'ds'] }],
  ['INC-0002', { ...INITIAL_STATE, phase: 'sealed', ref: 'INC-0002', reviewers: ['ah', 'ds'] }],
]);

const wired = () => {
  const ipc = new FakeIpcMain();
  registerHandlers(
    ipc,
    {
      'app.info': appInfo({ version: '0.1.0', practice: true, platform: 'darwin' }),
      'procedure.offered': procedureOffered(async (ref) => incidents.get(ref) ?? null),
    },
    appDeps,
  );
  return ipc;
};

describe('app.info', () => {
  it('reports the version, practice mode and platform', async () => {
    await expect(wired().invoke('app.info', eventFrom(), {})).resolves.toEqual({
      ok: true,
      value: { version: '0.1.0', practice: true, platform: 'darwin' },
    });
  });
});

describe('procedure.offered', () => {
  it('offers only the triage answer (and a note) while triage is open', async () => {
    await expect(wired().invoke('procedure.offered', eventFrom(), { ref: 'INC-0001' })).resolves.toEqual({
      ok: true,
      value: { ref: 'INC-0001', phase: 'triage', kinds: ['triage.answered', 'note.added'] },
    });
  });

  it('offers addenda and export once sealed, and no capture', async () => {
    const r = await wired().invoke('procedure.offered', eventFrom(), { ref: 'INC-0002' });
    expect(r).toMatchObject({ ok: true, value: { phase: 'sealed' } });
    expect(JSON.stringify(r)).not.toContain('capture.taken');
  });

  it('says NOT_FOUND for an incident this computer does not hold', async () => {
    await expect(wired().invoke('procedure.offered', eventFrom(), { ref: 'INC-9999' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no incident INC-9999 on this computer.' },
    });
  });
});
