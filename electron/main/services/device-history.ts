// The device keys a vault had before it was restored on a replacement computer, so that what they signed (the
// deletion log's tombstones) still checks after the change. Encrypted like the rest of the vault.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CodedError } from '@shared/result';
import type { VaultCodec } from './codec';
import { writeAtomic } from './durable';

export const DEVICE_HISTORY_FILE = 'device-history.json';
const CONTEXT = 'device-history';

const FormerDeviceSchema = z.object({
  publicKeyPem: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** When it was replaced, and by which backup's restore (the SHA-256 of its manifest). */
  replacedAt: z.string(),
  backupManifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FormerDevice = z.infer<typeof FormerDeviceSchema>;

/** The vault's former device keys, oldest first; none for a vault never restored elsewhere. */
export const readDeviceHistory = async (dataDir: string, codec: VaultCodec): Promise<FormerDevice[]> => {
  const raw = await readFile(join(dataDir, DEVICE_HISTORY_FILE)).catch(() => null);
  if (!raw) return [];
  try {
    const plain = Buffer.from(codec.decodeFile(raw, CONTEXT)).toString('utf8');
    return z.array(FormerDeviceSchema).parse(JSON.parse(plain));
  } catch {
    throw new CodedError('CORRUPT', `${DEVICE_HISTORY_FILE} (the vault's former computer keys) is damaged.`);
  }
};

/** Adds a former device key to the history. */
export const addFormerDevice = async (dataDir: string, codec: VaultCodec, former: FormerDevice): Promise<void> => {
  const all = [...(await readDeviceHistory(dataDir, codec)), FormerDeviceSchema.parse(former)];
  await writeAtomic(join(dataDir, DEVICE_HISTORY_FILE), codec.encodeFile(Buffer.from(JSON.stringify(all)), CONTEXT));
};

/** Every device key that ever signed for this vault: the current one first, then the former ones. */
export const allDeviceKeys = async (dataDir: string, codec: VaultCodec, currentPem: string): Promise<string[]> => [
  currentPem,
  ...(await readDeviceHistory(dataDir, codec)).map((d) => d.publicKeyPem).reverse(),
];
