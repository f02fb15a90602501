// Exports a signed-off incident: the record, the printed form and screenshots, the journal and captures, signed into a
// bundle.
import { basename, join } from 'node:path';
import { buildRecord, keptCaptures, type IncidentRecord } from '@shared/outputs/record';
import { incidentFormHtml } from '@shared/outputs/form';
import { screenshotsHtml } from '@shared/outputs/screenshots';
import type { PolicyProfile } from '@shared/policy/profile-registry';
import { fail, ok, toAppError, type Result } from '@shared/result';
import { exportBundle, type ExportOptions } from '../export/exporter';
import type { Printer } from '../printing/printer';
import { readSettings, type OpenVault } from './access';
import { requireStrongBundlePassword } from './bundle-password';
import { nodeCrypto } from './crypto';
import { openingProfile, recordedProfile } from './policy-in-force';
import type { IncidentStore } from './vault';

export interface ExportRequest extends ExportOptions {
  /** The exporting reviewer's passphrase: their key signs the bundle beside the device's. */
  exporterPassphrase: string;
  recipient: string;
  outDir: string;
  version: string;
}

export interface Exported {
  path: string;
  sha256: string;
  bytes: number;
}

export const incidentRecord = (store: IncidentStore, profile?: PolicyProfile): IncidentRecord =>
  buildRecord(store.journal.entries, { crypto: nodeCrypto, ...(profile ? { profile } : {}) });

/** Printable documents of an incident, as PDFs: what goes in the bundle and what the reviewers sign in ink. */
export const printIncident = async (
  store: IncidentStore,
  printer: Printer,
  profile?: PolicyProfile,
): Promise<{ record: IncidentRecord; formPdf: Uint8Array; screenshotsPdf: Uint8Array }> => {
  const record = incidentRecord(store, profile);
  const images = new Map<string, string>();
  for (const c of keptCaptures(record))
    images.set(c.sha256, `data:image/png;base64,${Buffer.from(await store.getFile(c.sha256)).toString('base64')}`);
  const formPdf = await printer.pdf(incidentFormHtml(record, profile ? { profile } : {}));
  const screenshotsPdf = await printer.pdf(screenshotsHtml(record, images));
  return { record, formPdf, screenshotsPdf };
};

const safeName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'bundle';

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
  const state = store.journal.state;
  if (state.phase !== 'sealed')
    return fail('PROCEDURE_FORBIDS', 'An incident is exported once both reviewers have signed it off.');
  try {
    if (req.password !== undefined) requireStrongBundlePassword(req.password);
    await store.assertIntactOnDisk();
    const who = await open.keyring.authenticate(req.exporterPassphrase);
    if (!state.reviewers.includes(who.staff.id))
      return fail(
        'PROCEDURE_FORBIDS',
        `${who.staff.name} is not a reviewer of this incident; one of its reviewers must export it.`,
      );
    const profile = recordedProfile(openingProfile(store.journal.entries), await readSettings(open.vault));
    const { record, formPdf, screenshotsPdf } = await printIncident(store, printer, profile);
    const screenshots = [];
    for (const c of keptCaptures(record)) screenshots.push({ sha256: c.sha256, bytes: await store.getFile(c.sha256) });
    const path = join(req.outDir, `${store.ref}-${safeName(req.recipient)}.zip`);
    const result = await exportBundle(
      {
        ref: store.ref,
        organisation: record.organisation,
        version: req.version,
        journalLines: store.journal.entries.map((e) => JSON.stringify(e)),
        screenshots,
        profile,
        formPdf,
        screenshotsPdf,
        signers: [
          { name: 'device', signer: open.vault.device },
          { name: who.staff.id, signer: who.signer },
        ],
        halted: state.halted,
      },
      path,
      {
        ...(req.password !== undefined ? { password: req.password } : {}),
        ...(req.onProgress ? { onProgress: req.onProgress } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      },
    );
    await store.journal.append({
      kind: 'export.made',
      actor: 'system',
      data: { recipient: req.recipient, file: basename(result.path), sha256: result.sha256 },
    });
    return ok({ path: result.path, sha256: result.sha256, bytes: result.bytes });
  } catch (e) {
    const err = toAppError(e);
    return fail(err.code, err.message);
  }
};
