// A real AppCore over a temporary data folder, with the scriptable browser and a printer that makes small valid PDFs.
import { join } from 'node:path';
import type { Bounds } from '@shared/ipc/contract';
import { AppCore } from '@main/app/app-core';
import type { CoreDeps } from '@main/app/core-deps';
import type { Printer } from '@main/printing/printer';
import { systemClock } from '@main/services/clock';
import { FakeBrowser } from '@test/helpers/fake-browser';
import { minimalPdf } from '@test/helpers/sample-incident';
import { tempDir } from '@test/helpers/vault';

export const HEAD = { name: 'Alex Head', role: 'Headteacher', passphrase: 'blue kettle on the staffroom windowsill' };
export const DSL = {
  name: 'Dana Lead',
  role: 'Designated Safeguarding Lead',
  passphrase: 'seven ravens circling the playground',
};
export const THIRD = { name: 'Sam Deputy', role: 'Deputy Headteacher', passphrase: 'an orange ferry crossing at dawn' };

export interface Fixture {
  core: AppCore;
  dataDir: string;
  browsers: FakeBrowser[];
  bounds: (Bounds | null)[];
  /** Ticks the clock watch's timer once. */
  tick(): void;
}

export const makeCore = async (overrides: Partial<CoreDeps> = {}): Promise<Fixture> => {
  const dataDir = join(await tempDir('cs-core-'), 'data');
  const browsers: FakeBrowser[] = [];
  const bounds: (Bounds | null)[] = [];
  const ticks: (() => void)[] = [];
  const printer: Printer = { pdf: async (html) => minimalPdf(html.slice(0, 40)), close: async () => undefined };
  const core = new AppCore({
    dataDir,
    clock: systemClock,
    version: '0.1.0',
    practice: false,
    scrypt: { N: 2 ** 10, r: 8, p: 1 },
    sleep: async () => undefined,
    launchBrowser: async () => {
      const b = new FakeBrowser();
      browsers.push(b);
      return b;
    },
    printer: async () => printer,
    onViewBounds: (b) => bounds.push(b),
    every: (_ms, tick) => {
      ticks.push(tick);
      return () => ticks.splice(ticks.indexOf(tick), 1);
    },
    ...overrides,
  });
  return { core, dataDir, browsers, bounds, tick: () => ticks.forEach((t) => t()) };
};

export const setUp = async (f: Fixture) =>
  f.core.setUp({
    organisation: 'Brindlewick Primary School',
    computer: { name: 'SAFEGUARD-LAPTOP-1', location: 'Head’s office' },
    profileId: 'swgfl-template',
    staff: [HEAD, DSL, THIRD],
  });

/** A new incident started by the head and the DSL, with its clock confirmed and triage answered "no". */
export const incidentInReview = async (f: Fixture) => {
  const started = await f.core.startIncident({
    passphrases: [HEAD.passphrase, DSL.passphrase],
    reason: 'Unkind posts about pupil P-117 reported by a parent.',
    subject: { kind: 'pupil', ref: 'P-117' },
    category: 'Cyberbullying',
  });
  const [a, b] = started.record.reviewers;
  const ref = started.ref;
  await f.core.act(ref, a.id, { kind: 'clock.confirmed', data: { shownAt: new Date().toISOString(), offsetMs: 0 } });
  await f.core.act(ref, b.id, { kind: 'triage.answered', data: { illegalSuspected: false } });
  return { ref, a: a.id, b: b.id };
};
