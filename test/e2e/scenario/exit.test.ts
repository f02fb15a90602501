// Every command of the command line ends within 5 s of its last step, whatever failed (issue 13): a failed export, a
// Chromium that died, a refused step, a bad scenario, a bundle or vault that does not check out. Before, `run` printed
// its summary after a failed export and never exited, and a killed Chromium was left running.
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { runCli, type CliRun } from '@test/helpers/cli';
import { tempDir } from '@test/helpers/vault';
import { PRACTICE_ROOT } from '@main/practice/practice-sites';
import { SCENARIO_BASE } from './scenario-fixtures';

const run = promisify(execFile);
const EXIT_WITHIN_MS = 5000;

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer(PRACTICE_ROOT);
});
afterAll(() => server?.close());

/** The Chromium processes a process started (direct children), by pid. */
const chromiumChildren = async (pid: number): Promise<number[]> => {
  const out = await run('pgrep', ['-P', String(pid), '-f', 'chromium']).catch(() => ({ stdout: '' }));
  return out.stdout.split('\n').filter(Boolean).map(Number);
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const expectPromptExit = (cli: CliRun): void => {
  expect(cli.exitedAt - cli.lastStdoutAt, cli.stderr).toBeLessThan(EXIT_WITHIN_MS);
  // The safety net in bin/countersign.mjs did not have to end it: everything it started was closed.
  expect(cli.stderr).not.toMatch(/still running after it finished/);
};

const scenarioRun = async (
  steps: object[],
  during?: (pid: number, data: string) => Promise<void>,
): Promise<{ cli: CliRun; out: string; steps: { do: string; ok: boolean; error?: { code: string } }[] }> => {
  const dir = await tempDir('cs-exit-');
  const file = join(dir, 'scenario.json');
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  await writeFile(
    file,
    JSON.stringify({
      ...SCENARIO_BASE,
      incident: {
        reviewers: ['ah', 'ds'],
        reason: 'Bullying reported by a parent',
        subject: { kind: 'pupil', ref: 'P-117' },
        category: 'Cyberbullying',
        steps,
      },
    }),
  );
  let side: Promise<void> = Promise.resolve();
  const cli = await runCli(['run', file, '--data', data, '--out', out], {}, (pid) => {
    side = during?.(pid, data) ?? side;
  });
  await side;
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
  return { cli, out, steps: result.steps };
};

const signedOff = (url: string) => [
  { do: 'triage', illegalSuspected: false },
  { do: 'navigate', url },
  { do: 'capture', mode: 'fullpage', concern: 'The comments' },
  { do: 'judge', substance: true, actions: ['internal'] },
  { do: 'conclude', text: 'Upheld.' },
  { do: 'signoff' },
];

describe('countersign run ends within 5 s of its last step', () => {
  it('after a failed export (a capture damaged in the vault), leaving no bundle and no partial file', async () => {
    const { cli, out, steps } = await scenarioRun(
      [
        ...signedOff(`${server.url}/social/post/1.html`),
        { do: 'wait', ms: 3000 },
        { do: 'export', recipient: 'police' },
      ],
      async (_pid, data) => {
        // While the scenario waits, damage the stored capture: the export reads it, finds it altered, and fails.
        for (let i = 0; i < 600; i++) {
          const incidents = await readdir(join(data, 'incidents')).catch(() => []);
          const dir = incidents[0] ? join(data, 'incidents', incidents[0], 'files') : null;
          const files = dir ? (await readdir(dir).catch(() => [])).filter((f) => /^[0-9a-f]{64}$/.test(f)) : [];
          if (dir && files[0]) {
            const path = join(dir, files[0]);
            const bytes = await readFile(path);
            const at = Math.floor(bytes.length / 2);
            bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
            await writeFile(path, bytes);
            return;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    );
    expect(steps.at(-1)).toMatchObject({ do: 'export', ok: false, error: { code: 'CORRUPT' } });
    expect(cli.code).toBe(1);
    expectPromptExit(cli);
    expect(await readdir(out)).toEqual(['result.json']);
  });

  it('after its Chromium was killed mid-run, leaving no Chromium running', async () => {
    const killed: number[] = [];
    const { cli, steps } = await scenarioRun(
      [
        { do: 'triage', illegalSuspected: false },
        { do: 'navigate', url: `${server.url}/social/post/1.html` },
        { do: 'wait', ms: 3000 },
        { do: 'navigate', url: `${server.url}/social/post/3.html` },
        { do: 'capture', mode: 'viewport' },
      ],
      async (pid) => {
        // Killed while the scenario waits, once its first page has been served: mid-run, however slowly Chromium
        // started on a loaded machine (a fixed delay killed it while it was still starting, before any step ran).
        const from = server.log.length;
        const served = () => server.log.slice(from).some((e) => e.path === '/social/post/1.html');
        for (let i = 0; i < 300 && killed.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 100));
          const kids = served() ? await chromiumChildren(pid) : [];
          if (kids.length > 0) {
            for (const k of kids) process.kill(k, 'SIGKILL');
            killed.push(...kids);
          }
        }
      },
    );
    expect(killed.length).toBeGreaterThan(0);
    expect(steps.slice(-2).every((s) => !s.ok)).toBe(true);
    expect(cli.code).toBe(1);
    expectPromptExit(cli);
  });

  it('after a refused step, with no Chromium left behind', async () => {
    const seen = new Set<number>();
    let running = true;
    const { cli, steps } = await scenarioRun(
      [
        { do: 'navigate', url: `${server.url}/social/post/1.html` },
        { do: 'export', recipient: 'police' },
      ],
      async (pid) => {
        while (running && alive(pid)) {
          for (const k of await chromiumChildren(pid)) seen.add(k);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    ).finally(() => {
      running = false;
    });
    expect(steps.map((s) => s.error?.code)).toEqual(['PROCEDURE_FORBIDS', 'PROCEDURE_FORBIDS']);
    expect(cli.code).toBe(1);
    expectPromptExit(cli);
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen].filter(alive)).toEqual([]);
  });

  it('for a bad scenario: exit 2, at once', async () => {
    const dir = await tempDir('cs-exit-');
    for (const text of ['{ not json', JSON.stringify({ version: 7 })]) {
      await writeFile(join(dir, 's.json'), text);
      const started = performance.now();
      const cli = await runCli(['run', join(dir, 's.json'), '--data', join(dir, 'd'), '--out', join(dir, 'o')]);
      expect(cli.code, text).toBe(2);
      expect(cli.exitedAt - started).toBeLessThan(EXIT_WITHIN_MS);
      expect(cli.stderr).not.toMatch(/still running after it finished/);
    }
  });
});

describe('the other commands end within 5 s of their last step', () => {
  it('verify of something that is not a bundle, and check of a vault with the wrong passphrase', async () => {
    const dir = await tempDir('cs-exit-');
    await writeFile(join(dir, 'not-a-bundle.zip'), 'PK not really');
    const verify = await runCli(['verify', join(dir, 'not-a-bundle.zip')]);
    expect(verify.code).toBe(2);
    expectPromptExit(verify);
    const check = await runCli(['check', '--data', join(dir, 'no-vault')], { COUNTERSIGN_PASSPHRASE: 'wrong' });
    expect(check.code).toBe(2);
    expectPromptExit(check);
  });
});
