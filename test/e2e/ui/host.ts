// Chooses where the shared end-to-end path runs: the Chromium harness here, or the packaged Electron app where Electron
// can be downloaded.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { _electron, type Page } from 'playwright-core';
import { startUi } from './ui-harness';
import { tempDir } from '@test/helpers/temp-dirs';

export interface Host {
  kind: 'chromium' | 'electron';
  /** The app window. */
  page: Page;
  /** Where the test asks the app to write PDFs and bundles. */
  outDir: string;
  close(): Promise<void>;
}

/**
 * COUNTERSIGN_E2E_HOST=electron runs the app at COUNTERSIGN_E2E_EXECUTABLE (the unpacked build) with Playwright's
 * Electron driver; anything else runs the Chromium harness over the same main-process services.
 * COUNTERSIGN_E2E_OUT names the folder for outputs (kept by CI when a run fails).
 */
export const startHost = async (options: { practice: boolean }): Promise<Host> => {
  const outDir = process.env.COUNTERSIGN_E2E_OUT
    ? resolve(process.env.COUNTERSIGN_E2E_OUT)
    : await tempDir('cs-e2e-out-');
  await mkdir(outDir, { recursive: true });
  if (process.env.COUNTERSIGN_E2E_HOST === 'electron') {
    const executable = process.env.COUNTERSIGN_E2E_EXECUTABLE;
    if (!executable) throw new Error('COUNTERSIGN_E2E_EXECUTABLE must name the packaged app to test.');
    const app = await _electron.launch({
      executablePath: resolve(executable),
      args: options.practice ? ['--practice'] : [],
    });
    const page = await app.firstWindow();
    page.setDefaultTimeout(30_000);
    return { kind: 'electron', page, outDir, close: () => app.close() };
  }
  const ui = await startUi({ practice: options.practice });
  return { kind: 'chromium', page: ui.page, outDir, close: () => ui.close() };
};
