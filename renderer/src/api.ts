// The renderer's only way to the main process: the typed window.countersign API the preload (or the test harness)
// provides.
import type { CountersignApi } from '@shared/ipc/client';
import type { Channel, ReplyOf, RequestOf } from '@shared/ipc/contract';
import type { Result } from '@shared/result';

declare global {
  interface Window {
    readonly countersign?: CountersignApi;
  }
}

export type { CountersignApi };

/** The API, or a clear error when the page was opened without the preload or harness that provides it. */
export const countersign = (): CountersignApi => {
  const api = window.countersign;
  if (!api)
    throw new Error('window.countersign is missing: open Countersign through the app, not directly in a browser.');
  return api;
};

/** One request on one channel; anything thrown on the way becomes a Result too, so screens handle one shape. */
export const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ReplyOf<C>>> => {
  try {
    return await countersign()[channel](request);
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
  }
};
