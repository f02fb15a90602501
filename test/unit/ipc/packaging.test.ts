// electron-builder.yml: the fuses the security checklist requires, and the app loaded only from its asar archive.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const config = await readFile(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');

/** The `key: value` lines of one top-level block of the YAML file. */
const block = (name: string): Record<string, string> => {
  const lines = config.split('\n');
  const start = lines.indexOf(`${name}:`);
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\w+): (.+)$/.exec(line);
    if (!m) break;
    entries[m[1] ?? ''] = m[2] ?? '';
  }
  return entries;
};

describe('electron-builder.yml', () => {
  it('identifies the app and packs it into an asar archive', () => {
    expect(config).toMatch(/^appId: uk\.org\.countersign\.app$/m);
    expect(config).toMatch(/^productName: Countersign$/m);
    expect(config).toMatch(/^asar: true$/m);
  });

  it('sets every fuse the security checklist asks for', () => {
    expect(block('electronFuses')).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      loadBrowserProcessSpecificV8Snapshot: 'false',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('signs macOS builds with the hardened runtime and the entitlements file that exists', async () => {
    expect(block('mac')).toMatchObject({ hardenedRuntime: 'true', entitlements: 'build/entitlements.mac.plist' });
    await expect(readFile(new URL('../../../build/entitlements.mac.plist', import.meta.url), 'utf8')).resolves.toContain(
      'com.apple.security.cs.allow-jit',
    );
  });
});
