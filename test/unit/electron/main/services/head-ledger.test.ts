// Rolling an incident back, by someone who can write the disk but knows no passphrase: the journal cut with head.json
// deleted, kept or older; the ledger cut, older or deleted; an incident folder deleted. Each is named by `check`,
// refused on opening with no byte changed, and an honest crash between the ledger and the journal is never accused.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { HeadLedger, LEDGER_FILE } from '@main/services/head-ledger';
import { Vault, type IncidentStore } from '@main/services/vault';
import { refusalCode } from '@test/helpers/refusals';
import { incidentInReview, mustAppend, newVault, storeCapture } from '@test/helpers/vault';

const deps = { codec: plainCodec, clock: systemClock };

/** Every file under the data folder with its bytes: what "no byte changed" is checked against. */
const snapshot = async (dir: string): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(relative(dir, p), (await readFile(p)).toString('base64'));
    }
  };
  await walk(dir);
  return out;
};

const lines = async (store: IncidentStore) =>
  (await readFile(join(store.dir, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean);

/** Cuts the journal on disk to its first `keep` lines, as an intruder with a text editor would. */
const cutJournal = async (store: IncidentStore, keep: number) =>
  writeFile(join(store.dir, 'journal.jsonl'), `${(await lines(store)).slice(0, keep).join('\n')}\n`);

const reopen = () => Vault.open(vault.dataDir, deps);

/** The app opening the incident afresh: refused with ROLLED_BACK, and not one byte of the vault changed. */
const refusedUnchanged = async (ref: string) => {
  const before = await snapshot(vault.dataDir);
  const fresh = await reopen();
  const e = await fresh.openIncident(ref).catch((x: Error) => x);
  expect(e).toMatchObject({ code: 'ROLLED_BACK' });
  expect(await snapshot(vault.dataDir)).toEqual(before);
  return (e as Error).message;
};

const checkProblems = async (ref: string) => {
  const r = await checkVault(vault.dataDir, plainCodec);
  expect(r.ok).toBe(false);
  return [...r.problems, ...(r.incidents.find((i) => i.ref === ref)?.problems ?? [])];
};

let vault: Vault;
let store: IncidentStore;
/** How many journal lines the incident had just before the halt was recorded. */
let beforeHalt: number;
/** head.json as it stood before the halt: the copy an intruder would have kept. */
let olderHead: Buffer;

beforeEach(async () => {
  vault = await newVault();
  store = await incidentInReview(vault);
  await storeCapture(store, Buffer.from('capture before the halt'));
  beforeHalt = store.journal.entries.length;
  olderHead = await readFile(join(store.dir, 'head.json'));
  await mustAppend(store, { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt/' } });
});

describe('a journal cut back to just before the halt', () => {
  it('with head.json deleted: check names it, opening refuses it in plain words and changes nothing', async () => {
    await cutJournal(store, beforeHalt);
    await rm(join(store.dir, 'head.json'));
    expect(await checkProblems(store.ref)).toContainEqual(
      expect.objectContaining({ code: 'ROLLED_BACK', message: expect.stringMatching(/has been cut back/) }),
    );
    const message = await refusedUnchanged(store.ref);
    expect(message).toMatch(/signed its record up to entry \d+, but its journal now ends at entry \d+/);
    expect(message).toMatch(/Nothing has been changed/);
  });

  it('with head.json kept as it was', async () => {
    await cutJournal(store, beforeHalt);
    expect((await checkProblems(store.ref)).map((p) => p.code)).toContain('ROLLED_BACK');
    await refusedUnchanged(store.ref);
  });

  it('with head.json replaced by the older copy that matches the cut journal', async () => {
    await cutJournal(store, beforeHalt);
    await writeFile(join(store.dir, 'head.json'), olderHead);
    const problems = await checkProblems(store.ref);
    // Journal and head.json agree with each other; only the ledger, kept apart, shows the cut.
    expect(problems.map((p) => p.code)).toEqual(['ROLLED_BACK']);
    await refusedUnchanged(store.ref);
  });
});

describe('the ledger itself', () => {
  it('replaced by an older copy while an incident moved on: that incident is named', async () => {
    const olderLedger = await readFile(join(vault.dataDir, LEDGER_FILE));
    await mustAppend(store, { kind: 'halt.purge-decided', actor: 'ah', data: { captures: [] } });
    await writeFile(join(vault.dataDir, LEDGER_FILE), olderLedger);
    const p = await checkProblems(store.ref);
    expect(p).toContainEqual(
      expect.objectContaining({
        code: 'ROLLED_BACK',
        message: expect.stringMatching(/record of signed heads is older/),
      }),
    );
    await refusedUnchanged(store.ref);
  });

  it('cut by its last line: the incident whose head it held is named', async () => {
    const path = join(vault.dataDir, LEDGER_FILE);
    const ls = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    await writeFile(path, `${ls.slice(0, -1).join('\n')}\n`);
    expect((await checkProblems(store.ref)).map((p) => p.code)).toContain('ROLLED_BACK');
    await refusedUnchanged(store.ref);
  });

  it('deleted: check says so for the whole vault, and no incident opens', async () => {
    await rm(join(vault.dataDir, LEDGER_FILE));
    const r = await checkVault(vault.dataDir, plainCodec);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'ROLLED_BACK', where: LEDGER_FILE })]);
    expect(await refusedUnchanged(store.ref)).toMatch(/has been deleted/);
  });

  it('with a line altered: CORRUPT, naming the line', async () => {
    const path = join(vault.dataDir, LEDGER_FILE);
    const ls = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    ls[2] = (ls[2] ?? '').replace(/"seq":(\d+)/, '"seq":9$1');
    await writeFile(path, `${ls.join('\n')}\n`);
    const r = await checkVault(vault.dataDir, plainCodec);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'CORRUPT', message: expect.stringMatching(/damaged at line 3/) }),
    ]);
    expect(await refusalCode(reopen().then((v) => v.openIncident(store.ref)))).toBe('CORRUPT');
  });
});

describe('an incident folder deleted while the ledger lists it', () => {
  it('is named by check and refused on opening', async () => {
    await rm(store.dir, { recursive: true });
    expect(await checkProblems(store.ref)).toEqual([
      expect.objectContaining({ code: 'ROLLED_BACK', message: expect.stringMatching(/folder has been deleted/) }),
    ]);
    expect(await refusedUnchanged(store.ref)).toMatch(/its folder or its journal has been deleted/);
  });
});

describe('an incident deleted on purpose', () => {
  it('is recorded in the ledger, so its missing folder is not taken for a rollback', async () => {
    await vault.ledger.recordRemoved(store.ref, 'Deleted with two approvals; destruction certificate DC-1.');
    await rm(store.dir, { recursive: true });
    const r = await checkVault(vault.dataDir, plainCodec);
    expect(r.problems).toEqual([]);
    expect(r.incidents).toEqual([]);
    // Removed here without the deletion service, so the deletion log lacks its tombstone, and check says so.
    expect(r.deletions.problems).toEqual([expect.stringMatching(/no tombstone/)]);
    expect((await reopen()).ledger.refs()).toEqual([]);
  });
});

describe('an honest interruption is never taken for a rollback', () => {
  it('a crash after the ledger line and before the head.signed line: opens, and the head is signed again', async () => {
    const ls = await lines(store);
    expect(JSON.parse(ls.at(-1) ?? '').kind).toBe('head.signed');
    await cutJournal(store, ls.length - 1);
    const r = await checkVault(vault.dataDir, plainCodec);
    expect(r.incidents[0]?.problems).toEqual([]);
    const reopened = await (await reopen()).openIncident(store.ref);
    expect(reopened.journal.entries.at(-1)?.kind).toBe('head.signed');
    expect((await checkVault(vault.dataDir, plainCodec)).ok).toBe(true);
  });

  it('a torn last ledger line is cut off on opening and the cut recorded in the ledger', async () => {
    const path = join(vault.dataDir, LEDGER_FILE);
    const size = (await stat(path)).size;
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.from('{"n":99,"at":"2026')]));
    expect((await checkVault(vault.dataDir, plainCodec)).warnings).toContainEqual(expect.stringMatching(/torn line/));
    const fresh = await reopen();
    expect((await readFile(path, 'utf8')).slice(size)).toMatch(/"kind":"recovery.torn-tail"/);
    await fresh.openIncident(store.ref);
  });
});

describe('a vault made before the ledger existed', () => {
  /** What such a vault looks like: the device key as a bare PEM, no ledger. */
  const makeOld = async () => {
    const key = await readFile(join(vault.dataDir, 'keys', 'device.key'), 'utf8');
    await writeFile(join(vault.dataDir, 'keys', 'device.key'), key.replace('countersign-head-ledger: v1\n', ''));
    await rm(join(vault.dataDir, LEDGER_FILE));
  };

  it('gets its ledger from its journals on first opening, recorded as a migration, and is guarded after', async () => {
    await makeOld();
    expect((await checkVault(vault.dataDir, plainCodec)).warnings).toContainEqual(
      expect.stringMatching(/made before the record of signed heads/),
    );
    await reopen();
    const first = JSON.parse((await readFile(join(vault.dataDir, LEDGER_FILE), 'utf8')).split('\n')[0] ?? '');
    expect(first).toMatchObject({ kind: 'ledger.started', data: { cause: 'migration' } });
    expect(await readFile(join(vault.dataDir, 'keys', 'device.key'), 'utf8')).toMatch(
      /-----END PRIVATE KEY-----\ncountersign-head-ledger: v1\n$/,
    );
    expect((await checkVault(vault.dataDir, plainCodec)).ok).toBe(true);
    await cutJournal(store, beforeHalt);
    await rm(join(store.dir, 'head.json'));
    await refusedUnchanged(store.ref);
  });

  it('the vault that migrated opens its incidents at once, without taking them for rolled back', async () => {
    await makeOld();
    const migrated = await reopen();
    const opened = await migrated.openIncident(store.ref);
    await mustAppend(opened, { kind: 'halt.purge-decided', actor: 'ah', data: { captures: [] } });
    expect((await checkVault(vault.dataDir, plainCodec)).ok).toBe(true);
  });

  it('a migrated ledger deleted afterwards is not taken for an older vault again', async () => {
    await makeOld();
    await reopen();
    await rm(join(vault.dataDir, LEDGER_FILE));
    expect(await refusedUnchanged(store.ref)).toMatch(/has been deleted/);
  });
});

describe('a long ledger', () => {
  const ledgerLines = async () =>
    (await readFile(join(vault.dataDir, LEDGER_FILE), 'utf8')).split('\n').filter(Boolean);

  it('is compacted on opening to one line per incident, and still catches a rollback', async () => {
    for (let i = 0; i < 6; i++)
      await mustAppend(await incidentInReview(vault), { kind: 'note.added', actor: 'ah', data: { text: `n${i}` } });
    const long = await ledgerLines();
    expect(long.length).toBeGreaterThan(20);
    const before = await readFile(join(vault.dataDir, LEDGER_FILE));
    const deps = { dataDir: vault.dataDir, codec: plainCodec, clock: systemClock, device: vault.device, compactAt: 20 };
    await HeadLedger.open(deps);
    const short = (await ledgerLines()).map((l) => JSON.parse(l));
    expect(short).toHaveLength(1 + 7);
    expect(short[0]).toMatchObject({
      kind: 'ledger.started',
      data: { cause: 'compaction', previous: { lines: long.length } },
    });
    expect((await checkVault(vault.dataDir, plainCodec)).ok).toBe(true);
    await cutJournal(store, beforeHalt);
    expect(await refusedUnchanged(store.ref)).toMatch(/has been cut back/);
    // The long ledger put back in place of the compacted one is an older copy: still consistent, still guarding.
    await writeFile(join(vault.dataDir, LEDGER_FILE), before);
    expect(await refusedUnchanged(store.ref)).toMatch(/has been cut back/);
  });

  it('is not compacted again at every opening when it holds more incidents than the compaction threshold', async () => {
    for (let i = 0; i < 6; i++)
      await mustAppend(await incidentInReview(vault), { kind: 'note.added', actor: 'ah', data: { text: `n${i}` } });
    const deps = { dataDir: vault.dataDir, codec: plainCodec, clock: systemClock, device: vault.device, compactAt: 4 };
    await HeadLedger.open(deps);
    const compacted = await readFile(join(vault.dataDir, LEDGER_FILE));
    expect((await ledgerLines()).length).toBe(1 + 7);
    await HeadLedger.open(deps);
    expect(await readFile(join(vault.dataDir, LEDGER_FILE))).toEqual(compacted);
  });

  it('emptied: ROLLED_BACK for the whole vault', async () => {
    await writeFile(join(vault.dataDir, LEDGER_FILE), '');
    expect((await checkVault(vault.dataDir, plainCodec)).problems).toEqual([
      expect.objectContaining({ code: 'ROLLED_BACK', message: expect.stringMatching(/has been emptied/) }),
    ]);
    await refusedUnchanged(store.ref);
  });
});
