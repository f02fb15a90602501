// electron-builder.yml as electron-builder reads it: installers per platform, identity, icon, asar, and every fuse
// docs/security.md lists.
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const root = new URL('../../../', import.meta.url);
const fromRoot = (p: string): URL => new URL(p, root);

const Target = z.union([z.string(), z.object({ target: z.string() })]);
const Targets = z.union([Target, z.array(Target)]);

/**
 * The parts of electron-builder's configuration these tests read; unknown keys are allowed, as electron-builder has
 * many.
 */
const BuilderConfig = z.object({
  appId: z.string(),
  productName: z.string(),
  extraMetadata: z.object({ productName: z.string() }).optional(),
  icon: z.string(),
  files: z.array(z.string()),
  asar: z.boolean(),
  asarUnpack: z.array(z.string()).optional(),
  publish: z.null(),
  electronFuses: z.record(z.string(), z.boolean()),
  win: z.object({ target: Targets }),
  nsis: z.object({ oneClick: z.boolean(), deleteAppDataOnUninstall: z.boolean() }),
  mac: z.object({
    target: Targets,
    hardenedRuntime: z.boolean(),
    entitlements: z.string(),
    entitlementsInherit: z.string(),
  }),
  linux: z.object({ target: Targets, executableName: z.string() }),
  extraResources: z.array(z.object({ from: z.string(), to: z.string(), filter: z.array(z.string()) })),
});
type Config = z.infer<typeof BuilderConfig>;

const config: Config = BuilderConfig.parse(parse(await readFile(fromRoot('electron-builder.yml'), 'utf8')));

const targetNames = (t: z.infer<typeof Targets>): string[] =>
  (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : x.target));

describe('electron-builder.yml', () => {
  it('names the app: app id, product name, and the same name for the data folder', () => {
    expect(config.appId).toBe('uk.org.countersign.app');
    expect(config.productName).toBe('Countersign');
    expect(config.extraMetadata?.productName).toBe(config.productName);
  });

  it('builds the Windows installer and a portable build, the macOS dmg, and the Linux AppImage and deb', () => {
    expect(targetNames(config.win.target).sort()).toEqual(['nsis', 'portable']);
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('lets the person installing on Windows choose, and never deletes the vault on uninstall', () => {
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('signs macOS builds with the hardened runtime and an entitlements file that grants only JIT', async () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = await readFile(fromRoot(config.mac.entitlements), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(/<false\/>|<string>/);
  });

  it('has its icon: a 1024×1024 PNG that electron-builder turns into the .ico and .icns', async () => {
    expect(config.icon).toBe('build/icon.png');
    const meta = await sharp(await readFile(fromRoot(config.icon))).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: 'png',
      width: 1024,
      height: 1024,
    });
    await expect(stat(fromRoot('build/icon.svg'))).resolves.toBeTruthy();
  });

  it('packs the app into an asar archive, with only the built app and the practice sites', () => {
    expect(config.asar).toBe(true);
    expect(config.files.sort()).toEqual([
      '!out/cli/**',
      '!out/verifier/**',
      'out/**',
      'package.json',
      'resources/practice/**',
    ]);
    // Only native code that cannot load from inside the archive is left outside it.
    expect(config.asarUnpack?.every((p) => /node_modules\/(sharp|@img)\//.test(p))).toBe(true);
  });

  it('publishes nothing: the app never updates itself over the network', () => {
    expect(config.publish).toBeNull();
  });

  it('sets every fuse docs/security.md lists, each the right way', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("sets every fuse electron-builder can set, so none of those is left to Electron's default", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names the Linux executable the end-to-end workflow starts', async () => {
    const workflow = await readFile(fromRoot('.github/workflows/electron-e2e.yml'), 'utf8');
    expect(workflow).toContain(`dist/linux-unpacked/${config.linux.executableName}`);
    expect(workflow).toContain(`dist/win-unpacked/${config.productName}.exe`);
    expect(workflow).toContain(`${config.productName}.app/Contents/MacOS/${config.productName}`);
  });

  it('carries the stand-alone HTML verifier and its SHA-256 as plain files beside the app, not inside app.asar', () => {
    expect(config.extraResources).toEqual([
      {
        from: 'out/verifier',
        to: 'verifier',
        filter: ['countersign-verifier.html', 'countersign-verifier.html.sha256'],
      },
    ]);
    expect(config.files).toContain('!out/verifier/**');
    expect(config.files).toContain('out/**');
  });
});
