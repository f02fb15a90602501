// A Chromium that will not start is reported in plain words, with what Chromium said, not Playwright's launch log.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, launchHeadlessChromium } from '@main/chromium-engine';
import { CodedError } from '@shared/result';
import { tempDir } from '@test/helpers/vault';

const startFailure = async (executablePath: string): Promise<CodedError> => {
  const err = await launchHeadlessChromium(CHROMIUM_ARGS, executablePath).then(
    () => new Error('Chromium started'),
    (e: unknown) => e,
  );
  if (!(err instanceof CodedError)) throw err;
  return err;
};

describe('starting the built-in browser', () => {
  it('names the missing program and how to install it', async () => {
    const err = await startFailure('/nonexistent/chromium');
    expect(err.code).toBe('IO_ERROR');
    expect(err.message).toBe(
      'The built-in browser could not be started: there is no Chromium at /nonexistent/chromium. ' +
        'Install it (on Debian or Ubuntu: apt-get install chromium).',
    );
  });

  it("quotes what a Chromium that exits at once said, without Playwright's flags and process log", async () => {
    const dir = await tempDir();
    const fake = join(dir, 'chromium');
    await writeFile(fake, "#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 1\n");
    await chmod(fake, 0o755);
    const err = await startFailure(fake);
    expect(err.message).toBe(
      `The built-in browser could not be started: Chromium at ${fake} stopped as it started. ` +
        'It said: Missing X server or $DISPLAY',
    );
    expect(err.message).not.toMatch(/--remote-debugging|pid=|<launching>/);
  });
});
