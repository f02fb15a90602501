// Asks an RFC 3161 time-stamping authority over HTTP for a token, with a short timeout: the laptop is offline in most
// schools, so an authority that cannot be reached fails fast and nothing waits for it.
import { randomBytes } from 'node:crypto';
import type { TimestampFacts } from '@shared/evidence/timestamp/rfc3161';
import { CodedError } from '@shared/result';

/** How long an authority has to answer. */
export const TSA_TIMEOUT_MS = 5000;
/** A reply larger than this is not a time-stamp token (they are a few kilobytes with the certificate). */
const MAX_REPLY_BYTES = 64 * 1024;

export interface StampedReply {
  /** The authority's reply (TimeStampResp), DER. */
  reply: Uint8Array;
  facts: TimestampFacts;
}

/**
 * Asks for a token over `imprintHex` (a SHA-256); resolves with the reply or rejects with why, in plain words. `signal`
 * gives the request up at once (the incident closed), so that no connection outlives what asked for it.
 */
export type Stamper = (url: string, imprintHex: string, signal?: AbortSignal) => Promise<StampedReply>;

const unreachable = (url: string, e: unknown): CodedError => {
  const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : '';
  return new CodedError(
    'IO_ERROR',
    timedOut
      ? `The time-stamping authority at ${url} did not answer within ${TSA_TIMEOUT_MS / 1000} seconds.`
      : `The time-stamping authority at ${url} could not be reached${cause ? ` (${cause})` : ''}.`,
  );
};

export const httpStamper =
  (timeoutMs = TSA_TIMEOUT_MS): Stamper =>
  async (url, imprintHex, signal) => {
    // pkijs (about 15 MB) is loaded only when a bundle is stamped, not by every export that checks a passphrase.
    const { readTimestampReply, timestampRequest } = await import('@shared/evidence/timestamp/rfc3161');
    const nonce = randomBytes(8);
    const body = timestampRequest(imprintHex, nonce);
    let bytes: Uint8Array;
    // The timeout is a timer of our own that aborts a controller we hold, not AbortSignal.timeout() inside
    // AbortSignal.any(): Node holds those signals weakly, and once collected a silent authority was waited for for ever
    // (a scenario run hung after its last step, now and then, as collections fell).
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
    const stop = () => giveUp.abort(signal?.reason);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: Buffer.from(body),
        signal: giveUp.signal,
        redirect: 'error',
      });
      if (!res.ok) throw new CodedError('IO_ERROR', `The time-stamping authority at ${url} answered ${res.status}.`);
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw e instanceof CodedError ? e : unreachable(url, e);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }
    if (bytes.length > MAX_REPLY_BYTES)
      throw new CodedError('IO_ERROR', `The time-stamping authority at ${url} sent something too large to be a token.`);
    let facts: TimestampFacts;
    try {
      facts = readTimestampReply(bytes);
    } catch (e) {
      throw new CodedError('IO_ERROR', `The time-stamping authority at ${url} did not give a token: ${String(e)}.`);
    }
    if (facts.imprintHex !== imprintHex)
      throw new CodedError('IO_ERROR', `The time-stamping authority at ${url} stamped something else.`);
    return { reply: bytes, facts };
  };
