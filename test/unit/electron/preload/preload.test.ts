// The preload: exposes window.countersign through contextBridge, backed by ipcRenderer.invoke with the channel name.
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '@shared/ipc/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
}));

describe('preload', () => {
  it('exposes only window.countersign, with one function per channel that invokes that channel', async () => {
    await import('../../../../electron/preload/preload');
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = electron.exposeInMainWorld.mock.calls[0] ?? [];
    expect(key).toBe('countersign');
    expect(Object.keys(api as object).sort()).toEqual([...CHANNELS].sort());

    const info = {
      version: '0.1.0',
      practice: true,
      platform: 'win32',
      canPrint: true,
      defaultFolder: 'C:\\Users\\head\\Documents',
      canChooseFiles: true,
    };
    electron.invoke.mockResolvedValue({ ok: true, value: info });
    const appInfo = (api as Record<string, (request: unknown) => Promise<unknown>>)['app.info'];
    await expect(appInfo?.({})).resolves.toEqual({ ok: true, value: info });
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith('app.info', {});
  });
});
