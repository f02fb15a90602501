// The bounded stream between PDFKit and its reader: the producer waits while too much is unread, and stops when the
// reader goes away.
import { describe, expect, it } from 'vitest';
import { boundedStream } from '@main/printing/bounded-stream';

describe('bounded stream', () => {
  it('holds the producer while more than the limit is unread, and lets it on as the reader reads', async () => {
    const s = boundedStream(10);
    s.push(new Uint8Array(6));
    s.push(new Uint8Array(6));
    let roomed = false;
    const room = s.room().then(() => (roomed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(roomed).toBe(false);
    const reader = s.readable.getReader();
    expect((await reader.read()).value?.length).toBe(6);
    await room;
    expect(roomed).toBe(true);
    s.end();
    expect((await reader.read()).value?.length).toBe(6);
    expect((await reader.read()).done).toBe(true);
  });

  it('gives the reader the producer’s failure, and the producer a cancelled reader', async () => {
    const failed = boundedStream(10);
    failed.fail(new Error('disk on fire'));
    await expect(failed.readable.getReader().read()).rejects.toThrow('disk on fire');
    const cancelled = boundedStream(1);
    cancelled.push(new Uint8Array(4));
    await cancelled.readable.cancel(new Error('export cancelled'));
    await expect(cancelled.room()).rejects.toThrow('export cancelled');
  });
});
