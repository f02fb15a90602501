// Build of the three rooms: main process, sandboxed preload (CommonJS), and the React renderer.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // The verify worker runs in a worker thread beside the main process (electron/main/verify/bundle-verifier.ts).
      rollupOptions: {
        input: { index: 'electron/main/index.ts', 'verify-worker': 'electron/main/verify/verify-worker.ts' },
        external: ['sharp', 'playwright-core', 'pdfkit', 'dejavu-fonts-ttf'],
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': zod and the shared code must be bundled in.
      externalizeDeps: false,
      rollupOptions: { input: { app: 'electron/preload/preload.ts' }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: 'renderer/index.html' } },
  },
});
