// Evidence-bundle exports running in the background: started once the exporter is checked, read for progress,
// cancelled, and waited for.
import { randomUUID } from 'node:crypto';
import type { ExportStatus } from '@shared/ipc/contract';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { CodedError, toAppError } from '@shared/result';
import type { Printer } from '../printing/printer';
import type { OpenVault } from '../services/access';
import type { Clock } from '../services/clock';
import { proveExporter } from '../services/exporting';
import type { IncidentStore } from '../services/vault';
import { printForm } from '../export/incident-bundle';
import { bundleFileName, writeBundle } from './incident-outputs';

export interface ExportJobsDeps {
  clock: Clock;
  version: string;
  printer: () => Promise<Printer>;
  /** The school's name, for the bundle. */
  organisation: () => Promise<string>;
  /** The policy profile the incident was opened under; throws CORRUPT when this computer no longer has it. */
  policyOf: (store: IncidentStore) => Promise<PolicyProfile>;
}

export interface ExportStart {
  open: OpenVault;
  /** The incident, open for work (its journal is the one writer). */
  store: IncidentStore;
  recipient: string;
  folder: string;
  /** The exporting reviewer's passphrase: their key signs the bundle beside the device's. */
  passphrase: string;
  password?: string;
}

interface Job {
  status: ExportStatus;
  controller: AbortController;
  done: Promise<void>;
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ExportJobsDeps) {}

  /** Forms still being printed for an export, which may have ended before the form's turn (cancelled, or failed). */
  private readonly printing = new Set<Promise<void>>();

  /** True while a bundle is being prepared or written, or its form printed. */
  get busy(): boolean {
    return (
      this.printing.size > 0 ||
      [...this.jobs.values()].some((j) => j.status.state === 'preparing' || j.status.state === 'writing')
    );
  }

  /** Counts the form's printing as work in hand until it ends: the vault does not lock under a window rendering it. */
  private whilePrinting(pdf: Promise<Uint8Array>): void {
    const settled = pdf.then(
      () => undefined,
      () => undefined,
    );
    this.printing.add(settled);
    void settled.then(() => this.printing.delete(settled));
  }

  /** Checks the incident is sealed and the exporter is one of its reviewers, then starts writing the bundle. */
  async start(input: ExportStart): Promise<{ job: string }> {
    const { open, store } = input;
    const { staff, signer } = await proveExporter(open, store, {
      passphrase: input.passphrase,
      ...(input.password !== undefined ? { password: input.password } : {}),
    });
    let prepared: { organisation: string; profile: PolicyProfile; printer: Printer };
    try {
      prepared = {
        organisation: await this.deps.organisation(),
        profile: await this.deps.policyOf(store),
        printer: await this.deps.printer(),
      };
    } catch (e) {
      signer.wipe();
      throw e;
    }
    const { organisation, profile, printer } = prepared;
    // The form prints while the captures are written: it goes into the zip after them.
    const form = printForm(printer, store, profile);
    this.whilePrinting(form.pdf);
    const id = randomUUID();
    const controller = new AbortController();
    const status: ExportStatus = {
      state: 'preparing',
      done: 0,
      total: 0,
      path: null,
      sha256: null,
      bytes: null,
      error: null,
    };
    const run = async (): Promise<void> => {
      try {
        const result = await writeBundle({
          store,
          organisation,
          version: this.deps.version,
          printer,
          form,
          device: open.vault.device,
          reviewer: { id: staff.id, signer },
          profile,
          folder: input.folder,
          ...(input.password ? { password: input.password } : {}),
          at: this.deps.clock.now(),
          onStage: (stage) => {
            status.state = stage;
          },
          onProgress: (done, total) => {
            status.done = done;
            status.total = total;
          },
          signal: controller.signal,
        });
        await store.journal.append({
          kind: 'export.made',
          actor: staff.id,
          data: { recipient: input.recipient, file: bundleFileName(result), sha256: result.sha256 },
        });
        Object.assign(status, {
          state: 'done',
          path: result.path,
          sha256: result.sha256,
          bytes: result.bytes,
          done: status.total,
        });
      } catch (e) {
        const error = toAppError(e);
        Object.assign(status, { state: error.code === 'CANCELLED' ? 'cancelled' : 'failed', error });
      } finally {
        signer.wipe();
      }
    };
    this.jobs.set(id, { status, controller, done: run() });
    return { job: id };
  }

  private job(id: string): Job {
    const j = this.jobs.get(id);
    if (!j) throw new CodedError('NOT_FOUND', 'There is no such export.');
    return j;
  }

  status(id: string): ExportStatus {
    return { ...this.job(id).status };
  }

  cancel(id: string): void {
    this.job(id).controller.abort();
  }

  /** Waits for an export to end (tests and shutdown). */
  async finished(id: string): Promise<ExportStatus> {
    const j = this.job(id);
    await j.done;
    return { ...j.status };
  }

  /** On quit: every running export is cancelled and waited for, and any form still printing for one. */
  async closeAll(): Promise<void> {
    for (const j of this.jobs.values()) {
      j.controller.abort();
      await j.done;
    }
    await Promise.all(this.printing);
  }
}
