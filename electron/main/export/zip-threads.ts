// zip.js's own web-worker codec (CRC-32, AES-256 and its HMAC) run in a Node worker thread, so that a locked export
// encrypts in one thread while the main thread reads, decrypts and hashes the next chunk from the vault.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { configure, terminateWorkers } from '@zip.js/zip.js';

/**
 * The thread's script: the globals zip.js's worker script expects of a web worker (`self`, `addEventListener`,
 * `postMessage`), mapped onto the thread's port, then zip.js's published worker script itself.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = globalThis;
let loaded;
globalThis.addEventListener = (type, listener) => {
  if (type !== 'message') return;
  parentPort.on('message', (data) => {
    // zip.js loads its WebAssembly AES only for a compressed entry: load it before the first entry, stored or not.
    if (loaded || data.type !== 'start') return listener({ data });
    loaded = Promise.resolve(self.initModule(data.config)).catch(() => undefined);
    loaded.then(() => listener({ data }));
  });
};
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
import(workerData.script);
`;

type Listener = (event: unknown) => void;

/** A worker thread in the shape of the web `Worker` that zip.js drives. */
class ThreadWorker {
  private readonly thread: Worker;

  constructor(script: string) {
    this.thread = new Worker(THREAD_SOURCE, { eval: true, workerData: { script } });
    // An idle thread never keeps the command line from exiting; zip.js ends it once the zip is written.
    this.thread.unref();
  }

  addEventListener(type: string, listener: Listener): void {
    if (type === 'message') this.thread.on('message', (data: unknown) => listener({ data }));
    else if (type === 'error') this.thread.on('error', (error: unknown) => listener({ error, message: String(error) }));
    else if (type === 'messageerror') this.thread.on('messageerror', (error: unknown) => listener({ error }));
  }

  postMessage(message: unknown, transfer?: ArrayBuffer[]): void {
    this.thread.postMessage(message, transfer);
  }

  terminate(): void {
    void this.thread.terminate();
  }
}

type CreateWorker = NonNullable<Parameters<typeof configure>[0]['createWorker']>;

let configured = false;

/**
 * Lets a ZipWriter created with `useWebWorkers: true` run its codec in one worker thread. Every other zip.js user in
 * the process (the verifier's reader) keeps running in its own thread, as before: the default stays off.
 */
export const useZipThreads = (): void => {
  if (configured) return;
  const script = pathToFileURL(createRequire(import.meta.url).resolve('@zip.js/zip.js/dist/zip-web-worker.js')).href;
  configure({
    useWebWorkers: false,
    maxWorkers: 1,
    createWorker: (() => new ThreadWorker(script)) as unknown as CreateWorker,
  });
  configured = true;
};

/** Ends the codec threads once a zip is written or abandoned. */
export const endZipThreads = (): Promise<void> => terminateWorkers();
