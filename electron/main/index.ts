// Composition root of the main process: app lifecycle and wiring, no logic of its own.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron';
import { APP_ENTRY_URL } from '@shared/ipc/origin';
import type { IncidentState } from '@shared/procedure/machine';
import { appInfo } from './ipc/handlers/app';
import { procedureOffered } from './ipc/handlers/procedure';
import { registerHandlers } from './ipc/register';
import { handleAppScheme, registerAppScheme } from './protocol';
import { createAppWindow } from './window';

const RENDERER_ROOT = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../preload/app.cjs', import.meta.url));

// The vault and journal service is not part of this build yet, so no incident exists on this computer.
const incidentStateOf = async (): Promise<IncidentState | null> => null;

app.enableSandbox();
registerAppScheme(protocol);

// One instance only: the journal and vault have a single writer.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let appWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!appWindow) return;
    if (appWindow.isMinimized()) appWindow.restore();
    appWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(async () => {
      handleAppScheme(protocol, RENDERER_ROOT);
      registerHandlers(
        ipcMain,
        {
          'app.info': appInfo({ version: app.getVersion(), practice: app.commandLine.hasSwitch('practice'), platform: process.platform }),
          'procedure.offered': procedureOffered(incidentStateOf),
        },
        { isAppContents: (id) => appWindow !== null && !appWindow.isDestroyed() && appWindow.webContents.id === id },
      );
      appWindow = createAppWindow(BrowserWindow, PRELOAD);
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
