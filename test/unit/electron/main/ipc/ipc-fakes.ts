// Test doubles for the IPC glue: an ipcMain that records listeners, and invoke events from chosen senders.
import type { InvokeEventLike, InvokeListener, IpcMainLike } from '@main/ipc/register-handlers';

export const APP_CONTENTS_ID = 7;
export const APP_PAGE = 'countersign://app/index.html';

export const appDeps = { isAppContents: (id: number) => id === APP_CONTENTS_ID };

export const eventFrom = (
  url: string = APP_PAGE,
  options: { parent?: unknown; contentsId?: number; noFrame?: boolean } = {},
): InvokeEventLike => ({
  sender: { id: options.contentsId ?? APP_CONTENTS_ID },
  senderFrame: options.noFrame ? null : { url, parent: options.parent ?? null },
});

export class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }

  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener(event, ...args);
  }
}
