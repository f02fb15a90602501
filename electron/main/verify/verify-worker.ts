// The worker thread that checks one bundle for the app (bundle-verifier.ts): the request in, the report out.
import { parentPort, workerData } from 'node:worker_threads';
import type { VerifyRequest } from './verify-report';
import { verifyBundleAt } from './verify-report';

parentPort?.postMessage(await verifyBundleAt(workerData as VerifyRequest));
