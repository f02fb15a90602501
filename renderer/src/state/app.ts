// UI state of the whole app (zustand): what the main process said about itself, where the user is, and who unlocked it.
import { create } from 'zustand';
import type { AppStatus, ReplyOf } from '@shared/ipc/contract';
import type { AppError } from '@shared/result';
import { call } from '../api';

export type Route =
  | { name: 'home' }
  | { name: 'start' }
  | { name: 'incident'; ref: string }
  | { name: 'delete'; ref: string }
  | { name: 'settings' }
  | { name: 'verify' };

export type AppInfo = ReplyOf<'app.info'>;

interface AppStore {
  info: AppInfo | null;
  status: AppStatus | null;
  route: Route;
  /** Countersign could not start at all. */
  fatal: AppError | null;
  go(route: Route): void;
  setStatus(status: AppStatus): void;
  load(): Promise<void>;
}

export const useApp = create<AppStore>((set) => ({
  info: null,
  status: null,
  route: { name: 'home' },
  fatal: null,
  go: (route) => set({ route }),
  setStatus: (status) => set({ status }),
  load: async () => {
    const [info, status] = await Promise.all([call('app.info', {}), call('app.status', {})]);
    if (!info.ok) set({ fatal: info.error });
    else if (!status.ok) set({ fatal: status.error });
    else set({ info: info.value, status: status.value, fatal: null });
  },
}));
