// A vault on disk holding one incident in review with many captures of 1280x800 pages, stored as the capture pipeline
// stores them: for the test and the benchmark of a big incident.
import { join } from 'node:path';
import sharp from 'sharp';
import { setUpVault, startIncident, type AccessDeps } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { DSL, HEAD, SCHOOL } from './flows';
import { TEST_SCRYPT } from './ui-harness';
import { tempDir } from '@test/helpers/temp-dirs';

/** Makes the vault, locked again afterwards; half the captures are described at capture, half are not. */
export const vaultWithCaptures = async (count: number): Promise<{ dataDir: string; ref: string }> => {
  const dataDir = join(await tempDir('cs-many-captures-'), 'data');
  const deps: AccessDeps = { clock: systemClock, sleep: async () => undefined, scrypt: TEST_SCRYPT };
  const open = await setUpVault(
    dataDir,
    {
      organisation: SCHOOL.organisation,
      computer: { name: SCHOOL.computer, location: SCHOOL.location },
      profileId: 'swgfl-template',
    },
    [HEAD, DSL],
    deps,
  );
  const store = await startIncident(open, [HEAD.passphrase, DSL.passphrase], {
    reason: 'A long thread on a social network',
    subject: { kind: 'pupil', ref: 'P-1' },
    category: 'Cyberbullying',
    practice: false,
  });
  const [a, b] = store.journal.state.reviewers as [string, string];
  const shownAt = new Date().toISOString();
  await store.journal.append({ kind: 'clock.confirmed', actor: a, data: { shownAt, offsetMs: 0 } });
  await store.journal.append({ kind: 'triage.answered', actor: b, data: { illegalSuspected: false } });
  for (let i = 1; i <= count; i += 1) {
    // A colour of its own for each, so no two captures are the same file.
    const background = { r: i % 256, g: Math.floor(i / 256) % 256, b: 128 };
    const png = await sharp({ create: { width: 1280, height: 800, channels: 3, background } })
      .png()
      .toBuffer();
    await store.journal.append({
      kind: 'capture.taken',
      actor: a,
      data: {
        sha256: await store.putFile(png),
        bytes: png.length,
        width: 1280,
        height: 800,
        url: `https://social.example/thread/1?page=${i}`,
        title: `Thread page ${i}`,
        mode: 'fullpage',
        ...(i % 2 === 0 ? { concern: `Unkind comments on page ${i}` } : {}),
      },
    });
  }
  open.keyring.lock();
  return { dataDir, ref: store.ref };
};
