// The app window: locked-down web preferences, no popups, no navigation off the app origin, no permission granted.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { isAppUrl } from '@shared/ipc/origin';

export interface AppWindowSettings {
  /** Only in development: a packaged app's window has no developer tools to open on the evidence it shows. */
  devTools: boolean;
}

export const appWindowOptions = (
  preloadPath: string,
  settings: AppWindowSettings = { devTools: false },
): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 860,
  minWidth: 960,
  minHeight: 640,
  title: 'Countersign',
  // Shown once the first paint is ready, so staff never see a blank white frame.
  show: false,
  webPreferences: {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium would fetch spell-check dictionaries from Google's servers; the laptop stays offline.
    spellcheck: false,
    devTools: settings.devTools,
  },
});

/**
 * The application menu: none on Windows and Linux, and on macOS only the app, Edit (for copy and paste)
 * and Window menus; never Electron's default with Reload and Toggle Developer Tools.
 */
export const appMenuTemplate = (platform: string): MenuItemConstructorOptions[] | null =>
  platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }] : null;

interface PreventableEvent {
  preventDefault(): void;
}

interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

/** The part of Electron's Session the app window's guards use. */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** The part of Electron's WebContents the app window's guards use. */
export interface GuardedContentsLike {
  readonly session: PermissionSessionLike;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (details: NavigationEvent) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

const stayOnApp = (details: NavigationEvent): void => {
  if (!isAppUrl(details.url)) details.preventDefault();
};

/**
 * Denies popups, webviews, navigation and redirects off the app origin, and every permission request of the app's
 * session.
 */
export const guardAppContents = (contents: GuardedContentsLike): void => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
};

/** The part of Electron's BrowserWindow used to create the app window. */
export interface AppWindowLike {
  readonly webContents: GuardedContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

/**
 * Creates the guarded app window (Electron's BrowserWindow in production). The caller loads
 * APP_ENTRY_URL once it holds the window, so IPC from the first page load already knows its sender.
 */
export const createAppWindow = <W extends AppWindowLike>(
  Window: new (options: BrowserWindowConstructorOptions) => W,
  preloadPath: string,
  settings: AppWindowSettings = { devTools: false },
): W => {
  const win = new Window(appWindowOptions(preloadPath, settings));
  guardAppContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  return win;
};
