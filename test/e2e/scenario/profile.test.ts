// A scenario's "profile" through `countersign run`: the incident follows that policy and its bundle's form prints the
// policy's own name and words; an existing vault keeps its own; the member of staff concerned cannot review.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWhole } from '@shared/evidence/bundle/bag-source';
import { openBundle } from '@main/verify/bundle-reader';
import { runCli } from '@test/helpers/cli';
import { tempDir } from '@test/helpers/vault';

const staff = [
  { id: 'ah', name: 'A. Head', role: 'Acting Headteacher', passphrase: 'amber kettle walks north 42' },
  { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead', passphrase: 'seven quiet owls by the river' },
  { id: 'tc', name: 'T. Class', role: 'Class teacher', passphrase: 'nine green lamps over the bridge' },
];

const scenario = (profile: string | undefined, incident: object) => ({
  version: 1,
  organisation: 'Gloucester House',
  computer: { name: 'SAFEGUARD-LAPTOP-1', location: 'Locked cabinet' },
  ...(profile ? { profile } : {}),
  staff,
  incident,
});

const POLICE_ROUTE = {
  reviewers: ['ah', 'ds'],
  reason: 'A member of staff was reported viewing illegal material on a school laptop.',
  subject: { kind: 'staff', ref: 'S-7', staff: 'tc', headteacher: false },
  category: 'Illegal',
  steps: [
    { do: 'triage', illegalSuspected: true },
    { do: 'refer', to: 'Police (101)', reference: 'CAD-88' },
    { do: 'isolate', checks: ['Laptop taken out of use and locked away'] },
    { do: 'conclude', text: 'Handed to the police.' },
    { do: 'signoff' },
    { do: 'export', recipient: 'police' },
  ],
};

const runIn = async (dir: string, name: string, json: object) => {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(json));
  const cli = await runCli(['run', file, '--data', join(dir, 'data'), '--out', join(dir, name)]);
  const result = await readFile(join(dir, name, 'result.json'), 'utf8').then(JSON.parse, () => null);
  return { cli, result };
};

const formText = async (bundle: string, dir: string): Promise<string> => {
  const opened = await openBundle(bundle);
  const pdf = join(dir, 'form.pdf');
  await writeFile(pdf, await readWhole(opened.source, 'data/form.pdf', 64 * 1024 * 1024));
  await opened.close();
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
};

describe('a scenario that names its policy profile', () => {
  it('runs under Gloucester House’s policy: its form names it and quotes its words, never its id', async () => {
    const dir = await tempDir('cs-profile-');
    const { cli, result } = await runIn(dir, 'first', scenario('gloucester-house', POLICE_ROUTE));
    expect(cli.code, cli.stderr + JSON.stringify(result?.steps)).toBe(0);
    const text = (await formText(result.bundles[0], dir)).replace(/\s+/g, ' ');
    expect(text).toContain('Gloucester House Online Safety Policy');
    expect(text).toContain('The policy prints no review date.');
    expect(text).toContain('A member of staff registered in Countersign; not one of the reviewers of this incident.');
    expect(text).toContain('Acting Headteacher (Chilo Graham)');
    expect(text).not.toContain('gloucester-house');
    expect(text).not.toContain('Police involvement and/or action');
    const verified = await runCli(['verify', result.bundles[0], '--json']);
    expect(verified.code, verified.stdout).toBe(0);

    // The vault now follows Gloucester House: a scenario asking for another policy is refused before anything runs.
    const other = await runIn(dir, 'second', scenario('forest-ce-federation', POLICE_ROUTE));
    expect(other.cli.code).toBe(2);
    expect(other.cli.stderr).toContain(
      'follows Gloucester House Online Safety Policy (profile "gloucester-house"), not profile "forest-ce-federation"',
    );
    // The same policy, or none named, adds an incident to it.
    expect((await runIn(dir, 'third', scenario(undefined, { ...POLICE_ROUTE, steps: [] }))).cli.code).toBe(0);
  }, 120_000);

  it('refuses a profile that is not built in, naming those that are', async () => {
    const dir = await tempDir('cs-profile-');
    const { cli } = await runIn(dir, 'first', scenario('nowhere-high', { ...POLICE_ROUTE, steps: [] }));
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(
      'Unknown policy profile "nowhere-high"; built in: swgfl-template, forest-ce-federation',
    );
  });

  it('refuses the member of staff the concern is about as a reviewer (SAME_PERSON), running no step', async () => {
    const dir = await tempDir('cs-profile-');
    const incident = { ...POLICE_ROUTE, subject: { kind: 'staff', ref: 'S-7', staff: 'ds' } };
    const { cli, result } = await runIn(dir, 'first', scenario('st-wilfrids', incident));
    expect(cli.code).toBe(1);
    expect(result.incident.error).toEqual({
      code: 'SAME_PERSON',
      message:
        'D. Lead is the member of staff the concern is about, so cannot review it. ' +
        'Two other senior members of staff must start the incident.',
    });
    expect(result.steps.every((s: { ok: boolean }) => !s.ok)).toBe(true);
  });
});
