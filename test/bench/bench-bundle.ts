// The bundles the benchmarks check: a sealed incident of noise-image captures, exported as the app exports it.
import { join } from 'node:path';
import sharp from 'sharp';
import { signoffMessage } from '@shared/evidence/chain';
import { incidentFormHtml } from '@shared/outputs/form';
import { buildRecord } from '@shared/outputs/record';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { exportBundle } from '@main/export/exporter';
import { incidentScreenshotsPdf } from '@main/export/incident-bundle';
import { ChromiumPrinter } from '@main/printing/chromium-printer';
import { generateSigningKey, sha256Hex } from '@main/services/crypto';
import type { IncidentStore } from '@main/services/vault';
import { RECORDED_PROFILE, type Staff } from '@test/helpers/sample-incident';
import { mustAppend, newVault, REVIEWERS, toReview } from '@test/helpers/vault';

/** A noise image as a PNG: it does not compress, like a photograph on a page. */
const noisePng = (width: number, height: number, seed: number): Promise<Buffer> =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128 + (seed % 7), sigma: 60 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();

/**
 * A sealed incident whose captures are `shots` noise images of `width` x `height`, exported. The form is printed by
 * Chromium; screenshots.pdf is made by PDFKit from the vault, as the app makes it.
 */
export const exportedIncident = async (out: string, shots: number, size: [number, number]): Promise<string> => {
  const vault = await newVault();
  const staff: Staff = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
  const store: IncidentStore = await vault.createIncident({
    kind: 'incident.opened',
    actor: 'ah',
    data: {
      ref: vault.newRef(),
      organisation: 'Example School',
      reviewers: [
        { ...REVIEWERS[0], keyFingerprint: staff.ah.fingerprint },
        { ...REVIEWERS[1], keyFingerprint: staff.ds.fingerprint },
      ],
      computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
      deviceKeyFingerprint: vault.device.fingerprint,
      profile: RECORDED_PROFILE,
      reason: 'Benchmark of the verifier',
      subject: { kind: 'pupil', ref: 'P-1' },
      category: 'Cyberbullying',
      practice: true,
    },
  });
  for (const c of toReview) await mustAppend(store, c);
  const captures: string[] = [];
  for (let i = 0; i < shots; i++) {
    const png = new Uint8Array(await noisePng(size[0], size[1], i));
    // The capture's real size: screenshots.pdf refuses an image whose size is not the one its record gives.
    await mustAppend(store, {
      kind: 'capture.taken',
      actor: 'ah',
      data: {
        sha256: await store.putFile(png),
        bytes: png.length,
        width: size[0],
        height: size[1],
        url: 'http://127.0.0.1/post/1',
        title: 'Post',
        mode: 'viewport',
        concern: `Capture ${i + 1}`,
      },
    });
    captures.push(sha256Hex(png));
  }
  await mustAppend(store, {
    kind: 'judgement.made',
    actor: 'ah',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  });
  const conclusion = await mustAppend(store, { kind: 'conclusion.recorded', actor: 'ah', data: { text: 'Done.' } });
  for (const id of ['ah', 'ds'] as const)
    await mustAppend(store, {
      kind: 'signoff.signed',
      actor: id,
      data: {
        reviewer: id,
        digest: conclusion.hash,
        publicKey: staff[id].publicKeyPem,
        signature: staff[id].sign(signoffMessage(store.ref, conclusion.hash)),
      },
    });
  const printer = await ChromiumPrinter.launch();
  const record = buildRecord(store.journal.entries, { profile: SWGFL_TEMPLATE });
  const formPdf = await printer.pdf(incidentFormHtml(record)).finally(() => printer.close());
  const images = await Promise.all(captures.map((sha) => store.getFile(sha)));
  const zip = join(out, `${store.ref}.zip`);
  await exportBundle(
    {
      ref: store.ref,
      organisation: 'Example School',
      version: '0.1.0',
      journalLines: store.journal.entries.map((e) => JSON.stringify(e)),
      screenshots: captures.map((sha256, i) => ({ sha256, bytes: images[i] ?? new Uint8Array() })),
      profile: SWGFL_TEMPLATE,
      formPdf,
      screenshotsPdf: (marks) => incidentScreenshotsPdf(store, record, new Date(), { marks }),
      signers: [
        { name: 'device', signer: vault.device },
        { name: 'ah', signer: staff.ah },
      ],
      halted: false,
    },
    zip,
  );
  return zip;
};
