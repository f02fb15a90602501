// Runs in the app page under test: builds window.countersign from the shared contract over the harness's binding, as
// the preload does over IPC.
import { buildApi } from '@shared/ipc/client';

type Invoke = (channel: string, request: unknown) => Promise<unknown>;

const binding = (): Invoke => {
  const fn = (globalThis as unknown as { __countersignInvoke?: Invoke }).__countersignInvoke;
  if (!fn) throw new Error('The harness binding is missing.');
  return fn;
};

// Frozen and not writable, like the object contextBridge exposes.
Object.defineProperty(window, 'countersign', {
  value: buildApi((channel, request) => binding()(channel, request)),
  writable: false,
  configurable: false,
  enumerable: true,
});
