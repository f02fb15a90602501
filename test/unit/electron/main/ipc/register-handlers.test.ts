// registerHandler: only the app window's main frame may call, requests and replies are parsed, thrown errors become
// failed Results.
import { describe, expect, it, vi } from 'vitest';
import { registerHandler, registerHandlers, type Handler, type Handlers } from '@main/ipc/register-handlers';
import { CHANNELS } from '@shared/ipc/contract';
import { procedureOffered } from '@main/ipc/handlers/procedure-handlers';
import { CodedError } from '@shared/result';
import { appDeps, eventFrom, FakeIpcMain } from './ipc-fakes';

const INFO = {
  version: '0.1.0',
  practice: false,
  platform: 'linux',
  canPrint: true,
  defaultFolder: '/home/head/Documents',
  canChooseFiles: true,
};
const info: Handler<'app.info'> = () => INFO;
const none = (): never => {
  throw new CodedError('NOT_FOUND', 'none');
};

const setup = <C extends 'app.info' | 'procedure.offered'>(channel: C, handler: Handler<C>) => {
  const ipc = new FakeIpcMain();
  const spy = vi.fn(handler);
  registerHandler(ipc, channel, spy, appDeps);
  return { ipc, spy };
};

describe('registerHandler', () => {
  it('answers a valid call from the app window with ok and the reply', async () => {
    const { ipc, spy } = setup('app.info', info);
    await expect(ipc.invoke('app.info', eventFrom(), {})).resolves.toEqual({
      ok: true,
      value: INFO,
    });
    expect(spy).toHaveBeenCalledOnce();
  });

  it('passes the parsed request to the handler', async () => {
    const { ipc, spy } = setup('procedure.offered', none);
    await ipc.invoke('procedure.offered', eventFrom(), { ref: 'INC-0001' });
    expect(spy).toHaveBeenCalledWith({ ref: 'INC-0001' });
  });

  it('refuses a bad payload with INVALID_INPUT naming the field, without calling the handler', async () => {
    const { ipc, spy } = setup('procedure.offered', none);
    const r = await ipc.invoke('procedure.offered', eventFrom(), { ref: 'lower case' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(r)).toContain('procedure.offered: ref:');
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses keys the contract does not name, and missing or extra arguments', async () => {
    const { ipc, spy } = setup('app.info', info);
    await expect(ipc.invoke('app.info', eventFrom(), { admin: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(ipc.invoke('app.info', eventFrom())).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(ipc.invoke('app.info', eventFrom(), {}, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    ['a foreign origin', eventFrom('https://evil.example/')],
    ['a look-alike host', eventFrom('countersign://app.evil/index.html')],
    ['a userinfo trick', eventFrom('countersign://app@evil/index.html')],
    ['a file: page', eventFrom('file:///C:/app/index.html')],
    [
      'a sub-frame of the app',
      eventFrom('countersign://app/index.html', { parent: { url: 'countersign://app/index.html' } }),
    ],
    ['another webContents', eventFrom('countersign://app/index.html', { contentsId: 99 })],
    ['a destroyed frame', eventFrom('countersign://app/index.html', { noFrame: true })],
  ])('refuses %s with FORBIDDEN_SENDER and never calls the handler', async (_what, event) => {
    const { ipc, spy } = setup('app.info', info);
    await expect(ipc.invoke('app.info', event, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('checks the sender before the payload', async () => {
    const { ipc } = setup('app.info', info);
    await expect(ipc.invoke('app.info', eventFrom('https://evil.example/'), 'not an object')).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('keeps the code of a thrown CodedError', async () => {
    const { ipc } = setup('procedure.offered', () => {
      throw new CodedError('CAPTURE_LOCKED', 'Capture is locked for this incident.');
    });
    await expect(ipc.invoke('procedure.offered', eventFrom(), { ref: 'INC-0001' })).resolves.toEqual({
      ok: false,
      error: { code: 'CAPTURE_LOCKED', message: 'Capture is locked for this incident.' },
    });
  });

  it('turns any other thrown error, sync or async, into INTERNAL', async () => {
    const { ipc } = setup('procedure.offered', async () => {
      throw new Error('disk on fire');
    });
    await expect(ipc.invoke('procedure.offered', eventFrom(), { ref: 'INC-0001' })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'disk on fire' },
    });
  });

  it("passes the handler's refusal through unchanged", async () => {
    const { ipc } = setup(
      'procedure.offered',
      procedureOffered(async () => null),
    );
    await expect(ipc.invoke('procedure.offered', eventFrom(), { ref: 'INC-0001' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no incident INC-0001 on this computer.' },
    });
  });

  it('never returns a reply that breaks the contract, and strips fields the contract does not name', async () => {
    const broken = setup(
      'procedure.offered',
      () => ({ ref: 'INC-0001', phase: 'review', kinds: ['not.a.kind'] }) as never,
    );
    await expect(broken.ipc.invoke('procedure.offered', eventFrom(), { ref: 'INC-0001' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    const leaky = setup('app.info', () => ({ ...INFO, secret: 'x' }));
    await expect(leaky.ipc.invoke('app.info', eventFrom(), {})).resolves.toEqual({
      ok: true,
      value: INFO,
    });
  });
});

describe('registerHandlers', () => {
  it('registers every channel of the contract exactly once', () => {
    const ipc = new FakeIpcMain();
    registerHandlers(ipc, Object.fromEntries(CHANNELS.map((c) => [c, none])) as unknown as Handlers, appDeps);
    expect([...ipc.listeners.keys()].sort()).toEqual([...CHANNELS].sort());
  });
});
