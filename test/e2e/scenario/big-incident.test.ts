// Issue 13's regression: an incident whose captures add up to more than Chromium's 100 MB DevTools pipe. Before, the
// export failed (every PNG went inline through the pipe to print screenshots.pdf) and `countersign run` never exited.
import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { runCli } from '@test/helpers/cli';
import { tempDir } from '@test/helpers/vault';
import { PRACTICE_ROOT } from '@main/practice/practice-sites';
import { SCENARIO_BASE } from './scenario-fixtures';

const run = promisify(execFile);

/** A busy page: a canvas of random pixels, 1280 wide, that no PNG encoder can shrink. */
const noisePage = (height: number): string => `<!doctype html><title>Busy feed</title><style>body{margin:0}</style>
<canvas id="c" width="1280" height="${height}"></canvas><script>
const c = document.getElementById('c').getContext('2d'); const d = c.createImageData(1280, ${height});
for (let i = 0; i < d.data.length; i += 4) { const r = Math.random() * 16777216; d.data[i] = r & 255;
d.data[i + 1] = (r >> 8) & 255; d.data[i + 2] = (r >> 16) & 255; d.data[i + 3] = 255; }
c.putImageData(d, 0, 0);</script>`;

/** Eight full-page captures of 1280 × 3400 noise: about 13 MB of PNG each, over 100 MB in all. */
const CAPTURES = 8;
const HEIGHT = 3400;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer(PRACTICE_ROOT, {
    routes: {
      '/feed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(noisePage(HEIGHT));
      },
    },
  });
});
afterAll(() => server?.close());

describe('an incident of more than 100 MB of busy full-page captures', () => {
  it(
    'exports a bundle that verifies, with a screenshots.pdf that qpdf and pdftotext read, and exits',
    { timeout: 300_000 },
    async () => {
      const dir = await tempDir('cs-big-');
      const steps: object[] = [{ do: 'triage', illegalSuspected: false }];
      for (let i = 1; i <= CAPTURES; i++) {
        steps.push({ do: 'navigate', url: `${server.url}/feed?post=${i}` });
        steps.push({ do: 'capture', mode: 'fullpage', concern: `Post ${i} of the thread` });
      }
      steps.push(
        { do: 'judge', substance: true, actions: ['internal'] },
        { do: 'conclude', text: 'Upheld.' },
        { do: 'signoff' },
        { do: 'export', recipient: 'police' },
      );
      const file = join(dir, 'scenario.json');
      await writeFile(
        file,
        JSON.stringify({
          ...SCENARIO_BASE,
          incident: {
            reviewers: ['ah', 'ds'],
            reason: 'A long thread',
            subject: { kind: 'pupil', ref: 'P-9' },
            category: 'Cyberbullying',
            steps,
          },
        }),
      );
      const out = join(dir, 'out');
      const cli = await runCli(['run', file, '--data', join(dir, 'data'), '--out', out]);
      expect(cli.code, `${cli.stdout}\n${cli.stderr}`).toBe(0);
      expect(cli.exitedAt - cli.lastStdoutAt).toBeLessThan(5000);
      const zip = (await readdir(out)).find((f) => f.endsWith('.zip')) ?? '';
      const verify = await runCli(['verify', join(out, zip)]);
      expect(verify.code, verify.stdout).toBe(0);

      const unzipped = join(dir, 'unzipped');
      await mkdir(unzipped);
      await run('7zz', ['x', '-y', `-o${unzipped}`, join(out, zip)]);
      const [root] = await readdir(unzipped);
      const data = join(unzipped, root ?? '', 'data');
      const shots = (await readdir(join(data, 'screenshots'))).map((f) => f.replace(/\.png$/, ''));
      expect(shots.length).toBe(CAPTURES);
      const pdf = join(data, 'screenshots.pdf');
      expect((await run('qpdf', ['--check', pdf])).stdout).toMatch(/No syntax or stream encoding errors found/);
      const text = (await run('pdftotext', [pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout.replace(/\s+/g, '');
      for (const sha of shots) expect(text).toContain(sha);
      for (let i = 1; i <= CAPTURES; i++) expect(text).toContain(`${server.url}/feed?post=${i}`);
    },
  );
});
