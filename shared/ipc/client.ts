// Builds the typed window.countersign API from the contract over any invoke transport (Electron IPC, or the test
// harness's binding).
import { toAppError, type Result } from '../result';
import { CHANNELS, contract, type Channel, type ReplyOf, type RequestOf } from './contract';
import { resultSchema } from './result-schema';

/** Sends one request on a channel and resolves with whatever came back, unparsed. */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;

/** One function per channel: the request in, the parsed Result of the reply out. */
export type CountersignApi = {
  readonly [C in Channel]: (request: RequestOf<C>) => Promise<Result<ReplyOf<C>>>;
};

const caller =
  <C extends Channel>(invoke: Invoke, channel: C) =>
  async (request: RequestOf<C>): Promise<Result<ReplyOf<C>>> => {
    let raw: unknown;
    try {
      raw = await invoke(channel, request);
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
    const parsed = resultSchema(contract[channel].reply).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `${channel}: malformed reply at ${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}`,
        },
      };
    }
    // The schema is this channel's reply schema, so the parsed data is this channel's Result.
    return parsed.data as Result<ReplyOf<C>>;
  };

export const buildApi = (invoke: Invoke): CountersignApi =>
  Object.freeze(Object.fromEntries(CHANNELS.map((channel) => [channel, caller(invoke, channel)]))) as CountersignApi;
