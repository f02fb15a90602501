// Drafts: what someone has typed into a step's form, kept encrypted in the vault so nothing is lost if the app closes
// mid-step.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DraftValueSchema, type DraftValue } from '@shared/ipc/contract';
import type { VaultCodec } from '../services/codec';
import { ensureDir, syncDir, writeAtomic } from '../services/durable';
import { shredFile } from '../services/shred';

export const DRAFTS_DIR = 'drafts';

/** Keys name an incident and a step (no personal data); hex keeps them safe as file names on every system. */
const fileName = (key: string): string => Buffer.from(key, 'utf8').toString('hex');

const keyOf = (name: string): string | null => {
  const m = /^([0-9a-f]+)\.draft$/.exec(name);
  return m?.[1] ? Buffer.from(m[1], 'hex').toString('utf8') : null;
};

/**
 * Drafts are personal data (descriptions of concern, notes, conclusions), so their contents live under the vault's
 * data key, never in the renderer's IndexedDB.
 */
export class DraftStore {
  constructor(
    private readonly dataDir: string,
    private readonly codec: VaultCodec,
  ) {}

  private get dir(): string {
    return join(this.dataDir, DRAFTS_DIR);
  }

  private path(key: string): string {
    return join(this.dir, `${fileName(key)}.draft`);
  }

  async get(key: string): Promise<DraftValue | null> {
    let stored: Buffer;
    try {
      stored = await readFile(this.path(key));
    } catch {
      return null;
    }
    try {
      const plain = Buffer.from(this.codec.decodeFile(stored, `draft:${key}`)).toString('utf8');
      const parsed = DraftValueSchema.safeParse((JSON.parse(plain) as { value?: unknown }).value);
      return parsed.success ? parsed.data : null;
    } catch {
      // A damaged draft is only a convenience lost; the evidence is in the journal.
      return null;
    }
  }

  async put(key: string, value: DraftValue): Promise<void> {
    await ensureDir(this.dir);
    const plain = Buffer.from(JSON.stringify({ key, value }), 'utf8');
    await writeAtomic(this.path(key), this.codec.encodeFile(plain, `draft:${key}`));
  }

  async clear(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Removes every draft whose key starts with the prefix (an incident's drafts once it is sealed). */
  clearPrefix(prefix: string): Promise<void> {
    return this.removePrefix(prefix, (path) => rm(path, { force: true }));
  }

  /** Overwrites, then removes, every draft whose key starts with the prefix (an incident being deleted). */
  shredPrefix(prefix: string): Promise<void> {
    return this.removePrefix(prefix, shredFile);
  }

  private async removePrefix(prefix: string, remove: (path: string) => Promise<void>): Promise<void> {
    const names = await readdir(this.dir).catch(() => []);
    let removed = false;
    for (const name of names) {
      const key = keyOf(name);
      if (key === null || !key.startsWith(prefix)) continue;
      await remove(join(this.dir, name));
      removed = true;
    }
    if (removed) await syncDir(this.dir);
  }
}
