// No personal data in plain text on disk: a canary typed into every field and one shown on a visited page are found
// nowhere outside the encryption.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChromium } from '@main/browser/chromium-evidence-browser';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import { runScenario } from '@main/scenario/runner';
import { systemClock } from '@main/services/clock';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { filesContaining } from '@test/helpers/search';
import { incidentInReview, mustAppend, newVault, tempDir } from '@test/helpers/vault';

const TYPED = `CANARYTYPED${randomBytes(8).toString('hex')}`;
const SHOWN = `CANARYSHOWN${randomBytes(8).toString('hex')}`;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer(undefined, {
    routes: {
      '/profile': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Profile of ${SHOWN}</title><h1>${SHOWN}</h1><p>Comments about ${SHOWN}.</p>`);
      },
    },
  });
});
afterAll(() => server?.close());

describe('canary', () => {
  it('finds neither canary in the data folder, the temporary folder, or the browser profile and cache', async () => {
    const root = await tempDir('cs-canary-');
    const tmp = join(root, 'tmp');
    const data = join(root, 'data');
    await mkdir(tmp);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const engine = await startChromium();
    const printer = ChromiumPrinter.launch();
    try {
      const result = await runScenario(
        {
          version: 1,
          organisation: `School ${TYPED}`,
          computer: { name: `LAPTOP-${TYPED}`, location: `Office ${TYPED}` },
          staff: [
            { id: 'a', name: `Alex ${TYPED}`, role: `Head ${TYPED}`, passphrase: 'amber kettle walks north 42' },
            { id: 'b', name: `Bo ${TYPED}`, role: `DSL ${TYPED}`, passphrase: 'seven quiet owls by the river' },
          ],
          incident: {
            reviewers: ['a', 'b'],
            reason: `Reason ${TYPED}`,
            subject: { kind: 'pupil', ref: `P-${TYPED}` },
            category: `Category ${TYPED}`,
            steps: [
              { do: 'triage', illegalSuspected: false },
              { do: 'navigate', url: `${server.url}/profile?name=${SHOWN}` },
              { do: 'capture', mode: 'viewport', concern: `Concern ${TYPED}` },
              { do: 'capture', mode: 'fullpage' },
              { do: 'describe', capture: 2, concern: `Described ${TYPED}` },
              { do: 'note', text: `Note ${TYPED}` },
              { do: 'site', device: `Tablet ${TYPED}`, concern: `Site ${TYPED}` },
              { do: 'told', who: `Parent ${TYPED}`, reference: `TOLD-${TYPED}` },
              { do: 'judge', substance: true, actions: ['police'], policeReasons: ['other-criminal'] },
              { do: 'refer', to: `Police officer ${TYPED}`, reference: `REF-${TYPED}` },
              { do: 'isolate', checks: [`Check ${TYPED}`] },
              { do: 'conclude', text: `Conclusion ${TYPED}` },
              { do: 'signoff' },
            ],
          },
        },
        data,
        join(root, 'out'),
        {
          clock: systemClock,
          launchBrowser: () => engine.open(),
          printer: () => printer,
          version: 'test',
          keyring: { scrypt: { N: 2 ** 12, r: 8, p: 1 } },
        },
      );
      expect(
        result.steps.every((s) => s.ok),
        JSON.stringify(result.steps),
      ).toBe(true);
      // The browser is still running: its profile and any cache are in tmp now.
      expect((await readdir(tmp)).some((n) => n.startsWith('playwright'))).toBe(true);
      for (const canary of [TYPED, SHOWN]) {
        expect(await filesContaining(data, canary), `${canary} in the data folder`).toEqual([]);
        expect(await filesContaining(tmp, canary), `${canary} in the temporary folder`).toEqual([]);
      }
    } finally {
      await engine.close();
      await (await printer).close();
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    for (const canary of [TYPED, SHOWN]) expect(await filesContaining(tmp, canary)).toEqual([]);
  });

  it('control: the same search does find a canary in a vault written without encryption', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    await mustAppend(store, { kind: 'note.added', actor: 'ds', data: { text: `Note ${TYPED}` } });
    expect((await filesContaining(vault.dataDir, TYPED)).length).toBe(1);
  });
});
