// The one way a main-process service is reachable over IPC: sender check, request parse, reply parse, and the one place
// a thrown error becomes the reply's Result.
import type { z } from 'zod';
import {
  contract,
  CHANNELS,
  type Channel,
  type ChannelSchemas,
  type ParsedRequestOf,
  type ReplyInputOf,
  type ReplyOf,
} from '@shared/ipc/contract';
import { isAppUrl } from '@shared/ipc/origin';
import { fail, ok, toAppError, type Result } from '@shared/result';

/** The part of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** The part of Electron's ipcMain this module uses, so it runs in plain Node under test. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
}

export interface RegisterDeps {
  /** True for the webContents of the app window; any other webContents is refused. */
  readonly isAppContents: (webContentsId: number) => boolean;
}

/**
 * A channel's service: gets the parsed request and returns the reply, or throws to refuse (a CodedError keeps its
 * code, anything else becomes INTERNAL).
 */
export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => ReplyInputOf<C> | Promise<ReplyInputOf<C>>;

export type Handlers = { readonly [C in Channel]: Handler<C> };

const FORBIDDEN = 'This request did not come from the Countersign window, so it was refused.';

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`;
};

/** Only the main frame of the app window, showing a page of the app's own origin, may call. */
const isTrustedSender = (event: InvokeEventLike, deps: RegisterDeps): boolean => {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url) && deps.isAppContents(event.sender.id);
};

const respond = async <C extends Channel>(
  channel: C,
  handler: Handler<C>,
  deps: RegisterDeps,
  event: InvokeEventLike,
  args: readonly unknown[],
): Promise<Result<ReplyOf<C>>> => {
  if (!isTrustedSender(event, deps)) return fail('FORBIDDEN_SENDER', FORBIDDEN);
  if (args.length !== 1)
    return fail('INVALID_INPUT', `${channel}: expected one request object, got ${args.length} arguments.`);
  const schemas: ChannelSchemas = contract[channel];
  const request = schemas.request.safeParse(args[0]);
  if (!request.success) return fail('INVALID_INPUT', `${channel}: ${firstIssue(request.error)}`);
  let returned: unknown;
  try {
    // The request was parsed by this channel's request schema.
    returned = await handler(request.data as ParsedRequestOf<C>);
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
  // Every reply is parsed, in production too: the cost is small and nothing unchecked crosses the boundary.
  const reply = schemas.reply.safeParse(returned);
  if (!reply.success)
    return fail('INTERNAL', `${channel}: the reply did not match the contract (${firstIssue(reply.error)}).`);
  return ok(reply.data as ReplyOf<C>);
};

export const registerHandler = <C extends Channel>(
  ipc: IpcMainLike,
  channel: C,
  handler: Handler<C>,
  deps: RegisterDeps,
): void => {
  ipc.handle(channel, (event, ...args) => respond(channel, handler, deps, event, args));
};

/** Registers every channel of the contract; the Handlers type makes a missing channel a compile error. */
export const registerHandlers = (ipc: IpcMainLike, handlers: Handlers, deps: RegisterDeps): void => {
  const register = <C extends Channel>(channel: C): void => registerHandler(ipc, channel, handlers[channel], deps);
  CHANNELS.forEach(register);
};
