// Composition root of the main process: app lifecycle and wiring, no logic of its own.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, WebContentsView } from 'electron';
import type { Bounds } from '@shared/ipc/contract';
import { APP_ENTRY_URL } from '@shared/ipc/origin';
import { CodedError } from '@shared/result';
import { AppCore } from './app/app-core';
import { electronPowerPort } from './app/auto-lock';
import { isHaltShortcut } from './app/shortcut';
import { openElectronEvidenceBrowser } from './browser/electron-evidence-browser';
import { appHandlers } from './ipc/handlers/all-handlers';
import { registerHandlers } from './ipc/register-handlers';
import { servePracticeSites } from './practice/practice-sites';
import { createElectronPrinter, type ElectronPrinter } from './printing/electron-printer';
import { handleAppScheme, registerAppScheme } from './protocol';
import { systemClock } from './services/clock';
import { workerVerifier } from './verify/bundle-verifier';
import { appMenuTemplate, createAppWindow } from './window';

const RENDERER_ROOT = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../preload/app.cjs', import.meta.url));
// From out/main: resources/practice sits beside out/ in the repository, and in app.asar (electron-builder.yml).
const PRACTICE_ROOT = fileURLToPath(new URL('../../resources/practice/', import.meta.url));
/** Built beside this file (electron.vite.config.ts): bundles are checked in a worker thread, never in this one. */
const VERIFY_WORKER = new URL('./verify-worker.js', import.meta.url);
/** The stand-alone HTML verifier: beside the packaged app (electron-builder.yml extraResources), or in out/verifier. */
const standaloneVerifierFolder = (): string =>
  app.isPackaged ? join(process.resourcesPath, 'verifier') : fileURLToPath(new URL('../verifier/', import.meta.url));

app.enableSandbox();
// UK English wherever the engine chooses a language or format (dates, spell-checking, Accept-Language): schools in
// England read day/month/year.
app.commandLine.appendSwitch('lang', 'en-GB');
registerAppScheme(protocol);

// One instance only: the journal and vault have a single writer.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let appWindow: BrowserWindow | null = null;
  let evidenceView: WebContentsView | null = null;
  let viewBounds: Bounds | null = null;
  let printer: ElectronPrinter | null = null;

  /** The evidence view sits over the review screen's placeholder; hidden whenever the screen has none. */
  const placeView = (): void => {
    const view = evidenceView;
    if (!view || view.webContents.isDestroyed()) return;
    if (viewBounds && viewBounds.width > 0 && viewBounds.height > 0) {
      view.setBounds(viewBounds);
      view.setVisible(true);
    } else {
      view.setVisible(false);
    }
  };

  const core = new AppCore({
    dataDir: join(app.getPath('userData'), 'vault'),
    clock: systemClock,
    version: app.getVersion(),
    practice: app.commandLine.hasSwitch('practice'),
    launchBrowser: async ({ safeView }) => {
      if (!appWindow) throw new Error('The Countersign window is closed.');
      const { browser, view } = await openElectronEvidenceBrowser({
        WebContentsView,
        session,
        host: appWindow.contentView,
        safeView,
      });
      evidenceView = view;
      // The halt must work while the page under review has the keyboard, too.
      view.webContents.on('before-input-event', (event, input) => {
        if (!isHaltShortcut(input)) return;
        event.preventDefault();
        // Refused (no review in progress by now): nothing to halt, and the review screen already shows why.
        void core
          .haltActive()
          .catch((e: unknown) => {
            if (!(e instanceof CodedError)) throw e;
          })
          .finally(() => appWindow?.webContents.focus());
      });
      placeView();
      return browser;
    },
    printer: async () => {
      printer ??= createElectronPrinter({ BrowserWindow, session });
      return printer;
    },
    practiceSites: () => servePracticeSites(PRACTICE_ROOT),
    verifier: workerVerifier(VERIFY_WORKER),
    power: electronPowerPort(() => powerMonitor),
    onViewBounds: (bounds) => {
      viewBounds = bounds;
      placeView();
    },
    chooseFolder: async () => {
      if (!appWindow) return null;
      const r = await dialog.showOpenDialog(appWindow, {
        title: 'Choose where to save',
        properties: ['openDirectory', 'createDirectory'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    chooseBundle: async () => {
      if (!appWindow) return null;
      const r = await dialog.showOpenDialog(appWindow, {
        title: 'Choose an evidence bundle to check',
        properties: ['openFile'],
        filters: [{ name: 'Evidence bundle', extensions: ['zip'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  });

  app.on('second-instance', () => {
    if (!appWindow) return;
    if (appWindow.isMinimized()) appWindow.restore();
    appWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    // The page under review is torn down and the keys forgotten before the process ends.
    void core
      .close()
      .then(() => printer?.close())
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      handleAppScheme(protocol, RENDERER_ROOT);
      registerHandlers(
        ipcMain,
        appHandlers(core, {
          version: app.getVersion(),
          platform: process.platform,
          canPrint: true,
          defaultFolder: app.getPath('documents'),
          canChooseFiles: true,
          verifierFolder: standaloneVerifierFolder(),
        }),
        { isAppContents: (id) => appWindow !== null && !appWindow.isDestroyed() && appWindow.webContents.id === id },
      );
      const template = appMenuTemplate(process.platform);
      Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
      appWindow = createAppWindow(BrowserWindow, PRELOAD, { devTools: !app.isPackaged });
      appWindow.on('closed', () => {
        appWindow = null;
      });
      await appWindow.loadURL(APP_ENTRY_URL);
    })
    .catch((e: unknown) => {
      dialog.showErrorBox('Countersign could not start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}
