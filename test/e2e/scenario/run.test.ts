// `countersign run` over the practice sites with a real Chromium: one outcome per step, refusals that change nothing,
// and a halt that leaves no image.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '@test/fixtures/server';
import { PRACTICE_ROOT } from '@main/practice/practice-sites';
import { readWhole } from '@shared/evidence/bundle/bag-source';
import { openBundle } from '@main/verify/bundle-reader';
import { runCli } from '@test/helpers/cli';
import { filesContaining } from '@test/helpers/search';
import { tempDir } from '@test/helpers/vault';
import { unlockVault } from '@main/services/access';
import { systemClock } from '@main/services/clock';
import { systemSleep } from '@main/services/keyring/keyring';

const MARKER = `CS-MARKER-${randomBytes(12).toString('hex')}`;

let server: FixtureServer;
let markerPng: Buffer;

beforeAll(async () => {
  // A stand-in for suspect imagery: a real PNG that carries a unique byte marker after its end.
  markerPng = Buffer.concat([
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#777' } })
      .png()
      .toBuffer(),
    Buffer.from(MARKER),
  ]);
  server = await startFixtureServer(PRACTICE_ROOT, {
    routes: {
      '/suspect/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Suspect page</title><h1>${MARKER}</h1><img src="/suspect/image.png" alt="">`);
      },
      '/suspect/image.png': (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
        res.end(markerPng);
      },
    },
  });
});
afterAll(() => server?.close());

const base = {
  version: 1,
  organisation: 'Example School',
  computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
  staff: [
    { id: 'ah', name: 'A. Head', role: 'Headteacher', passphrase: 'amber kettle walks north 42' },
    { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead', passphrase: 'seven quiet owls by the river' },
  ],
};

const run = async (incident: object, tmp?: string) => {
  const dir = await tempDir('cs-run-');
  const scenario = join(dir, 'scenario.json');
  await writeFile(scenario, JSON.stringify({ ...base, incident }));
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  const cli = await runCli(['run', scenario, '--data', data, '--out', out], tmp ? { TMPDIR: tmp } : {});
  const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
  return { cli, result, data, out };
};

/** The journal as the app reads it: unlocked with a reviewer's passphrase. */
const decodedJournal = async (data: string, ref: string) => {
  const open = await unlockVault(data, base.staff[0]?.passphrase ?? '', { clock: systemClock, sleep: systemSleep });
  const store = await open.vault.openIncident(ref);
  return store.journal.entries;
};

describe('countersign run', () => {
  it('runs a review of the practice sites and records every visit and capture', async () => {
    const { cli, result, data, out } = await run({
      reviewers: ['ah', 'ds'],
      reason: 'Bullying reported by a parent',
      subject: { kind: 'pupil', ref: 'P-117' },
      category: 'Cyberbullying',
      steps: [
        { do: 'navigate', url: `${server.url}/social/index.html` },
        { do: 'triage', illegalSuspected: false },
        { do: 'navigate', url: `${server.url}/social/post/1.html` },
        { do: 'click', selector: 'a.next' },
        { do: 'back' },
        { do: 'wait', ms: 100 },
        { do: 'capture', mode: 'viewport', concern: 'Name-calling under the photo' },
        { do: 'capture', mode: 'fullpage' },
        { do: 'judge', substance: true, actions: ['internal'] },
        { do: 'describe', capture: 2, concern: 'The whole thread of comments' },
        { do: 'note', text: 'Parents to be informed.' },
        { do: 'judge', substance: true, actions: ['internal'] },
        { do: 'capture', mode: 'viewport' },
        { do: 'conclude', text: 'Concern upheld. Pupil sanctions under the behaviour policy.' },
        { do: 'teleport' },
        { do: 'export', recipient: 'la' },
        { do: 'signoff', by: ['ah', 'ah'] },
        { do: 'signoff' },
        { do: 'note', text: 'Too late for a note.' },
        { do: 'export', recipient: 'Local Authority', password: 'given by phone 7731' },
      ],
    });
    expect(cli.code, cli.stderr).toBe(1);
    const steps = result.steps as {
      do: string;
      ok: boolean;
      error?: { code: string };
      sha256?: string;
      url?: string;
    }[];
    expect(steps.map((s) => (s.ok ? 'ok' : s.error?.code))).toEqual([
      'PROCEDURE_FORBIDS',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'PROCEDURE_FORBIDS',
      'ok',
      'ok',
      'ok',
      'PROCEDURE_FORBIDS',
      'ok',
      'INVALID_INPUT',
      'PROCEDURE_FORBIDS',
      'SAME_PERSON',
      'ok',
      'PROCEDURE_FORBIDS',
      'ok',
    ]);
    expect(result.bundles).toHaveLength(1);
    const bundle = result.bundles[0] as string;
    expect((await runCli(['verify', bundle], { COUNTERSIGN_BUNDLE_PASSWORD: 'given by phone 7731' })).code).toBe(0);
    expect((await runCli(['verify', bundle])).code).toBe(2);
    expect(steps[3]?.url).toBe(`${server.url}/social/post/2.html`);
    expect(steps[4]?.url).toBe(`${server.url}/social/post/1.html`);
    const ref = result.incident.ref as string;
    const journal = await decodedJournal(data, ref);
    const visited = journal.filter((e) => e.kind === 'browser.navigated').map((e) => (e.data as { url: string }).url);
    for (const doc of server.log.filter((r) => r.dest === 'document')) expect(visited).toContain(doc.url);
    for (const s of [steps[6], steps[7]])
      expect(await readdir(join(data, 'incidents', ref, 'files'))).toContain(s?.sha256);
    expect(journal.filter((e) => e.kind === 'capture.taken').length).toBe(2);
    const signed = journal.filter((e) => e.kind === 'signoff.signed');
    expect(signed.length).toBe(2);
    expect(new Set(signed.map((e) => e.actor)).size).toBe(2);
    const check = await runCli(['check', '--data', data], { COUNTERSIGN_PASSPHRASE: base.staff[1]?.passphrase ?? '' });
    expect(check.code, check.stdout).toBe(0);

    // The account of whoever took the first capture, from the encrypted vault, the passphrase given as for `check`.
    const opened = journal[0]?.data as { reviewers: { id: string; name: string }[] };
    const taker = opened.reviewers.find((r) => r.id === journal.find((e) => e.kind === 'capture.taken')?.actor);
    const theirs = journal
      .filter((e) => e.kind === 'capture.taken' && e.actor === taker?.id)
      .map((e) => (e.data as { sha256: string }).sha256);
    expect(theirs.length).toBeGreaterThan(0);
    const accounts = join(out, 'accounts');
    const args = ['statement', '--data', data, '--ref', ref, '--by', taker?.name ?? '', '--out', accounts];
    expect((await runCli(args, { COUNTERSIGN_PASSPHRASE: '' })).code).toBe(2);
    const account = await runCli(args, { COUNTERSIGN_PASSPHRASE: base.staff[1]?.passphrase ?? '' });
    expect(account.code, account.stderr).toBe(0);
    const pdf = account.stdout.match(/^Wrote (.+\.pdf)$/m)?.[1] ?? '';
    const text = spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s/g, '');
    for (const sha of theirs) expect(text).toContain(sha);
  });

  it(
    'halt: capture refused from then on, the purged ' + 'capture destroyed, no image of the page anywhere on disk',
    async () => {
      const tmp = await tempDir('cs-run-tmp-');
      const { result, data } = await run(
        {
          reviewers: ['ah', 'ds'],
          reason: 'A pupil reported an image',
          subject: { kind: 'pupil', ref: 'P-9' },
          category: 'Inappropriate content',
          steps: [
            { do: 'triage', illegalSuspected: false },
            { do: 'navigate', url: `${server.url}/halt/index.html` },
            { do: 'capture', mode: 'viewport', concern: 'Placeholder page' },
            { do: 'navigate', url: `${server.url}/suspect/` },
            { do: 'capture', mode: 'fullpage', concern: 'Image on the page' },
            { do: 'halt', url: `${server.url}/suspect/`, purge: [2] },
            { do: 'capture', mode: 'viewport' },
            { do: 'navigate', url: `${server.url}/social/index.html` },
            { do: 'judge', substance: true, actions: ['police'], policeReasons: ['other-criminal'] },
            { do: 'isolate', checks: ["The pupil's tablet was switched off and locked in the safe"] },
            // Rules 2: the conclusion waits until the police are recorded as told, with their reference.
            { do: 'conclude', text: 'Referred to the police; reference pending.' },
            { do: 'told', who: 'police101', reference: 'CAD-5120', how: 'phone', by: 'ds' },
            { do: 'conclude', text: 'Referred to the police (CAD-5120).' },
            { do: 'signoff' },
            { do: 'export', recipient: 'police' },
          ],
        },
        tmp,
      );
      const steps = result.steps as { ok: boolean; error?: { code: string }; sha256?: string; purged?: string[] }[];
      expect(steps.map((s) => (s.ok ? 'ok' : s.error?.code))).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
        'ok',
        'ok',
        'CAPTURE_LOCKED',
        'PROCEDURE_FORBIDS',
        'ok',
        'ok',
        'PROCEDURE_FORBIDS',
        'ok',
        'ok',
        'ok',
        'ok',
      ]);
      expect(steps[11]).toMatchObject({ who: 'Police (non-emergency)', police: true });
      // The bundle verifies, holds only the capture taken before the suspect page, and says why capture was refused.
      const bundle = result.bundles[0] as string;
      const verified = await runCli(['verify', bundle, '--json']);
      expect(verified.code, verified.stdout).toBe(0);
      expect(JSON.parse(verified.stdout).valid).toBe(true);
      const opened = await openBundle(bundle);
      const names = [...opened.source.files.keys()];
      expect(names.filter((n) => n.startsWith('data/screenshots/'))).toEqual([
        `data/screenshots/${steps[2]?.sha256}.png`,
      ]);
      expect(Buffer.from(await readWhole(opened.source, 'data/VERIFY.txt', 1e6)).toString('utf8')).toMatch(/halted/i);
      await opened.close();
      const purgedSha = steps[4]?.sha256 ?? '';
      expect(steps[5]?.purged).toEqual([purgedSha]);
      const ref = result.incident.ref as string;
      const journal = await decodedJournal(data, ref);
      // The kept capture's page source stays beside it; the purged one's, holding the marker, is destroyed with it.
      const sources = journal.flatMap((e) =>
        e.kind === 'capture.taken' ? [(e.data as { page?: { source: { sha256: string } } }).page?.source.sha256] : [],
      );
      expect(sources).toHaveLength(2);
      expect((await readdir(join(data, 'incidents', ref, 'files'))).sort()).toEqual(
        [steps[2]?.sha256, sources[0]].sort(),
      );
      expect(names.filter((n) => /^data\/(sources|connections)\//.test(n)).sort()).toEqual(
        [`data/connections/${steps[2]?.sha256}.json`, `data/sources/${sources[0]}.html`].sort(),
      );
      const kindsSeen = journal.map((e) => e.kind);
      expect(kindsSeen).toContain('review.halted');
      expect(kindsSeen).toContain('capture.purged');
      // The marker is in the page's heading and in its image: neither the data folder nor the temporary folder may hold
      // it.
      expect(await filesContaining(data, MARKER)).toEqual([]);
      expect(await filesContaining(tmp, MARKER)).toEqual([]);
      expect(await filesContaining(dirname(bundle), MARKER)).toEqual([]);
    },
  );

  it('triage "yes": no review on this computer, capture locked, the police route followed', async () => {
    const { result } = await run({
      reviewers: ['ah', 'ds'],
      reason: 'Suspected indecent image',
      subject: { kind: 'staff', ref: 'S-3' },
      category: 'Illegal',
      steps: [
        { do: 'triage', illegalSuspected: true },
        { do: 'navigate', url: `${server.url}/social/index.html` },
        { do: 'capture', mode: 'viewport' },
        { do: 'refer', to: 'Police (101)', reference: 'CAD-123' },
        { do: 'isolate', checks: ['Laptop seized and bagged'] },
        { do: 'conclude', text: 'Handed to the police.' },
      ],
    });
    expect(result.steps.map((s: { ok: boolean; error?: { code: string } }) => (s.ok ? 'ok' : s.error?.code))).toEqual([
      'ok',
      'PROCEDURE_FORBIDS',
      'CAPTURE_LOCKED',
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('records who reported it, a site and a device without capture, who was told, and follow-ups', async () => {
    const { result, out } = await run({
      reviewers: ['ah', 'ds'],
      reason: 'A pupil showed messages from an adult',
      subject: { kind: 'pupil', ref: 'P-31' },
      category: 'Grooming or exploitation concern',
      reportedBy: 'Form tutor, Year 7',
      steps: [
        { do: 'triage', illegalSuspected: false },
        {
          do: 'site',
          url: 'http://chat.example.invalid/u/nightowl',
          concern: 'The adult’s profile, named by the pupil.',
        },
        { do: 'site', device: 'Pupil’s school tablet, asset tag 4471', concern: 'The messages are on it.' },
        { do: 'site', url: 'http://a.invalid/', device: 'both', concern: 'Refused: one or the other.' },
        { do: 'told', who: 'Parent of P-31', how: 'in-person' },
        { do: 'judge', substance: true, actions: ['internal'], sanctionRow: 'x', sanctions: ['Refer to Police'] },
        {
          do: 'judge',
          substance: true,
          actions: ['internal', 'police'],
          policeReasons: ['grooming'],
          sanctionRow: 'Deliberately accessing or trying to access offensive or pornographic material',
          sanctions: ['Refer to Police'],
        },
        { do: 'told', who: 'Police (non-emergency)', reference: 'CAD-777', at: '2026-11-24T10:15:00Z' },
        { do: 'isolate', checks: ['The tablet is in the safe'] },
        { do: 'conclude', text: 'Referred to the police.' },
        { do: 'signoff' },
        { do: 'followup', kind: 'internal-procedures', text: 'Too soon: no police response yet.' },
        { do: 'followup', kind: 'police-response', text: 'No offence disclosed (CAD-777).', by: 'ds' },
        {
          do: 'followup',
          kind: 'internal-procedures',
          text: 'Back under the behaviour policy.',
          judgement: { substance: true, actions: ['internal'] },
        },
        { do: 'followup', kind: 'debrief', text: 'Debrief with the DSL team.' },
        { do: 'export', recipient: 'police' },
      ],
    });
    const codes = result.steps.map((s: { ok: boolean; error?: { code: string } }) => (s.ok ? 'ok' : s.error?.code));
    expect(codes).toEqual([
      'ok',
      'ok',
      'ok',
      'INVALID_INPUT',
      'ok',
      'INVALID_INPUT',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'PROCEDURE_FORBIDS',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(result.steps[4]).toMatchObject({ who: 'Parent of P-31', police: false });
    expect(result.steps[7]).toMatchObject({ who: 'Police (non-emergency)', police: true });
    const bundle = result.bundles[0] as string;
    const verified = await runCli(['verify', bundle, '--json']);
    expect(verified.code, verified.stdout).toBe(0);
    const opened = await openBundle(bundle);
    const record = JSON.parse(Buffer.from(await readWhole(opened.source, 'data/incident.json', 1e7)).toString('utf8'));
    const urls = Buffer.from(await readWhole(opened.source, 'data/urls.csv', 1e7)).toString('utf8');
    await opened.close();
    expect(record.reportedBy).toBe('Form tutor, Year 7');
    expect(record.sites).toHaveLength(2);
    expect(record.told.map((t: { toldAt: string }) => t.toldAt)[1]).toBe('2026-11-24T10:15:00.000Z');
    expect(record.judgement.sanctionRow).toBe(
      'Deliberately accessing or trying to access offensive or pornographic material',
    );
    expect(record.followUps.map((f: { kind: string }) => f.kind)).toEqual([
      'police-response',
      'internal-procedures',
      'debrief',
    ]);
    expect(urls).toContain('"site.recorded","http://chat.example.invalid/u/nightowl"');
    expect(urls).toContain('Device: Pupil’s school tablet, asset tag 4471');
    expect(out).toBeTruthy();
  });

  it('the same person twice: SAME_PERSON, and no step runs', async () => {
    const { result, cli } = await run({
      reviewers: ['ah', 'ah'],
      reason: 'r',
      subject: { kind: 'pupil', ref: 'P-1' },
      category: 'c',
      steps: [{ do: 'triage', illegalSuspected: false }],
    });
    expect(cli.code).toBe(1);
    expect(result.incident.error.code).toBe('SAME_PERSON');
    expect(result.steps[0].error.code).toBe('SAME_PERSON');
  });

  it("a staff member's name that would not print as typed exits 2 naming them, before any vault is made", async () => {
    const dir = await tempDir('cs-run-hidden-');
    const scenario = join(dir, 'scenario.json');
    const staff = [base.staff[0], { ...base.staff[1], name: 'D.\u200b Lead' }];
    const body = {
      ...base,
      staff,
      incident: {
        reviewers: ['ah', 'ds'],
        reason: 'r',
        subject: { kind: 'pupil', ref: 'P-1' },
        category: 'c',
        steps: [{ do: 'triage', illegalSuspected: false }],
      },
    };
    await writeFile(scenario, JSON.stringify(body));
    const r = await runCli(['run', scenario, '--data', join(dir, 'data'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Staff member ds's name holds a character that prints as nothing \(U\+200B\)/);
    expect(existsSync(join(dir, 'data', 'vault.json'))).toBe(false);
  });

  it('an unreadable scenario exits 2', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 's.json'), '{"version": 2}');
    const r = await runCli(['run', join(dir, 's.json'), '--data', join(dir, 'd'), '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenario is not valid: version/);
  });

  it('adds a new incident to an existing vault when the staff match it, and refuses staff that do not', async () => {
    const dir = await tempDir('cs-run-again-');
    const data = join(dir, 'data');
    const incident = {
      reviewers: ['ah', 'ds'],
      reason: 'Suspected indecent image',
      subject: { kind: 'staff', ref: 'S-4' },
      category: 'Illegal',
      steps: [{ do: 'triage', illegalSuspected: true }],
    };
    const once = async (staff: typeof base.staff, out: string) => {
      const scenario = join(dir, `${out}.json`);
      await writeFile(scenario, JSON.stringify({ ...base, staff, incident }));
      return runCli(['run', scenario, '--data', data, '--out', join(dir, out)]);
    };
    expect((await once(base.staff, 'first')).code).toBe(0);
    expect((await once(base.staff, 'second')).code).toBe(0);
    const first = JSON.parse(await readFile(join(dir, 'first', 'result.json'), 'utf8'));
    const second = JSON.parse(await readFile(join(dir, 'second', 'result.json'), 'utf8'));
    expect(second.incident.ref).not.toBe(first.incident.ref);
    expect((await readdir(join(data, 'incidents'))).sort()).toEqual([first.incident.ref, second.incident.ref].sort());
    const impostor = [
      base.staff[0],
      { ...base.staff[1], passphrase: 'a different long passphrase 9' },
    ] as typeof base.staff;
    const refused = await once(impostor, 'third');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/does not match this vault/);
    expect(await readdir(join(data, 'incidents'))).toHaveLength(2);
  });
});
