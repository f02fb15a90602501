// The renderer's only way to the main process: the typed window.countersign API the preload (or the test harness) provides.
import type { CountersignApi } from '@shared/ipc/client';

declare global {
  interface Window {
    readonly countersign?: CountersignApi;
  }
}

export type { CountersignApi };

/** The API, or a clear error when the page was opened without the preload or harness that provides it. */
export const countersign = (): CountersignApi => {
  const api = window.countersign;
  if (!api) throw new Error('window.countersign is missing: open Countersign through the app, not directly in a browser.');
  return api;
};
