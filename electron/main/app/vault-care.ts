// The life of the vault's data beyond one incident's procedure: its backup to a drive the school chooses, and the
// deletion of an incident by two people's agreement, with its destruction certificate.
import type { BackupReply, DeletionReply } from '@shared/ipc/keeping-schemas';
import { certificateHtml } from '@shared/outputs/destruction-certificate';
import { CodedError } from '@shared/result';
import type { OpenVault } from '../services/access';
import { backupVault } from '../services/backup';
import { deleteIncident, readDeletions } from '../services/deletion';
import { writeAtomic } from '../services/durable';
import type { CoreDeps } from './core-deps';
import { DraftStore } from './draft-store';
import { checkFolder, freePath } from './incident-outputs';
import type { SettingsService } from './settings-service';
import type { IncidentDesk } from './incident-desk';

export interface DeleteInput {
  ref: string;
  reason: string;
  passphrases: readonly [string, string];
  /** Where the destruction certificate (PDF) is saved. */
  folder: string;
}

export class VaultCare {
  constructor(
    private readonly core: Pick<CoreDeps, 'clock' | 'printer'>,
    /** The one incident open for work: closed, and kept closed, while a backup or a deletion runs. */
    private readonly desk: Pick<IncidentDesk, 'switched' | 'closeNow'>,
    private readonly settings: Pick<SettingsService, 'read'>,
    /** The unlocked vault and its keyring; throws while Countersign is locked. */
    private readonly open: () => OpenVault,
  ) {}

  /**
   * Copies the vault, still encrypted, into a new folder inside `folder`. Only someone who has unlocked may start it;
   * no incident is open while it runs, so every journal is copied whole.
   */
  backup(folder: string): Promise<BackupReply> {
    this.open();
    return this.whileClosed(() => backupVault(this.open().vault.dataDir, folder, this.core.clock));
  }

  /** Runs work with no incident open for work, and none opened until it ends: no journal has a writer meanwhile. */
  private whileClosed<T>(work: () => Promise<T>): Promise<T> {
    return this.desk.switched(async () => {
      await this.desk.closeNow();
      return work();
    });
  }

  /**
   * Deletes an incident with two people's passphrases and saves its destruction certificate. No incident is open for
   * work meanwhile, so nothing writes to the one being deleted.
   */
  async delete(input: DeleteInput): Promise<DeletionReply> {
    this.open();
    await checkFolder(input.folder);
    const tombstone = await this.whileClosed(() => {
      // Asked again: Countersign may have been locked while an earlier step finished.
      const open = this.open();
      const drafts = new DraftStore(open.vault.dataDir, open.vault.codec);
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
    const { vault } = this.open();
    const { tombstones } = await readDeletions(vault.dataDir, vault.codec, vault.info.devicePublicKeyPem);
    const t = tombstones.find((x) => x.ref === ref);
    if (!t) throw new CodedError('NOT_FOUND', `The deletion log has no record of deleting ${ref}.`);
    const settings = await this.settings.read();
    const html = certificateHtml(t, { organisation: settings.organisation, computer: settings.computer });
    const pdf = await (await this.core.printer()).pdf(html);
    const path = await freePath(folder, `${ref}-destruction-certificate`, '.pdf');
    await writeAtomic(path, pdf);
    return path;
  }
}
