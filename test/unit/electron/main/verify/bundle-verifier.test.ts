// The app's verifier runs in a worker thread: the same report as in this thread, while the main thread (where the halt
// and the window are handled) stays free; a worker that fails is a report, never a throw.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '@main/export/exporter';
import { stampPdfMetadata, type PdfMetadata } from '@main/export/pdf-stamp';
import { inProcessVerifier, workerVerifier, type BundleVerifier } from '@main/verify/bundle-verifier';
import { repoPath } from '@test/helpers/repo';
import { buildIncident, minimalPdf } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

/** The worker as `npm run build` (and the tests' set-up) builds it beside the command line. */
const WORKER = new URL(`file://${repoPath('out/cli/verify-worker.mjs')}`);

/** How busy this thread was while `run` ran (event-loop utilisation, 0 to 1), and the longest a 5 ms timer waited. */
const busyWhile = async <T>(
  run: () => Promise<T>,
): Promise<{ value: T; utilisation: number; worstDelayMs: number }> => {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  const before = performance.eventLoopUtilization();
  const value = await run();
  const utilisation = performance.eventLoopUtilization(before).utilization;
  clearInterval(timer);
  return { value, utilisation, worstDelayMs: worst };
};

describe('BundleVerifier', () => {
  it('a worker gives the same report as this thread, and leaves this thread free while it checks 40 MB', async () => {
    const built = await buildIncident();
    const big = minimalPdf('Screenshots', 40 * 1024 * 1024);
    const input = { ...built.input, screenshotsPdf: (marks: PdfMetadata) => stampPdfMetadata(big, marks) };
    const zip = (await exportBundle(input, join(await tempDir(), 'b.zip'))).path;
    const check = (v: BundleVerifier) => busyWhile(() => v.verify({ path: zip }));
    const inThread = await check(inProcessVerifier);
    const inWorker = await check(workerVerifier(WORKER));
    expect(inWorker.value).toEqual(inThread.value);
    expect(inWorker.value.status).toBe('valid');
    expect(inWorker.utilisation).toBeLessThan(inThread.utilisation);
    expect(inWorker.utilisation).toBeLessThan(0.3);
    expect(inWorker.worstDelayMs).toBeLessThan(250);
  });

  it('a worker that cannot run gives an unreadable report, never a throw', async () => {
    const r = await workerVerifier(new URL(`file://${repoPath('out/cli/no-such-worker.mjs')}`)).verify({ path: 'x' });
    expect(r.status).toBe('unreadable');
    expect(r.problems[0]?.message).toMatch(/could not be checked|stopped before it finished/);
  });
});
