// Backup: the vault copied as it is (still encrypted) to a folder such as a USB drive, with a manifest of SHA-256 sums,
// so that a dead, seized or replaced laptop does not take the school's records with it.
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { CodedError } from '@shared/result';
import type { Clock } from './clock';
import { sha256Hex } from './crypto';
import { ensureDir, syncDir, TEMP_PREFIX } from './durable';
import { readVaultInfo } from './vault';

export const BACKUP_VAULT_DIR = 'vault';
export const BACKUP_MANIFEST = 'manifest-sha256.txt';
export const BACKUP_INFO = 'backup.json';

export interface BackupResult {
  path: string;
  files: number;
  bytes: number;
  manifestSha256: string;
}

/** Every file of the vault, as paths relative to it with "/" between folders; half-written temporary files left out. */
export const vaultFiles = async (root: string): Promise<string[]> => {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.name.startsWith(TEMP_PREFIX)) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
};

export const writeSynced = async (path: string, bytes: Uint8Array): Promise<void> => {
  const h = await open(path, 'wx', 0o600);
  try {
    await h.writeFile(bytes);
    await h.sync();
  } finally {
    await h.close();
  }
};

const stampOf = (d: Date): string => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/**
 * Copies the vault at `dataDir` into a new folder inside `outDir`. Nothing is decrypted: the copy is readable only with
 * a registered passphrase or the recovery code, exactly as the original. The copy is built in a temporary folder
 * beside its final name, every file and folder fsynced, then renamed, so a backup folder is whole or absent.
 */
export const backupVault = async (dataDir: string, outDir: string, clock: Clock): Promise<BackupResult> => {
  const info = await readVaultInfo(dataDir);
  await ensureDir(outDir);
  const name = `countersign-backup-${info.vaultId.slice(0, 8)}-${stampOf(clock.now())}`;
  const final = join(outDir, name);
  if (
    await stat(final).then(
      () => true,
      () => false,
    )
  )
    throw new CodedError('INVALID_INPUT', `${final} already exists: wait a second and back up again.`);
  const tmp = join(outDir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    const lines: string[] = [];
    let bytes = 0;
    const made = new Set<string>();
    for (const rel of await vaultFiles(dataDir)) {
      const data = await readFile(join(dataDir, ...rel.split('/')));
      const target = join(tmp, BACKUP_VAULT_DIR, ...rel.split('/'));
      const folder = dirname(target);
      if (!made.has(folder)) {
        await ensureDir(folder);
        made.add(folder);
      }
      await writeSynced(target, data);
      lines.push(`${sha256Hex(data)}  ${BACKUP_VAULT_DIR}/${rel}`);
      bytes += data.length;
    }
    for (const folder of [...made].sort((a, b) => b.length - a.length)) await syncDir(folder);
    const manifest = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    await writeSynced(join(tmp, BACKUP_MANIFEST), manifest);
    const about = {
      format: 'countersign-backup',
      version: 1,
      vaultId: info.vaultId,
      createdAt: clock.now().toISOString(),
      deviceKeyFingerprint: info.deviceKeyFingerprint,
      files: lines.length,
      bytes,
      manifestSha256: sha256Hex(manifest),
    };
    await writeSynced(join(tmp, BACKUP_INFO), Buffer.from(`${JSON.stringify(about, null, 2)}\n`, 'utf8'));
    await syncDir(tmp);
    await rename(tmp, final);
    await syncDir(outDir);
    return { path: final, files: lines.length, bytes, manifestSha256: about.manifestSha256 };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
};

/** Checks a backup folder against its manifest: every file listed present with its sum, and nothing else. */
export const checkBackup = async (dir: string): Promise<string[]> => {
  let manifest: string;
  try {
    manifest = await readFile(join(dir, BACKUP_MANIFEST), 'utf8');
  } catch {
    throw new CodedError('NOT_FOUND', `${dir} is not a Countersign backup: it has no ${BACKUP_MANIFEST}.`);
  }
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const line of manifest.split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m?.[1] || !m[2] || m[2].split('/').includes('..')) {
      problems.push(`the manifest line "${line}" is not a sum and a path`);
      continue;
    }
    listed.add(m[2]);
    const data = await readFile(join(dir, ...m[2].split('/'))).catch(() => null);
    if (!data) problems.push(`${m[2]} is missing`);
    else if (sha256Hex(data) !== m[1]) problems.push(`${m[2]} does not match its sum`);
  }
  for (const rel of await vaultFiles(join(dir, BACKUP_VAULT_DIR)).catch(() => []))
    if (!listed.has(`${BACKUP_VAULT_DIR}/${rel}`)) problems.push(`${BACKUP_VAULT_DIR}/${rel} is not in the manifest`);
  return problems;
};
