// Exports a signed-off incident: the record, the printed form and screenshots, the journal and captures, signed into a
// bundle.
import { basename, join } from 'node:path';
import { CodedError, fail, ok, toAppError, type Result } from '@shared/result';
import type { ExportOptions } from '../export/exporter';
import { bundleIncident, printForm, recordOf } from '../export/incident-bundle';
import type { Printer } from '../printing/printer';
import { readSettings, type OpenVault } from './access';
import { requireStrongBundlePassword } from './bundle-password';
import { openingProfile, recordedProfile } from './policy-in-force';
import { bundleStamping } from './bundle-stamping';
import type { Signer } from './crypto';
import type { StaffRecord } from './keyring/key-files';
import type { Stamper } from './tsa-client';
import type { IncidentStore } from './vault';

export interface ExportRequest extends ExportOptions {
  /** The exporting reviewer's passphrase: their key signs the bundle beside the device's. */
  exporterPassphrase: string;
  /** Their staff id, when the caller knows it (a scenario names who exports): their key is tried first. */
  exporter?: string;
  recipient: string;
  outDir: string;
  version: string;
  /** How the bundle is time-stamped when Settings turn it on; over HTTP unless a test says otherwise. */
  stamper?: Stamper;
}

export interface Exported {
  path: string;
  sha256: string;
  bytes: number;
}

const safeName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'bundle';

/** Who is exporting, proved: a reviewer of the sealed incident, with their signing key. */
export interface Exporter {
  staff: StaffRecord;
  signer: Signer;
}

/**
 * The checks both exports (the app's and the command line's) make before anything is printed or written: the incident
 * is sealed, the bundle's password is strong, the journal on disk is the one in memory (a journal cut back is reported
 * before anyone's key is unlocked), then the exporter's passphrase, tried against the reviewers' keys first (the one
 * named first of all), and the key must be a reviewer's. The passphrase is proved before the form is made and printed,
 * so that the key derivation's 128 MiB is not on top of them (a 500-capture export peaked at 291 MB that way) and a
 * wrong passphrase prints nothing. The caller wipes the signer.
 */
export const proveExporter = async (
  open: OpenVault,
  store: IncidentStore,
  req: { passphrase: string; exporter?: string; password?: string },
): Promise<Exporter> => {
  if (store.journal.state.phase !== 'sealed')
    throw new CodedError('PROCEDURE_FORBIDS', 'An incident is exported once both reviewers have signed it off.');
  if (req.password !== undefined) requireStrongBundlePassword(req.password);
  await store.assertIntactOnDisk();
  const expected = [...(req.exporter ? [req.exporter] : []), ...store.journal.state.reviewers];
  const who = await open.keyring.authenticate(req.passphrase, expected);
  if (!store.journal.state.reviewers.includes(who.staff.id)) {
    who.signer.wipe();
    throw new CodedError(
      'PROCEDURE_FORBIDS',
      `${who.staff.name} is not a reviewer of this incident; one of its reviewers must export it.`,
    );
  }
  return who;
};

/**
 * Exports a sealed incident. The exporter must be one of its reviewers. The bundle is complete under its
 * final name or absent; once it is, the export is recorded in the journal with the bundle's hash.
 */
export const exportIncident = async (
  open: OpenVault,
  store: IncidentStore,
  printer: Printer,
  req: ExportRequest,
): Promise<Result<Exported>> => {
  let who: Exporter | undefined;
  try {
    who = await proveExporter(open, store, {
      passphrase: req.exporterPassphrase,
      ...(req.exporter ? { exporter: req.exporter } : {}),
      ...(req.password !== undefined ? { password: req.password } : {}),
    });
    const settings = await readSettings(open.vault);
    const profile = recordedProfile(openingProfile(store.journal.entries), settings);
    const form = printForm(printer, store, profile);
    const path = join(req.outDir, `${store.ref}-${safeName(req.recipient)}.zip`);
    const stamping = bundleStamping(settings.timestamping?.url ?? null, req.stamper);
    const result = await bundleIncident({
      store,
      profile,
      organisation: recordOf(store, profile).organisation,
      version: req.version,
      printer,
      device: open.vault.device,
      reviewer: { id: who.staff.id, signer: who.signer },
      outPath: path,
      at: new Date(),
      form,
      ...(req.password !== undefined ? { password: req.password } : {}),
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(stamping ? { timestamp: stamping.timestamp } : {}),
    });
    if (stamping?.failure)
      await store.journal.append({
        kind: 'timestamp.failed',
        actor: 'system',
        data: { of: { bundle: basename(result.path) }, authority: stamping.url, reason: stamping.failure },
      });
    await store.journal.append({
      kind: 'export.made',
      actor: 'system',
      data: { recipient: req.recipient, file: basename(result.path), sha256: result.sha256 },
    });
    return ok({ path: result.path, sha256: result.sha256, bytes: result.bytes });
  } catch (e) {
    const err = toAppError(e);
    return fail(err.code, err.message);
  } finally {
    who?.signer.wipe();
  }
};
