// `countersign run` and `countersign practice`, once their arguments are read: a scenario driven through the real
// services with headless Chromium for the evidence browser and the printer.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodedError } from '@shared/result';
import { startChromium } from '../browser/chromium-evidence-browser';
import { practiceScenario } from '../practice/practice-scenario';
import { servePracticeSites } from '../practice/practice-sites';
import { ChromiumPrinter } from '../printing/chromium-printer';
import { runScenario } from '../scenario/runner';
import { systemClock } from '../services/clock';
import { verifyCommand } from '../verify/verify-command';
import type { CliOutput } from './countersign-cli';

export interface ScenarioPlace {
  dataDir: string;
  outDir: string;
  /** The app version recorded in what the scenario exports. */
  version: string;
  /** Locks the bundle of an export step that gives no password (from --password-file or the environment). */
  bundlePassword?: string;
}

const readJson = async (path: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CodedError('NOT_FOUND', `Cannot read ${path}.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CodedError('INVALID_INPUT', `${path} is not valid JSON.`);
  }
};

/** Runs a scenario with a headless Chromium for the evidence browser and another for printing, and closes both. */
const runWithEngines = async (scenario: unknown, place: ScenarioPlace, out: CliOutput): Promise<number> => {
  const engine = await startChromium();
  const printing: { printer?: Promise<ChromiumPrinter> } = {};
  try {
    const result = await runScenario(scenario, place.dataDir, place.outDir, {
      clock: systemClock,
      launchBrowser: (options) => engine.open(options),
      printer: () => (printing.printer ??= ChromiumPrinter.launch()),
      version: place.version,
      ...(place.bundlePassword ? { bundlePassword: place.bundlePassword } : {}),
    });
    const failed = result.steps.filter((s) => !s.ok);
    const opened = result.incident.ok ? `Incident ${result.incident.ref}` : 'The incident could not be opened';
    const done = result.steps.length - failed.length;
    const where = join(place.outDir, 'result.json');
    out.log(`${opened}: ${done} step(s) done, ${failed.length} refused or failed. See ${where}.`);
    for (const b of result.bundles) out.log(`Bundle: ${b}`);
    return failed.length === 0 && result.incident.ok ? 0 : 1;
  } finally {
    // Both end whatever happened to the other: a Chromium left running would keep the command from exiting.
    await Promise.allSettled([
      engine.close(),
      printing.printer?.then(
        (p) => p.close(),
        () => undefined,
      ),
    ]);
  }
};

export const runScenarioFile = async (scenarioPath: string, place: ScenarioPlace, out: CliOutput): Promise<number> =>
  runWithEngines(await readJson(scenarioPath), place, out);

export const runPractice = async (
  options: Omit<ScenarioPlace, 'dataDir'> & { dataDir: string | undefined },
  out: CliOutput,
): Promise<number> => {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'countersign-practice-')));
  const sites = await servePracticeSites();
  try {
    out.log(`Practice: the safe practice sites are at ${sites.url}; the practice vault is ${dataDir}.`);
    const code = await runWithEngines(practiceScenario(sites.url), { ...options, dataDir }, out);
    const result = JSON.parse(await readFile(join(options.outDir, 'result.json'), 'utf8')) as { bundles: string[] };
    for (const bundle of result.bundles) {
      const verified = await verifyCommand([bundle], { log: () => undefined, error: out.error });
      out.log(
        verified === 0
          ? `Verified: ${bundle} checks out (countersign verify).`
          : `The practice bundle did not verify: ${bundle}`,
      );
      if (verified !== 0) return 1;
    }
    return code;
  } finally {
    await sites.close();
  }
};
