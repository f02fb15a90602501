// Preload of the app window: exposes window.countersign, one typed function per contract channel, over
// ipcRenderer.invoke.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '@shared/ipc/client';

// The page gets only these functions, never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'countersign',
  buildApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
