// Where the app's verifier runs: in a worker thread, so that the halt, the journal and the window never wait on a
// bundle being checked, and a hostile bundle's memory is the worker's, capped, not the main process's.
import { Worker } from 'node:worker_threads';
import { unreadableReport, type BundleReport } from '@shared/evidence/bundle/bundle-report';
import type { VerifyRequest } from './verify-report';

export interface BundleVerifier {
  /** Never throws: a bundle that cannot be checked is a report too. */
  verify(req: VerifyRequest): Promise<BundleReport>;
}

/** In this thread: the command line, and tests that need no worker. */
export const inProcessVerifier: BundleVerifier = {
  verify: async (req) => (await import('./verify-report')).verifyBundleAt(req),
};

/** Heap allowed to one verification; the verifier streams, so it needs a fraction of it. */
const WORKER_HEAP_MB = 256;

/** One worker thread per verification, running the built verify-worker script at `script`. */
export const workerVerifier = (script: URL): BundleVerifier => ({
  verify: (req) =>
    new Promise<BundleReport>((resolve) => {
      const worker = new Worker(script, {
        workerData: req,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        stdout: true,
        stderr: true,
      });
      let settled = false;
      const settle = (r: BundleReport) => {
        if (settled) return;
        settled = true;
        resolve(r);
        void worker.terminate();
      };
      worker.once('message', (r: BundleReport) => settle(r));
      worker.once('error', (e) =>
        settle(unreadableReport(`The bundle could not be checked: ${e.message}`, req.path, 'UNREADABLE')),
      );
      worker.once('exit', (code) =>
        settle(unreadableReport(`The check stopped before it finished (code ${code}).`, req.path, 'UNREADABLE')),
      );
    }),
});
