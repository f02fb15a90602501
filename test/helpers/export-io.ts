// An ExportIo for zip tests: every piece the zip writes is kept as given, and nothing touches the disk.
import type { ExportIo } from '@main/export/zip';

export const capturingIo = (writes: Uint8Array[]): ExportIo => ({
  create: async () => ({
    write: async (bytes) => {
      writes.push(bytes);
    },
    sync: async () => undefined,
    close: async () => undefined,
  }),
  rename: async () => undefined,
  remove: async () => undefined,
  syncDir: async () => undefined,
});
