// `countersign profiles [--json]` through the built command line: every built-in profile with its id, name, source file
// and review date.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES } from '@shared/policy/profile-registry';
import { listProfiles, profileListing } from '@main/cli/profiles-command';
import { runCli } from '@test/helpers/cli';

describe('countersign profiles', () => {
  it('lists every built-in profile as JSON: id, name, source file and review date', async () => {
    const r = await runCli(['profiles', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { profiles } = JSON.parse(r.stdout) as { profiles: { id: string; file: string | null }[] };
    expect(profiles.map((p) => p.id)).toEqual(BUILT_IN_PROFILES.map((p) => p.id));
    expect(profiles.find((p) => p.id === 'st-wilfrids')).toMatchObject({
      name: 'St Wilfrid’s RC Primary School Online Safety Policy',
      file: '001_5c3ed894315215fa.txt',
      reviewDue: 'September 2022',
      reviewBy: '2022-09-30',
      pastReview: true,
    });
    expect(profiles.find((p) => p.id === 'gloucester-house')).toMatchObject({
      file: '003_477b47ee3b0ca0b8.txt',
      reviewDue: null,
      pastReview: false,
    });
  });

  it('prints two lines a profile for a person, saying which are past their review date', async () => {
    const r = await runCli(['profiles']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(BUILT_IN_PROFILES.length * 2);
    expect(lines[2]).toMatch(/^forest-ce-federation {2}Forest CE Federation Online Safety Policy 2025-2027$/);
    expect(lines[3]).toMatch(/from 000_e355d01dfdc378d2\.txt; due for review May 2024 \(past\)$/);
  });

  it('says a policy is past review only after its date', () => {
    const forest = (at: string) => profileListing(new Date(at)).find((p) => p.id === 'forest-ce-federation');
    expect(forest('2024-05-15T12:00:00.000Z')?.pastReview).toBe(false);
    expect(forest('2024-06-02T12:00:00.000Z')?.pastReview).toBe(true);
    const out: string[] = [];
    listProfiles(false, { log: (s) => out.push(s), error: () => undefined }, new Date('2024-05-15T12:00:00.000Z'));
    expect(out.join('\n')).toContain('due for review May 2024\n');
  });

  it('refuses an option it does not have (exit 2)', async () => {
    const r = await runCli(['profiles', '--all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/countersign profiles: .*--all/);
  });
});
