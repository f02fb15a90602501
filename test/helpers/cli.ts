// Runs the real `countersign` command line as a user would, capturing its exit code and output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/countersign.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** When standard output last received something (the summary a command prints at its end), and when it exited. */
  lastStdoutAt: number;
  exitedAt: number;
}

/** Runs the command line; `started` is told its process id as soon as it runs. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv = {}, started?: (pid: number) => void): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) started?.(child.pid);
    let stdout = '';
    let stderr = '';
    let lastStdoutAt = performance.now();
    child.stdout.on('data', (d) => {
      stdout += d;
      lastStdoutAt = performance.now();
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => {
      const exitedAt = performance.now();
      child.on('close', (code) => resolve({ code, stdout, stderr, lastStdoutAt, exitedAt }));
    });
  });
