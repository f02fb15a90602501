// The halt at every await point of every operation, over a browser and a journal whose every promise the test opens
// by hand: from the moment the halt is called nothing is loaded, shown or captured, no browser is launched, every
// request is journaled (as carried out or as refused), the teardown is recorded, and the journal reopens intact.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AnyCommand, JournalEntry } from '@shared/evidence/entries';
import { BUILT_IN_PROFILES, type PolicyProfile } from '@shared/policy/profile-registry';
import { fold } from '@shared/procedure/procedure-machine';
import { writeBundle } from '@main/app/incident-outputs';
import { Journal } from '@main/services/journal';
import { Investigation } from '@main/services/investigation';
import { referencedFiles, type IncidentStore } from '@main/services/vault';
import { Gates, gatedLauncher } from '@test/helpers/gated-browser';
import { refusalCode } from '@test/helpers/refusals';
import { buildIncident, minimalPdf } from '@test/helpers/sample-incident';
import { incidentInReview, newVault, storeCapture, tempDir } from '@test/helpers/vault';

const SUSPECT = 'http://127.0.0.1:9/suspect';

interface Ctx {
  store: IncidentStore;
  inv: Investigation;
  gates: Gates;
  launched: ReturnType<typeof gatedLauncher>['launched'];
}

interface Op {
  name: string;
  /** Brings the incident to where the operation starts; its gates open by themselves. */
  prepare?(ctx: Ctx): Promise<unknown>;
  run(ctx: Ctx): Promise<unknown>;
  /** A browsing request: it must end in the journal as carried out or as refused after the halt. */
  request?: { action: string; url?: string };
  sealed?: boolean;
}

const navigateFirst = (ctx: Ctx) => ctx.inv.browse('ah', 'navigate', 'http://127.0.0.1:9/a');

const OPS: Op[] = [
  {
    name: 'navigate, launching the browser',
    run: (c) => c.inv.browse('ah', 'navigate', SUSPECT),
    request: { action: 'navigate', url: SUSPECT },
  },
  {
    name: 'navigate',
    prepare: navigateFirst,
    run: (c) => c.inv.browse('ah', 'navigate', SUSPECT),
    request: { action: 'navigate', url: SUSPECT },
  },
  { name: 'back', prepare: navigateFirst, run: (c) => c.inv.browse('ah', 'back'), request: { action: 'back' } },
  {
    name: 'forward',
    prepare: navigateFirst,
    run: (c) => c.inv.browse('ah', 'forward'),
    request: { action: 'forward' },
  },
  { name: 'reload', prepare: navigateFirst, run: (c) => c.inv.browse('ah', 'reload'), request: { action: 'reload' } },
  {
    name: 'click',
    prepare: navigateFirst,
    run: (c) => c.inv.browse('ah', 'click', 'a.next'),
    request: { action: 'click' },
  },
  { name: 'capture', prepare: navigateFirst, run: (c) => c.inv.capture('ah', 'viewport', 'Concern') },
  {
    // An unchanged page gives the very same picture: one stored file for both captures, which the second one's discard
    // must not take from the first.
    name: 'capture of an unchanged page',
    prepare: async (c) => {
      await navigateFirst(c);
      await c.inv.capture('ah', 'viewport', 'First');
    },
    run: (c) => c.inv.capture('ah', 'viewport', 'The same again'),
  },
  {
    name: 'note',
    prepare: navigateFirst,
    run: (c) => c.inv.act({ kind: 'note.added', actor: 'ds', data: { text: 'Seen on the second page' } }),
  },
  {
    name: 'describe a capture',
    prepare: async (c) => {
      await navigateFirst(c);
      await storeCapture(c.store, Uint8Array.from([1, 2, 3]), '');
    },
    run: (c) => {
      const sha256 = c.store.journal.state.captures[0]?.sha256 ?? '';
      return c.inv.act({ kind: 'capture.described', actor: 'ah', data: { sha256, concern: 'Name-calling' } });
    },
  },
  {
    name: 'judgement (ends the review)',
    prepare: navigateFirst,
    run: (c) =>
      c.inv.act({ kind: 'judgement.made', actor: 'ah', data: { substance: false, actions: [], policeReasons: [] } }),
  },
  {
    name: 'export of a sealed incident',
    sealed: true,
    run: async (c) => {
      const folder = await tempDir();
      const signer = c.store.vault.device;
      return writeBundle({
        store: c.store,
        organisation: 'Example School',
        version: '0.1.0',
        printer: {
          pdf: async (html) => {
            await c.gates.pass('print');
            return minimalPdf(html.slice(0, 20));
          },
          close: async () => undefined,
        },
        device: signer,
        reviewer: { id: 'ah', signer },
        profile: BUILT_IN_PROFILES[0] as PolicyProfile,
        folder,
        at: new Date(),
        onStage: () => undefined,
        onProgress: () => undefined,
        signal: new AbortController().signal,
      });
    },
  },
];

/** Until nothing moves: no log line added and no write in progress, over a few turns of the event loop. */
const quiet = async (gates: Gates, busy: () => number): Promise<void> => {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 2000 && still < 3; i += 1) {
    await new Promise((r) => setTimeout(r, 1));
    still = gates.log.length === last && busy() === 0 ? still + 1 : 0;
    last = gates.log.length;
  }
};

const settle = (p: Promise<unknown>) => {
  const s = { done: false, code: '' };
  void refusalCode(p).then((c) => Object.assign(s, { done: true, code: c }));
  return s;
};

const makeCtx = async (op: Op): Promise<Ctx & { busy(): number }> => {
  const gates = new Gates();
  gates.auto = true;
  const { launch, launched } = gatedLauncher(gates);
  const store = op.sealed ? (await buildIncident()).store : await incidentInReview(await newVault());
  const inv = new Investigation({ store, launchBrowser: launch });
  let busy = 0;
  const journal = store.journal;
  const append = journal.append.bind(journal);
  vi.spyOn(journal, 'append').mockImplementation(async (cmd: AnyCommand, refuseIf) => {
    await gates.pass(`append ${cmd.kind}`);
    busy += 1;
    try {
      return await append(cmd, refuseIf);
    } finally {
      busy -= 1;
    }
  });
  const putFile = store.putFile.bind(store);
  vi.spyOn(store, 'putFile').mockImplementation(async (bytes) => {
    await gates.pass('putFile');
    busy += 1;
    try {
      return await putFile(bytes);
    } finally {
      busy -= 1;
    }
  });
  const ctx = { store, inv, gates, launched, busy: () => busy };
  await op.prepare?.(ctx);
  gates.auto = false;
  return ctx;
};

interface Outcome {
  log: string[];
  haltAt: number;
  entries: readonly JournalEntry[];
  opCode: string;
  haltCode: string;
  phaseAtHalt: string;
  entriesAtHalt: number;
  entriesAtStart: number;
  files: string[];
  ctx: Ctx;
}

/** Runs the operation, opening its gates one by one; after `k` gates (-1: before its first await) the halt comes. */
const runWithHalt = async (op: Op, k: number, order: 'fifo' | 'lifo'): Promise<Outcome> => {
  const ctx = await makeCtx(op);
  const { gates, inv, store } = ctx;
  gates.mark('start');
  const entriesAtStart = store.journal.entries.length;
  const opRun = settle(op.run(ctx));
  let haltRun: { done: boolean; code: string } | null = null;
  let haltAt = -1;
  let phaseAtHalt = '';
  let entriesAtHalt = 0;
  const pressHalt = () => {
    haltAt = gates.log.length;
    phaseAtHalt = store.journal.state.phase;
    entriesAtHalt = store.journal.entries.length;
    gates.mark('halt');
    haltRun = settle(inv.halt('ds', SUSPECT));
  };
  if (k < 0) pressHalt();
  for (let opened = 0; ;) {
    await quiet(gates, ctx.busy);
    if (!haltRun && opened === k) pressHalt();
    if (gates.pending.length === 0) {
      if (opRun.done && !haltRun) pressHalt();
      else if (opRun.done && (haltRun as unknown as { done: boolean }).done) break;
      continue;
    }
    gates.openOne(order);
    opened += 1;
  }
  const finalHalt = haltRun as unknown as { code: string };
  return {
    log: gates.log,
    haltAt,
    entries: store.journal.entries,
    opCode: opRun.code,
    haltCode: finalHalt.code,
    phaseAtHalt,
    entriesAtHalt,
    entriesAtStart,
    files: (await readdir(join(store.dir, 'files')).catch(() => [])).sort(),
    ctx,
  };
};

const countGates = async (op: Op): Promise<number> => {
  const ctx = await makeCtx(op);
  ctx.gates.auto = true;
  await refusalCode(op.run(ctx));
  return ctx.gates.log.filter((l) => l.startsWith('call ')).length;
};

const kindsAfter = (o: Outcome, from: number) => o.entries.slice(from).map((e) => e.kind);

/** The invariants of a halt, whatever the interleaving. */
const checkInvariants = async (op: Op, o: Outcome): Promise<void> => {
  const where = `${op.name}, halt after step ${o.haltAt}: ${o.log.join(' | ')}`;
  const after = o.log.slice(o.haltAt + 1);
  // Nothing loaded, shown or captured, and no browser launched or driven, from the moment the halt is pressed.
  expect(
    after.filter((l) => /^(loaded|captured|call launch)/.test(l)),
    where,
  ).toEqual([]);
  expect(
    after.filter((l) => l.startsWith('call browser') && !l.endsWith('teardown')),
    where,
  ).toEqual([]);
  expect(
    kindsAfter(o, o.entriesAtHalt).filter((k) => k === 'capture.taken'),
    where,
  ).toEqual([]);
  // Every browser there was is torn down, and each teardown is in the journal.
  const torn = o.entries.slice(o.entriesAtStart).filter((e) => e.kind === 'browser.torn-down');
  expect(torn.length, where).toBe(o.ctx.launched.length);
  if (o.phaseAtHalt === 'review') {
    if (o.haltCode === 'RESOLVED') {
      expect(o.entries.filter((e) => e.kind === 'review.halted').length, where).toBe(1);
      expect(o.ctx.store.journal.state.captureLocked, where).toBe(true);
      for (const t of torn.filter((e) => e.seq >= o.entriesAtHalt)) expect(t.data, where).toEqual({ reason: 'halt' });
    } else {
      // Only a step already on its way into the journal can end the review before the halt is written.
      expect(o.haltCode, where).toBe('PROCEDURE_FORBIDS');
      expect(o.ctx.store.journal.state.phase, where).not.toBe('review');
    }
  } else {
    expect(o.haltCode, where).toBe('PROCEDURE_FORBIDS');
  }
  // A browsing request ends in the journal: carried out, or refused after the halt.
  if (op.request) {
    const req = o.entries.filter((e) => e.kind === 'browser.requested').at(-1);
    const refused = o.entries.find((e) => e.kind === 'browser.refused');
    if (o.opCode === 'RESOLVED') expect(req?.data, where).toMatchObject(op.request);
    else {
      expect(o.opCode, where).toBe('PROCEDURE_FORBIDS');
      expect(refused?.data, where).toMatchObject({ ...op.request, reason: 'halted' });
    }
  }
  // A capture overtaken by the halt leaves no file and no entry; every stored file is one the journal names.
  expect(o.files, where).toEqual([...referencedFiles(o.entries)].sort());
  if (op.name === 'capture' && o.opCode !== 'RESOLVED' && o.haltAt >= 0) {
    const taken = o.entries.some((e) => e.kind === 'capture.taken');
    if (!taken)
      expect(
        o.entries.some((e) => e.kind === 'capture.discarded'),
        where,
      ).toBe(true);
  }
  // The journal on disk reopens: chain, signed heads and procedure intact.
  const reopened = await Journal.open(o.ctx.store.dir, o.ctx.store.vault.journalDeps(), o.ctx.store.ref);
  expect(fold(reopened.entries).violation, where).toBeUndefined();
};

describe('the halt at every await point', () => {
  let total = 0;
  // docs/reliability.md quotes this line.
  afterAll(() => console.info(`halt interleavings: ${total} runs over ${OPS.length} operations, every invariant held`));
  for (const op of OPS) {
    it(`${op.name}: the halt wins wherever it lands`, async () => {
      const gates = await countGates(op);
      let runs = 0;
      for (const order of ['fifo', 'lifo'] as const) {
        for (let k = -1; k <= gates; k += 1) {
          await checkInvariants(op, await runWithHalt(op, k, order));
          runs += 1;
        }
      }
      expect(runs).toBeGreaterThan(2);
      total += runs;
    });
  }
});
