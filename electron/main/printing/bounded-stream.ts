// A byte stream between a producer that pushes (PDFKit) and a consumer that pulls (a zip entry, a file): the producer
// waits while more than a fixed amount is unread, so memory stays flat however much is made.

export interface BoundedStream {
  /** What the consumer reads. Cancelling it makes the producer's next wait throw. */
  readonly readable: ReadableStream<Uint8Array>;
  push(chunk: Uint8Array): void;
  /** Resolves once the unread bytes are below the limit; throws if the consumer cancelled. */
  room(): Promise<void>;
  end(): void;
  fail(error: unknown): void;
}

export const boundedStream = (limitBytes: number): BoundedStream => {
  const queue: Uint8Array[] = [];
  let queued = 0;
  let ended = false;
  let failure: { error: unknown } | null = null;
  let cancelled: { reason: unknown } | null = null;
  let wakeReader: (() => void) | null = null;
  let wakeWriter: (() => void) | null = null;
  const wake = (which: 'reader' | 'writer'): void => {
    const w = which === 'reader' ? wakeReader : wakeWriter;
    if (which === 'reader') wakeReader = null;
    else wakeWriter = null;
    w?.();
  };
  const readable = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (queue.length === 0 && !ended && !failure) await new Promise<void>((r) => (wakeReader = r));
        const chunk = queue.shift();
        if (chunk) {
          queued -= chunk.length;
          controller.enqueue(chunk);
          if (queued < limitBytes) wake('writer');
        } else if (failure) controller.error(failure.error);
        else controller.close();
      },
      cancel(reason) {
        cancelled = { reason };
        queue.length = 0;
        queued = 0;
        wake('writer');
      },
    },
    { highWaterMark: 0 },
  );
  return {
    readable,
    push(chunk) {
      if (cancelled || chunk.length === 0) return;
      queue.push(chunk);
      queued += chunk.length;
      wake('reader');
    },
    async room() {
      while (!cancelled && queued >= limitBytes) await new Promise<void>((r) => (wakeWriter = r));
      if (cancelled) throw cancelled.reason instanceof Error ? cancelled.reason : new Error('The reader stopped.');
    },
    end() {
      ended = true;
      wake('reader');
    },
    fail(error) {
      failure = { error };
      wake('reader');
    },
  };
};
