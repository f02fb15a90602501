// `countersign log`: the incident log and governors' summary from a vault in place, as CSV and PDF, for a period.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '@test/helpers/cli';
import {
  followedUpIncident,
  normalIncident,
  POLICE_REFERENCE,
  REPORTED_BY,
  SITE_URL,
} from '@test/helpers/recorded-incidents';
import { tempDir } from '@test/helpers/vault';

const pdfText = async (path: string): Promise<string> =>
  (await promisify(execFile)('pdftotext', ['-layout', path, '-'])).stdout;

describe('countersign log', () => {
  it('writes the four files for every incident in the vault, the summary with no one in it', async () => {
    const built = await followedUpIncident();
    const out = join(await tempDir(), 'log');
    const r = await runCli(['log', '--data', built.vault.dataDir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('The log lists 1 incident(s)');
    const log = await readFile(join(out, 'incident-log.csv'), 'utf8');
    expect(
      log.startsWith('\ufeffDate,Time,Incident,"Action taken (what, by whom)",Incident reported by,Signature\r\n'),
    ).toBe(true);
    expect(log).toContain(REPORTED_BY);
    expect(log).toContain(built.store.ref);
    const summary = await readFile(join(out, 'governors-summary.csv'), 'utf8');
    expect(summary).toContain('Total,All incidents,1');
    for (const secret of [REPORTED_BY, built.store.ref, SITE_URL, POLICE_REFERENCE, 'A. Head'])
      expect(summary, secret).not.toContain(secret);
    const logPdf = await pdfText(join(out, 'incident-log.pdf'));
    expect(logPdf).toContain('Online safety incident log');
    expect(logPdf).toContain(built.store.ref);
    const summaryPdf = await pdfText(join(out, 'governors-summary.pdf'));
    expect(summaryPdf).toContain('summary for governors');
    expect(summaryPdf).not.toContain(built.store.ref);
  });

  it('keeps to the period given, and says so', async () => {
    const built = await normalIncident();
    const out = join(await tempDir(), 'log');
    const r = await runCli([
      'log',
      '--data',
      built.vault.dataDir,
      '--out',
      out,
      '--from',
      '2020-01-01',
      '--to',
      '2020-12-31',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('The log lists 0 incident(s) opened 1 January 2020 to 31 December 2020');
    expect(await readFile(join(out, 'incident-log.csv'), 'utf8')).not.toContain(built.store.ref);
  });

  it('exits 2 when misused: no --out, a day not written YYYY-MM-DD, a period that ends before it starts', async () => {
    const built = await normalIncident();
    const data = built.vault.dataDir;
    const out = join(await tempDir(), 'log');
    expect((await runCli(['log', '--data', data])).code).toBe(2);
    const bad = await runCli(['log', '--data', data, '--out', out, '--from', '01/09/2026']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from must be a day written YYYY-MM-DD/);
    const backwards = await runCli(['log', '--data', data, '--out', out, '--from', '2026-09-01', '--to', '2026-08-01']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/after --to/);
  });
});
