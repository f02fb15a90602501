// The command line's own answers, through the built bin/countersign.mjs as a user runs it: --version, --help and
// usage mistakes.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '@test/helpers/cli';

const packageVersion = async (): Promise<string> =>
  JSON.parse(await readFile(new URL('../../../../../package.json', import.meta.url), 'utf8')).version;

describe('countersign', () => {
  it('prints the version from package.json with --version and exits 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${await packageVersion()}\n`);
    expect(r.stderr).toBe('');
  });

  it('prints the usage of every command with --help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['run', 'practice', 'verify', 'check', '--version', '--help']) {
      expect(r.stdout).toContain(`countersign ${command}`);
    }
  });

  it('answers --help after any command with the usage and exit 0, as it does before one', async () => {
    for (const command of ['run', 'check', 'log', 'backup', 'delete', 'practice', 'profiles', 'verify']) {
      const r = await runCli([command, '--help']);
      expect(r.code, `${command}: ${r.stderr}`).toBe(0);
      expect(r.stdout, command).toContain(`countersign ${command}`);
    }
  });

  it('exits 2 with the usage when the command is missing, unknown or given a wrong option', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage:');
    const unknown = await runCli(['--versoin']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "--versoin"');
    const wrong = await runCli(['run', 'scenario.json', '--data', 'd', '--out', 'o', '--fast']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/countersign run: .*--fast/);
  });

  it('refuses a bundle password on the command line, for run as for verify, saying where to put it', async () => {
    for (const argv of [
      ['run', 'scenario.json', '--data', 'd', '--out', 'o', '--password', 'given by phone 7731'],
      ['verify', 'bundle.zip', '--password=given by phone 7731'],
    ]) {
      const r = await runCli(argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toMatch(/a password is not taken on the command line/);
      expect(r.stderr).toMatch(/--password-file FILE, or set COUNTERSIGN_BUNDLE_PASSWORD/);
    }
  });
});
