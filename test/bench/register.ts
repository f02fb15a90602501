// Benchmark: the register with 5,000 real incidents in an encrypted vault, in real Chromium through the UI harness:
// filter and open times.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INCIDENT_CATEGORIES } from '@shared/ipc/vocabulary';
import { AppCore } from '@main/app/app-core';
import { setUpVault, signOff, startIncident, type AccessDeps } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { DSL, HEAD, SCHOOL, onScreen } from '@test/e2e/ui/flows';
import { startUi, TEST_SCRYPT } from '@test/e2e/ui/ui-harness';

const COUNT = Number(process.env.INCIDENTS ?? 5000);
const RUNS = Number(process.env.RUNS ?? 15);
const CONCURRENCY = 16;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN };
};
const fmt = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const line = (label: string, samples: number[]) => {
  // A change that leaves the page as it was (same results) draws nothing to time.
  const xs = samples.filter((x) => !Number.isNaN(x));
  const s = stats(xs);
  console.log(`${label.padEnd(44)} median ${fmt(s.median)}   p95 ${fmt(s.p95)}   max ${fmt(s.max)}`);
};

// ---- the vault: COUNT incidents at a spread of stages, made with the same services the app uses -----------------

const dataDir = join(await mkdtemp(join(tmpdir(), 'cs-bench-register-')), 'data');
const refs: string[] = [];
/** Makes the vault of COUNT incidents (about four minutes on the 2-core machine). */
const makeVault = async () => {
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
  const made = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < COUNT) {
      const i = next;
      next += 1;
      const details = {
        reason: `Benchmark incident ${i}`,
        subject: { kind: i % 3 === 0 ? ('staff' as const) : ('pupil' as const), ref: `P-${i}` },
        category: INCIDENT_CATEGORIES[i % INCIDENT_CATEGORIES.length] ?? 'Other',
        practice: i % 10 === 0,
      };
      // References are the day plus 24 random bits: thousands made on one day can collide, so a collision is retried.
      const store = await startIncident(open, [HEAD.passphrase, DSL.passphrase], details).catch(() =>
        startIncident(open, [HEAD.passphrase, DSL.passphrase], details),
      );
      refs.push(store.ref);
      const [a, b] = store.journal.state.reviewers as [string, string];
      if (i % 4 === 0) continue;
      await store.journal.append({
        kind: 'clock.confirmed',
        actor: a,
        data: { shownAt: new Date().toISOString(), offsetMs: 0 },
      });
      await store.journal.append({ kind: 'triage.answered', actor: b, data: { illegalSuspected: i % 17 === 0 } });
      if (i % 5 !== 0 || i % 17 === 0) continue;
      await store.journal.append({
        kind: 'judgement.made',
        actor: a,
        data: { substance: true, actions: ['internal'], policeReasons: [] },
      });
      await store.journal.append({ kind: 'conclusion.recorded', actor: a, data: { text: `Concluded ${i}` } });
      await signOff(open, store, [HEAD.passphrase, DSL.passphrase]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.log(
    `Made ${COUNT} incidents in ${((performance.now() - made) / 1000).toFixed(1)} s (encrypted vault, ${dataDir}).`,
  );
  open.keyring.lock();
};
// REGISTER_VAULT names the data folder of an earlier run (printed below): a copy of it spares making the vault again.
const earlier = process.env.REGISTER_VAULT;
if (earlier) {
  await cp(earlier, dataDir, { recursive: true });
  refs.push(...(await readdir(join(dataDir, 'incidents'))).sort());
  // The rows kept from that run are dropped, so the first listing reads every journal as on a first start.
  await rm(join(dataDir, 'register-rows.enc'), { force: true });
  console.log(`Copied the vault of ${refs.length} incidents from ${earlier} to ${dataDir}.`);
} else await makeVault();

// ---- the app over that vault, in Chromium ----------------------------------------------------------------------

const ui = await startUi({ dataDir });
const { page } = ui;
try {
  await onScreen(page, 'Countersign is locked');
  await page.getByLabel('Your passphrase').fill(HEAD.passphrase);
  const unlocked = performance.now();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByText(`of ${COUNT} incidents`).waitFor({ timeout: 600_000 });
  await page.getByText('checking the vault for changes').waitFor({ state: 'detached', timeout: 600_000 });
  console.log(
    `First sync of the register index from ` +
      `the vault (reads every journal once): ${((performance.now() - unlocked) / 1000).toFixed(1)} s`,
  );

  const listed = performance.now();
  await ui.core.register.list();
  console.log(
    `Listing again (journals unchanged, from the cache):                     ${fmt(performance.now() - listed)}`,
  );

  // Locked and unlocked again: the register is on screen from Dexie while the vault's list runs.
  const unlockTimes: number[] = [];
  const unlockCallTimes: number[] = [];
  const afterUnlockTimes: number[] = [];
  // The page's calls are timed where they leave and come back: when vault.unlock answers, the key derivation (scrypt)
  // and the main process's opening of the vault are over, and the rest is the renderer's.
  await page.evaluate(() => {
    const w = window as unknown as {
      __countersignInvoke(c: string, q: unknown): Promise<unknown>;
      __unlockAnswered?: number;
    };
    const invoke = w.__countersignInvoke.bind(w);
    w.__countersignInvoke = async (c, q) => {
      const r = await invoke(c, q);
      if (c === 'vault.unlock') w.__unlockAnswered = performance.now();
      return r;
    };
  });
  for (let i = 0; i < 5; i += 1) {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await onScreen(page, 'Countersign is locked');
    await page.getByLabel('Your passphrase').fill(HEAD.passphrase);
    const [total, call] = await page.evaluate(async (count) => {
      const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Unlock');
      if (!button) throw new Error('no unlock button');
      const t0 = performance.now();
      button.click();
      while (!document.querySelector('.status-line')?.textContent?.includes(`of ${count} incidents`))
        await new Promise((res) => requestAnimationFrame(res));
      await new Promise((res) => requestAnimationFrame(res));
      const answered = (window as unknown as { __unlockAnswered?: number }).__unlockAnswered ?? NaN;
      return [performance.now() - t0, answered - t0];
    }, COUNT);
    unlockTimes.push(total);
    unlockCallTimes.push(call);
    afterUnlockTimes.push(total - call);
    await page.getByText('checking the vault for changes').waitFor({ state: 'detached' });
  }

  // Loaded again: the register shows from Dexie at once, then the vault's list brings it up to date.
  await ui.reload();
  const shown = performance.now();
  await page.getByText(`of ${COUNT} incidents`).waitFor();
  console.log(
    `Register shown from the Dexie index after a reload:                     ${fmt(performance.now() - shown)}`,
  );

  /** Changes one filter control as a person would and times it until the new count is on screen (a frame later). */
  const timeFilter = (label: string, value: string): Promise<number> =>
    page.evaluate(
      async ([name, val]) => {
        const el = Array.from(document.querySelectorAll('label')).find((l) => l.textContent === name)?.control;
        const status = document.querySelector('.status-line');
        if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !status)
          throw new Error(`no field ${name as string}`);
        const main = document.getElementById('main');
        if (!main) throw new Error('no main');
        const t0 = performance.now();
        // Done when React has changed the page (count or rows) and the browser has drawn the next frame.
        const drawn = new Promise<number>((resolve) => {
          const mo = new MutationObserver(() => {
            mo.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          mo.observe(main, { subtree: true, childList: true, characterData: true });
          setTimeout(() => {
            mo.disconnect();
            resolve(Number.NaN);
          }, 2000);
        });
        const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, val);
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
        return drawn;
      },
      [label, value] as const,
    );

  const ids = { stage: 'Stage', category: 'Category', search: 'Search' };
  const filterTimes: number[] = [];
  const searchTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    filterTimes.push(await timeFilter(ids.stage, i % 2 === 0 ? 'sealed' : 'open'));
    filterTimes.push(await timeFilter(ids.category, INCIDENT_CATEGORIES[i % INCIDENT_CATEGORIES.length] ?? ''));
    filterTimes.push(await timeFilter(ids.category, ''));
    searchTimes.push(await timeFilter(ids.search, refs[(i * 331) % refs.length]?.slice(-6) ?? 'CS'));
    searchTimes.push(await timeFilter(ids.search, ''));
  }
  await timeFilter(ids.stage, 'all');

  const openTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const ref = refs[(i * 977) % refs.length] ?? '';
    await timeFilter(ids.search, ref);
    const took = await page.evaluate(async (r) => {
      const button = document.querySelector<HTMLButtonElement>(`button[aria-label="Open incident ${r}"]`);
      if (!button)
        throw new Error(
          `no row for ${r}: ${document.querySelector('.status-line')?.textContent ?? ''} / ` +
            ((document.querySelector('input[type=search]') as HTMLInputElement | null)?.value ?? ''),
        );
      const t0 = performance.now();
      button.click();
      for (;;) {
        const bar = document.querySelector('.incident-bar .ref');
        if (bar?.textContent === r && document.querySelector('h1')?.textContent !== 'Incidents') break;
        await new Promise((res) => requestAnimationFrame(res));
      }
      await new Promise((res) => requestAnimationFrame(res));
      return performance.now() - t0;
    }, ref);
    openTimes.push(took);
    if (process.env.VERBOSE) console.log(`open ${ref}: ${took.toFixed(1)} ms`);
    await page.getByRole('button', { name: 'Incidents', exact: true }).click();
    await onScreen(page, 'Incidents');
    await page.getByText('checking the vault for changes').waitFor({ state: 'detached' });
  }

  console.log('');
  console.log(`Register of ${COUNT} incidents (${RUNS} runs each), in Chromium:`);
  line('Filter by stage or category, to table drawn', filterTimes);
  line('Search by reference, to table drawn', searchTimes);
  line('Open an incident from the list, to its screen', openTimes);
  line('Unlock, to the register on screen', unlockTimes);
  line('  of which vault.unlock (scrypt, opening the vault)', unlockCallTimes);
  line('  of which the register drawn after vault.unlock answered', afterUnlockTimes);
  console.log('Goals: register on screen 300 ms after unlocking; filter, search and open under 100 ms at p95.');
} finally {
  await ui.close();
}

// Started again over the same folder, once the app above has closed: the rows kept in the vault spare reading every
// journal.
const restarted = new AppCore({
  dataDir,
  clock: systemClock,
  version: '0.1.0',
  practice: false,
  scrypt: TEST_SCRYPT,
  sleep: async () => undefined,
  launchBrowser: () => Promise.reject(new Error('no browser in the bench')),
  printer: () => Promise.reject(new Error('no printer in the bench')),
});
await restarted.unlock(HEAD.passphrase);
const again = performance.now();
await restarted.register.list();
console.log(
  `Listing after a restart of the app (rows kept in the vault):            ${fmt(performance.now() - again)}`,
);
await restarted.close();
