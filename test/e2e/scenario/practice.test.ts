// `countersign practice --out <dir>`: the practice incident from start to a bundle that verifies, as staff would run it
// to train.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '@test/helpers/cli';
import { tempDir } from '@test/helpers/vault';

describe('countersign practice', () => {
  it('runs the practice incident end to end and writes a bundle that verifies', async () => {
    const dir = await tempDir('cs-practice-');
    const out = join(dir, 'out');
    const r = await runCli(['practice', '--out', out, '--data', join(dir, 'data')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
    expect(result.steps.every((s: { ok: boolean }) => s.ok)).toBe(true);
    expect(result.steps.filter((s: { do: string }) => s.do === 'capture')).toHaveLength(5);
    expect(result.bundles).toHaveLength(1);
    const verified = await runCli(['verify', result.bundles[0], '--json']);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report.valid).toBe(true);
    expect(report.screenshots).toBeDefined();
  });

  it('needs --out', async () => {
    expect((await runCli(['practice'])).code).toBe(2);
  });
});
