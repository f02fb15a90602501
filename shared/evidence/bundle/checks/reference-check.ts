// Check: the incident the journal opened is the one bag-info.txt names, on the computer whose key signed the bundle.
import { deviceFingerprintAt } from '../../device-keys';
import type { JournalEntry } from '../../entries';
import { DEVICE_SIGNER, TAG_FILES, signaturePaths } from '../bag-layout';
import type { CheckStep } from '../verify-context';

export const referenceCheck: CheckStep = {
  id: 'reference',
  run: (ctx) => {
    ctx.opened = ctx.entries.find((e): e is JournalEntry<'incident.opened'> => e.kind === 'incident.opened') ?? null;
    if (!ctx.opened) return;
    const { ref: jref, deviceKeyFingerprint } = ctx.opened.data;
    const ref = ctx.field('External-Identifier');
    const { rootName } = ctx.source;
    const deviceKey = ctx.keys.get(DEVICE_SIGNER);
    if (ref !== null && ref !== jref)
      ctx.add(
        'REF_MISMATCH',
        TAG_FILES.bagInfo,
        `bag-info.txt names incident ${ref}, but the journal is incident ${jref}`,
      );
    if (rootName !== undefined && rootName !== jref) {
      ctx.warnings.push(
        `The bundle's top folder is named ${rootName}, but the journal is incident ${jref}: the zip was ` +
          `repacked (no signature covers the folder's name).`,
      );
    }
    if (!deviceKey) return;
    // After a restore elsewhere (device.changed), the bundle is signed by the computer the incident is on now.
    const current = deviceFingerprintAt(ctx.entries) ?? deviceKeyFingerprint;
    const which = current === deviceKeyFingerprint ? 'was opened on' : 'is on';
    if (deviceKey.fingerprint !== current) {
      ctx.add(
        'DEVICE_KEY_MISMATCH',
        signaturePaths(DEVICE_SIGNER).pub,
        `signatures/device.pub.pem (fingerprint ${deviceKey.fingerprint.slice(0, 16)}…) is not the key of the ` +
          `computer the incident ${which} (${current.slice(0, 16)}…)`,
      );
    }
    ctx.ran.add('device-key');
  },
};
