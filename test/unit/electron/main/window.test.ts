// The app window: secure web preferences, popups and foreign navigation refused, every permission denied.
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { appMenuTemplate, appWindowOptions, createAppWindow, type GuardedContentsLike } from '@main/window';

type Listener = (event: { url: string; preventDefault(): void }) => void;

class FakeContents implements GuardedContentsLike {
  readonly listeners = new Map<string, Listener[]>();
  openHandler: (() => { action: 'deny' }) | null = null;
  permissionRequest: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  permissionCheck: (() => boolean) | null = null;
  readonly session = {
    setPermissionRequestHandler: (h: NonNullable<FakeContents['permissionRequest']>) => {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler: (h: () => boolean) => {
      this.permissionCheck = h;
    },
  };

  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  /** Emits a navigation-like event and says whether some listener prevented it. */
  emit(event: string, url = ''): boolean {
    let prevented = false;
    for (const l of this.listeners.get(event) ?? []) l({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

class FakeWindow {
  static last: FakeWindow | null = null;
  readonly webContents = new FakeContents();
  readonly show = vi.fn();
  private readyListener: (() => void) | null = null;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.last = this;
  }

  once(_event: 'ready-to-show', listener: () => void): this {
    this.readyListener = listener;
    return this;
  }

  becomeReady(): void {
    this.readyListener?.();
  }
}

describe('appWindowOptions', () => {
  it('sandboxes and isolates the renderer, with the given preload and no Node', () => {
    const prefs = appWindowOptions('/app/out/preload/app.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/app.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(appWindowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('gives no menu with Reload or developer tools, on any platform', () => {
    expect(appMenuTemplate('win32')).toBeNull();
    expect(appMenuTemplate('linux')).toBeNull();
    expect(appMenuTemplate('darwin')?.map((m) => m.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
  });
});

describe('createAppWindow', () => {
  const open = () => {
    const win = createAppWindow(FakeWindow, '/p/app.cjs');
    return { win, contents: win.webContents };
  };

  it('builds the window from appWindowOptions and shows it once ready', () => {
    const { win } = open();
    expect(win.options).toEqual(appWindowOptions('/p/app.cjs'));
    expect(win.show).not.toHaveBeenCalled();
    win.becomeReady();
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('denies window.open', () => {
    const { contents } = open();
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('refuses navigation and redirects off the app origin, in any frame, and allows the app itself', () => {
    const { contents } = open();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.emit(event, 'https://example.com/'), event).toBe(true);
      expect(contents.emit(event, 'file:///etc/passwd'), event).toBe(true);
      expect(contents.emit(event, 'countersign://app.evil/'), event).toBe(true);
      expect(contents.emit(event, 'countersign://app/index.html'), event).toBe(false);
    }
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = open();
    expect(contents.emit('will-attach-webview')).toBe(true);
  });

  it('denies every permission request and check of the app session', () => {
    const { contents } = open();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      contents.permissionRequest?.(null, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(contents.permissionCheck?.()).toBe(false);
  });
});
