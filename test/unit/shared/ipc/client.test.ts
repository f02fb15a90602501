// The API built from the contract: one function per channel, invoking the transport with its channel and parsing the
// reply.
import { describe, expect, it, vi } from 'vitest';
import { buildApi, type Invoke } from '@shared/ipc/client';
import { CHANNELS } from '@shared/ipc/contract';
import { CodedError } from '@shared/result';

describe('buildApi', () => {
  it('has exactly one function per contract channel', () => {
    const api = buildApi(vi.fn<Invoke>());
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof api[channel]).toBe('function');
  });

  it('invokes the transport with the channel name and the request, and returns the parsed reply', async () => {
    const invoke = vi.fn<Invoke>(async () => ({
      ok: true,
      value: { ref: 'INC-0001', phase: 'triage', kinds: ['triage.answered', 'note.added'] },
    }));
    const api = buildApi(invoke);
    const r = await api['procedure.offered']({ ref: 'INC-0001' });
    expect(invoke).toHaveBeenCalledExactlyOnceWith('procedure.offered', { ref: 'INC-0001' });
    expect(r).toEqual({
      ok: true,
      value: { ref: 'INC-0001', phase: 'triage', kinds: ['triage.answered', 'note.added'] },
    });
  });

  it('uses the right channel for each function', async () => {
    const invoke = vi.fn<Invoke>(async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'm' } }));
    const api = buildApi(invoke);
    await api['app.info']({});
    expect(invoke).toHaveBeenLastCalledWith('app.info', {});
  });

  it('returns a failed Result as it came', async () => {
    const api = buildApi(async () => ({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'refused' } }));
    await expect(api['app.info']({})).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: 'refused' },
    });
  });

  it('turns a malformed reply into INTERNAL instead of passing it on', async () => {
    const api = buildApi(async () => ({ ok: true, value: { version: 3 } }));
    await expect(api['app.info']({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('turns a transport failure into a Result, keeping a coded error', async () => {
    const plain = buildApi(async () => {
      throw new Error("No handler registered for 'app.info'");
    });
    await expect(plain['app.info']({})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "No handler registered for 'app.info'" },
    });
    const coded = buildApi(async () => {
      throw new CodedError('CANCELLED', 'closed');
    });
    await expect(coded['app.info']({})).resolves.toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'closed' },
    });
  });
});
