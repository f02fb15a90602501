// A time-stamping authority that never answers is given up after the timeout, whatever the garbage collector does
// meanwhile: Node holds AbortSignal.timeout() weakly inside AbortSignal.any(), and once it was collected a scenario
// run waited for such an authority for ever.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { httpStamper } from '@main/services/tsa-client';
import { startSilentTsa } from '@test/helpers/local-tsa';

describe('a silent time-stamping authority', () => {
  it('is given up after the timeout, even with collections while it is waited for', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const silent = await startSilentTsa();
    try {
      // A long-lived signal, as head stamping passes one: aborted only when the incident closes.
      const closing = new AbortController();
      const started = performance.now();
      const outcome = httpStamper(400)(silent.url, 'ab'.repeat(32), closing.signal).then(
        () => 'answered',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      for (let i = 0; i < 6; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        gc();
      }
      const first = await Promise.race([
        outcome,
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 4 s'), 4000).unref()),
      ]);
      expect(first).toMatch(/did not answer within/);
      expect(performance.now() - started).toBeLessThan(3000);
      closing.abort();
    } finally {
      await silent.close();
    }
  });
});
