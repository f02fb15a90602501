// What the app's facade is given by whoever builds it (the Electron composition root, the test harness), and the
// inputs of its set-up and incident start.
import type { EntryData } from '@shared/evidence/entries';
import type { Bounds } from '@shared/ipc/contract';
import type { IncidentCategory } from '@shared/ipc/vocabulary';
import type { InvestigationDeps } from '../services/investigation';
import type { PracticeSites } from '../practice/practice-sites';
import type { Printer } from '../printing/printer';
import type { Clock } from '../services/clock';
import type { BundleVerifier } from '../verify/bundle-verifier';
import type { PowerPort } from './auto-lock';
import type { ScryptParams } from '../services/keyring/key-wrapping';
import type { MachineId } from '../services/machine-id';

export interface CoreDeps {
  /** The app's data folder: the vault lives here. */
  dataDir: string;
  clock: Clock;
  version: string;
  /** Starts the evidence browser for a review (Electron's WebContentsView in the app, Chromium in tests). */
  launchBrowser: InvestigationDeps['launchBrowser'];
  /** The printer, created when first needed. */
  printer: () => Promise<Printer>;
  /** Started in practice mode (e.g. `--practice`). */
  practice: boolean;
  /** Serves the safe practice sites, when first needed. */
  practiceSites?: () => Promise<PracticeSites>;
  /** Positions the evidence view over the review screen's placeholder (null hides it). */
  onViewBounds?: (bounds: Bounds | null) => void;
  /** The system's folder and file pickers; absent where there are none (the harness types a path). */
  chooseFolder?: () => Promise<string | null>;
  chooseBundle?: () => Promise<string | null>;
  /** Waits between wrong passphrases; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** Key-derivation cost of new wraps; tests lower it. */
  scrypt?: ScryptParams;
  /** Which computer this is; the operating system's identifier unless a test simulates another computer. */
  machineId?: MachineId;
  /** Timer of the clock watch and the idle lock; tests drive it. */
  every?: (ms: number, tick: () => void) => () => void;
  /** Checks bundles; the app gives a worker thread, so that nothing waits on it (in this thread when absent). */
  verifier?: BundleVerifier;
  /** The computer's idle time, sleep and screen lock (Electron's powerMonitor); absent in the test harness. */
  power?: PowerPort;
}

export interface StartInput {
  passphrases: readonly [string, string];
  reason: string;
  subject: EntryData<'incident.opened'>['subject'];
  category: IncidentCategory;
  /** Who reported the concern (the incident log's "Incident reported by"). */
  reportedBy?: string;
}

export interface SetUpInput {
  organisation: string;
  computer: { name: string; location: string };
  profileId: string;
  staff: readonly { name: string; role: string; passphrase: string }[];
}
