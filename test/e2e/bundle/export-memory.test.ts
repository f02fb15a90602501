// Issue 13.2 and 13.5: the export streams, so its memory does not follow the incident's size. Incidents of 30 and 90
// captures of incompressible pages (96 MB and 288 MB of PNG; bundles of about 195 MB and 585 MB, every image being in
// screenshots.pdf again) are exported in a process of their own, as the command line runs: its peak resident set is
// sampled every 20 ms, and its live JavaScript heap is measured after a full collection near the end of
// screenshots.pdf, when everything the export holds for the captures so far is still held.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportInChild, makeNoiseIncident, type ChildExport } from '@test/helpers/noise-incident';
import { tempDir } from '@test/helpers/vault';

const MB = 1e6;
const KB = 1e3;
/** The bound for a 1 GB incident, scrypt's 128 MiB for the passphrase checks included. */
const BOUND = 300 * MB;
/**
 * What the resident set may grow by between the two exports. It moves by 20 MB or more from run to run (the buffers
 * awaiting the next collection, and what glibc's allocator keeps of the freed ones), so it only catches whole captures
 * held (sixty more at 3 MB or more each, 525 MB when every image was held on purpose), not kilobytes: the live heap
 * below does that.
 */
const RSS_GROWTH = 60 * MB;
/**
 * What the export may hold per capture until it ends: the journal's entries for it (in the vault's copy, the exporter's
 * checked copy and its lines), its record and its zip entries: 25 KB here. PDFKit's cache of every word it had set
 * (each capture's address, hash and time) held 30 KB more a capture until it was turned off: 57 KB in all.
 */
const PER_CAPTURE = 40 * KB;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const exportOf = async (n: number): Promise<ChildExport> => {
  const dir = await tempDir(`cs-export-memory-${n}-`);
  dirs.push(dir);
  const ref = await makeNoiseIncident(n, dir);
  return exportInChild(join(dir, 'data'), dir, ref, undefined, { liveHeap: true });
};

describe('export memory (issue 13.2)', () => {
  it('stays under 300 MB, and three times the captures do not raise it', { timeout: 900_000 }, async () => {
    const small = await exportOf(30);
    const large = await exportOf(90);
    const mb = (b: number | undefined) => `${((b ?? NaN) / MB).toFixed(1)} MB`;
    const seen = [small, large]
      .map((e, i) => `${i ? 90 : 30}: peak ${mb(e.peakRss)}, writing ${mb(e.writingPeakRss)}, live ${mb(e.liveHeap)}`)
      .join('; ');
    // The bundles are what they should be: every capture twice over (the PNG and its page in screenshots.pdf).
    expect(large.bytes, seen).toBeGreaterThan(90 * 2 * 3 * MB);
    expect(small.peakRss, seen).toBeLessThan(BOUND);
    expect(large.peakRss, seen).toBeLessThan(BOUND);
    expect(large.writingPeakRss - small.writingPeakRss, seen).toBeLessThan(RSS_GROWTH);
    expect(((large.liveHeap ?? Infinity) - (small.liveHeap ?? 0)) / 60, seen).toBeLessThan(PER_CAPTURE);
  });
});
