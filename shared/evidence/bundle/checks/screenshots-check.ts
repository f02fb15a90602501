// Check: the screenshots are exactly the captures the journal records, unaltered, and none that was purged.
import type { JournalEntry } from '../../entries';
import { SCREENSHOT_FILE_RE, screenshotPath } from '../bag-layout';
import type { CheckStep, VerifyContext } from '../verify-context';

/** The captures the journal holds at its end (live), and those purged after a halt. */
const capturesIn = (entries: readonly JournalEntry[]): { live: Set<string>; purged: Set<string> } => {
  const live = new Set<string>();
  const purged = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'capture.taken') live.add((e as JournalEntry<'capture.taken'>).data.sha256);
    if (e.kind === 'capture.purged') {
      const sha = (e as JournalEntry<'capture.purged'>).data.sha256;
      live.delete(sha);
      purged.add(sha);
    }
  }
  return { live, purged };
};

const checkScreenshot = (ctx: VerifyContext, p: string, live: Set<string>, purged: Set<string>): void => {
  const sha = SCREENSHOT_FILE_RE.exec(p)?.[1];
  if (!sha) ctx.add('SCREENSHOT_UNRECORDED', p, `${p} is not named after its SHA-256, as every capture is`);
  else if (purged.has(sha))
    ctx.add(
      'PURGED_PRESENT',
      p,
      `${p} was purged after the halt (the reviewers said it shows the suspect imagery) but is in the bundle`,
    );
  else if (!live.has(sha)) ctx.add('SCREENSHOT_UNRECORDED', p, `${p} is not a capture recorded in the journal`);
  else if (ctx.hashes.has(p) && ctx.hashes.get(p) !== sha)
    ctx.add('SCREENSHOT_ALTERED', p, `${p} does not match its own name: the image has been altered`);
};

export const screenshotsCheck: CheckStep = {
  id: 'screenshots',
  run: (ctx) => {
    if (!ctx.journalComplete) return;
    const { live, purged } = capturesIn(ctx.entries);
    for (const p of ctx.screenshotPaths) checkScreenshot(ctx, p, live, purged);
    for (const sha of live) {
      if (!ctx.source.files.has(screenshotPath(sha)))
        ctx.add(
          'SCREENSHOT_MISSING',
          screenshotPath(sha),
          `the capture ${sha.slice(0, 16)}… recorded in the journal is missing from data/screenshots/`,
        );
    }
    ctx.ran.add('screenshots');
  },
};
