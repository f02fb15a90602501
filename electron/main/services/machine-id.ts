// The identity of this computer, so that a vault copied to another machine is recognised and refused for further work.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** Returns a stable identifier of the computer the app runs on. */
export type MachineId = () => Promise<string>;

const run = promisify(execFile);

/**
 * The operating system's own machine identifier: systemd's machine-id, the Mac's hardware UUID, or Windows'
 * MachineGuid.
 */
export const osMachineId: MachineId = async () => {
  if (process.platform === 'darwin') {
    const { stdout } = await run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']);
    const m = /"IOPlatformUUID" = "([^"]+)"/.exec(stdout);
    if (m?.[1]) return m[1];
  } else if (process.platform === 'win32') {
    const { stdout } = await run('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid']);
    const m = /MachineGuid\s+REG_SZ\s+(\S+)/.exec(stdout);
    if (m?.[1]) return m[1];
  } else {
    for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
      const id = (await readFile(path, 'utf8').catch(() => '')).trim();
      if (id) return id;
    }
  }
  throw new Error('This computer has no machine identifier the app can read.');
};
