// A payload file on its way into the zip: counted for the progress bar and hashed, for the manifest, as it is read.
import type { PayloadDigest } from '@shared/evidence/bundle/bag-layout';
import { CodedError } from '@shared/result';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../services/crypto';
import type { ZipItem } from './zip';

/** A payload file's bytes: in memory, or a stream opened only when its turn comes in the zip. */
export type PayloadBytes = Uint8Array | (() => ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>);

/** A capture whose bytes are not those its name (its SHA-256) promises. */
export const altered = (sha256: string): CodedError =>
  new CodedError('CORRUPT', `Capture ${sha256.slice(0, 12)}… does not match its hash: it has been altered or damaged.`);

/** A payload file on its way into the zip. */
export interface PayloadItem {
  path: string;
  bytes: PayloadBytes;
  /** Expected size, for progress. */
  size: number;
  /** The SHA-256 its bytes must have (the captures are named by theirs). */
  sha256?: string;
  /** Its stream fails unless its bytes have that SHA-256. */
  selfChecked?: boolean;
}

/** Counts and hashes a payload file's bytes as the zip reads them, and checks the hash it must have at the end. */
export const measured = (
  item: PayloadItem,
  onBytes: (n: number) => void,
  done: (d: PayloadDigest) => void,
): ZipItem['bytes'] => {
  if (item.bytes instanceof Uint8Array) {
    const bytes = item.bytes;
    const sha256 = sha256Hex(bytes);
    if (item.sha256 !== undefined && item.sha256 !== sha256) throw altered(item.sha256);
    return () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
          onBytes(bytes.length);
          done({ path: item.path, sha256, size: bytes.length });
        },
      });
  }
  const open = item.bytes;
  // A stream that checks itself fails before it closes unless its bytes have the SHA-256 it gives: not hashed again.
  const known = item.selfChecked ? item.sha256 : undefined;
  return async () => {
    const hash = known === undefined ? createHash('sha256') : null;
    let size = 0;
    const count = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash?.update(chunk);
        size += chunk.length;
        onBytes(chunk.length);
        controller.enqueue(chunk);
      },
      // Reached only once the stream has closed.
      flush() {
        const sha256 = known ?? hash?.digest('hex') ?? '';
        if (item.sha256 !== undefined && item.sha256 !== sha256) throw altered(item.sha256);
        done({ path: item.path, sha256, size });
      },
    });
    return (await open()).pipeThrough(count);
  };
};
