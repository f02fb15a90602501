// The life of the vault's data beyond one incident: its backup to a drive the school chooses.
import type { BackupReply } from '@shared/ipc/contract';
import { backupVault } from '../services/backup';
import type { Clock } from '../services/clock';
import type { Vault } from '../services/vault';
import type { WorkingIncident } from './working-incident';

export interface VaultCareDeps {
  /** The unlocked vault; throws while Countersign is locked. */
  vault: () => Vault;
  working: WorkingIncident;
  clock: Clock;
}

export class VaultCare {
  constructor(private readonly deps: VaultCareDeps) {}

  /**
   * Copies the vault, still encrypted, into a new folder inside `folder`. Only someone who has unlocked may start it;
   * no incident is open while it runs, so every journal is copied whole.
   */
  backup(folder: string): Promise<BackupReply> {
    this.deps.vault();
    return this.deps.working.whileClosed(() => backupVault(this.deps.vault().dataDir, folder, this.deps.clock));
  }
}
