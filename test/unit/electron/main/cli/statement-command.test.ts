// `countersign statement`: one reviewer's account of a signed-off incident as a PDF, from the vault in place, with
// every screenshot they captured by its SHA-256, the halt and who was told, and no image.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '@test/helpers/cli';
import { haltedIncident, REFERRAL_REFERENCE } from '@test/helpers/recorded-incidents';
import { incidentInReview, newVault, tempDir } from '@test/helpers/vault';

const run = promisify(execFile);
const pdfText = async (path: string): Promise<string> => (await run('pdftotext', ['-raw', path, '-'])).stdout;

describe('countersign statement', () => {
  it('writes the reviewer’s account as a PDF: their capture hashes, the halt, who was told, no image', async () => {
    const built = await haltedIncident();
    const out = join(await tempDir(), 'accounts');
    const ref = built.store.ref;
    const r = await runCli(['statement', '--data', built.vault.dataDir, '--ref', ref, '--by', 'a. head', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const path = join(out, `${ref}-account-a-head.pdf`);
    expect(r.stdout).toContain(`Wrote ${path}`);
    const text = (await pdfText(path)).replace(/\s+/g, ' ');
    // A long hash may wrap: compare without the spaces the layout put in.
    const joined = text.replace(/\s/g, '');
    for (const sha of built.captures) expect(joined).toContain(sha);
    expect(text).toContain('My account of what I did');
    expect(text).toContain('Generated from the signed record, for you to check.');
    expect(text).toContain('D. Lead pressed Halt');
    expect(text).toContain('Police (101) was told');
    expect(joined).toContain(REFERRAL_REFERENCE);
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).toContain('OFFICIAL-SENSITIVE');
    const images = await run('pdfimages', ['-list', path]);
    expect(images.stdout.trim().split('\n')).toHaveLength(2);
    const info = await run('pdfinfo', [path]);
    expect(info.stdout).toContain(`Account of A. Head, incident ${ref}`);
  });

  it('exits 2, saying who the reviewers are, for a name that is not a reviewer of the incident', async () => {
    const built = await haltedIncident();
    const out = join(await tempDir(), 'accounts');
    const ref = built.store.ref;
    const r = await runCli([
      'statement',
      '--data',
      built.vault.dataDir,
      '--ref',
      ref,
      '--by',
      'C. Smith',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `"C. Smith" is not a reviewer of incident ${ref}: its reviewers are "A. Head" and "D. Lead"`,
    );
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('exits 2 for an incident not signed off, one not in the vault, and missing arguments', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const out = join(await tempDir(), 'accounts');
    const data = vault.dataDir;
    const open = await runCli(['statement', '--data', data, '--ref', store.ref, '--by', 'A. Head', '--out', out]);
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/once both reviewers have signed the record off/);
    const missing = await runCli([
      'statement',
      '--data',
      data,
      '--ref',
      'CS-20990101-000000',
      '--by',
      'A. Head',
      '--out',
      out,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no incident CS-20990101-000000');
    expect((await runCli(['statement', '--data', data, '--ref', store.ref, '--out', out])).code).toBe(2);
    // Nothing was written into the vault: the journal is as it was.
    const journal = join(data, 'incidents', store.ref, 'journal.jsonl');
    const before = await readFile(journal);
    await runCli(['statement', '--data', data, '--ref', store.ref, '--by', 'A. Head', '--out', out]);
    expect(await readFile(journal)).toEqual(before);
  });
});
