// The life of the vault's data beyond one incident's procedure: its backup to a drive the school chooses, and the
// deletion of an incident by two people's agreement, with its destruction certificate.
import type { BackupReply, DeletionReply } from '@shared/ipc/keeping-schemas';
import { certificateHtml } from '@shared/outputs/destruction-certificate';
import { CodedError } from '@shared/result';
import type { Printer } from '../printing/printer';
import type { OpenVault, Settings } from '../services/access';
import { backupVault } from '../services/backup';
import type { Clock } from '../services/clock';
import { deleteIncident, readDeletions } from '../services/deletion';
import { writeAtomic } from '../services/durable';
import type { DraftStore } from './draft-store';
import { checkFolder, freePath } from './incident-outputs';
import type { WorkingIncident } from './working-incident';

export interface VaultCareDeps {
  /** The unlocked vault and its keyring; throws while Countersign is locked. */
  open: () => OpenVault;
  drafts: () => DraftStore;
  settings: () => Promise<Settings>;
  working: WorkingIncident;
  clock: Clock;
  printer: () => Promise<Printer>;
}

export interface DeleteInput {
  ref: string;
  reason: string;
  passphrases: readonly [string, string];
  /** Where the destruction certificate (PDF) is saved. */
  folder: string;
}

export class VaultCare {
  constructor(private readonly deps: VaultCareDeps) {}

  /**
   * Copies the vault, still encrypted, into a new folder inside `folder`. Only someone who has unlocked may start it;
   * no incident is open while it runs, so every journal is copied whole.
   */
  backup(folder: string): Promise<BackupReply> {
    this.deps.open();
    return this.deps.working.whileClosed(() => backupVault(this.deps.open().vault.dataDir, folder, this.deps.clock));
  }

  /**
   * Deletes an incident with two people's passphrases and saves its destruction certificate. No incident is open for
   * work meanwhile, so nothing writes to the one being deleted.
   */
  async delete(input: DeleteInput): Promise<DeletionReply> {
    this.deps.open();
    await checkFolder(input.folder);
    const tombstone = await this.deps.working.whileClosed(() => {
      // Asked again: Countersign may have been locked while an earlier step finished.
      const open = this.deps.open();
      const drafts = this.deps.drafts();
      return deleteIncident(
        { vault: open.vault, keyring: open.keyring, shredDrafts: (prefix) => drafts.shredPrefix(prefix) },
        input,
      );
    });
    const certificate = await this.certificate(tombstone.ref, input.folder);
    return { ref: tombstone.ref, deletedAt: tombstone.deletedAt, certificate };
  }

  /** Prints the destruction certificate of a deleted incident, from the deletion log, into `folder`. */
  async certificate(ref: string, folder: string): Promise<string> {
    const { vault } = this.deps.open();
    const { tombstones } = await readDeletions(vault.dataDir, vault.codec, vault.info.devicePublicKeyPem);
    const t = tombstones.find((x) => x.ref === ref);
    if (!t) throw new CodedError('NOT_FOUND', `The deletion log has no record of deleting ${ref}.`);
    const settings = await this.deps.settings();
    const html = certificateHtml(t, { organisation: settings.organisation, computer: settings.computer });
    const pdf = await (await this.deps.printer()).pdf(html);
    const path = await freePath(folder, `${ref}-destruction-certificate`, '.pdf');
    await writeAtomic(path, pdf);
    return path;
  }
}
