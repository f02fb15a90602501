// Issue 13.2: the export streams, so its memory does not follow the incident's size. Incidents of 30 and 90 captures
// of incompressible pages (96 MB and 288 MB of PNG; bundles of about 195 MB and 585 MB, every image being in
// screenshots.pdf again) are exported in a process of their own, as the command line runs, and its peak resident set
// is sampled every 20 ms.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportInChild, makeNoiseIncident, type ChildExport } from '@test/helpers/noise-incident';
import { tempDir } from '@test/helpers/vault';

const MB = 1e6;
/** The bound for a 1 GB incident, scrypt's 128 MiB for the passphrase checks included. */
const BOUND = 300 * MB;
/**
 * How much more the larger export may use while writing. Sixty more captures held by anything (PDFKit's objects, the
 * journal's, the zip's) at 1 MB or more each would pass it; the garbage between two collections (up to about 70 MB of
 * buffers, whatever the size: both exports are long enough to reach it) is the same for both.
 */
const GROWTH = 60 * MB;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const exportOf = async (n: number): Promise<ChildExport> => {
  const dir = await tempDir(`cs-export-memory-${n}-`);
  dirs.push(dir);
  const ref = await makeNoiseIncident(n, dir);
  return exportInChild(join(dir, 'data'), dir, ref);
};

describe('export memory (issue 13.2)', () => {
  it('stays under 300 MB, and three times the captures do not raise it', { timeout: 900_000 }, async () => {
    const small = await exportOf(30);
    const large = await exportOf(90);
    const mb = (b: number) => `${Math.round(b / MB)} MB`;
    const seen = `30 captures: peak ${mb(small.peakRss)}, writing ${mb(small.writingPeakRss)}; 90 captures: peak ${mb(
      large.peakRss,
    )}, writing ${mb(large.writingPeakRss)}`;
    // The bundles are what they should be: every capture twice over (the PNG and its page in screenshots.pdf).
    expect(large.bytes, seen).toBeGreaterThan(90 * 2 * 3 * MB);
    expect(small.peakRss, seen).toBeLessThan(BOUND);
    expect(large.peakRss, seen).toBeLessThan(BOUND);
    expect(large.writingPeakRss - small.writingPeakRss, seen).toBeLessThan(GROWTH);
  });
});
